import { readFileSync } from 'node:fs';
import { dirname, resolve as resolvePath } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getLevelNamesMapping } from '@logweave/core';
import { BY_PYTHON_NAME } from './class-registry.js';
import { buildAndSwap, collectRefs } from './dict-config.js';
import { ConfigError } from './errors.js';
import { IniFile } from './ini-parser.js';
import { parsePythonLiteral } from './py-literal.js';
import { type ResolveOptions, Resolver } from './resolver.js';

/** Options of {@link fileConfig}. */
export interface FileConfigOptions extends ResolveOptions {
  /** Values for `%(key)s` interpolation, as `fileConfig(fname, defaults)`. */
  defaults?: Readonly<Record<string, string>>;
  /** Disable existing loggers the file does not name (and that are not their children). @default true */
  disable_existing_loggers?: boolean;
  /** The file's encoding. @default 'utf-8' */
  encoding?: BufferEncoding;
}

/** What `fileConfig` reads: a path, a file URL, or the INI text itself (`{ text }`). */
export type FileConfigSource = string | URL | { readonly text: string };

const FACILITIES: Record<string, number> = {
  LOG_KERN: 0,
  LOG_USER: 1,
  LOG_MAIL: 2,
  LOG_DAEMON: 3,
  LOG_AUTH: 4,
  LOG_SYSLOG: 5,
  LOG_LPR: 6,
  LOG_NEWS: 7,
  LOG_UUCP: 8,
  LOG_CRON: 9,
  LOG_AUTHPRIV: 10,
  LOG_FTP: 11,
  LOG_NTP: 12,
  LOG_SECURITY: 13,
  LOG_CONSOLE: 14,
  LOG_SOLCRON: 15,
  LOG_LOCAL0: 16,
  LOG_LOCAL1: 17,
  LOG_LOCAL2: 18,
  LOG_LOCAL3: 19,
  LOG_LOCAL4: 20,
  LOG_LOCAL5: 21,
  LOG_LOCAL6: 22,
  LOG_LOCAL7: 23,
};

/** The names `args=`/`kwargs=` may use (CPython evaluates them in `vars(logging)`). */
function literalNames(resolver: Resolver): Map<string, unknown> {
  const names = new Map<string, unknown>();
  names.set('sys.stdout', resolver.resolve('sys.stdout', 'args'));
  names.set('sys.stderr', resolver.resolve('sys.stderr', 'args'));
  for (const [k, v] of Object.entries(getLevelNamesMapping())) {
    names.set(k, v);
    names.set(`logging.${k}`, v);
  }
  for (const prefix of ['handlers.', 'logging.handlers.']) {
    names.set(`${prefix}SYSLOG_UDP_PORT`, 514);
    names.set(`${prefix}SYSLOG_TCP_PORT`, 514);
    names.set(`${prefix}DEFAULT_TCP_LOGGING_PORT`, 9020);
    names.set(`${prefix}DEFAULT_UDP_LOGGING_PORT`, 9021);
    names.set(`${prefix}DEFAULT_HTTP_LOGGING_PORT`, 9022);
    for (const [k, v] of Object.entries(FACILITIES)) names.set(`${prefix}SysLogHandler.${k}`, v);
  }
  names.set('socket.SOCK_STREAM', 'tcp');
  names.set('socket.SOCK_DGRAM', 'udp');
  return names;
}

function list(v: string | undefined): string[] {
  if (v === undefined || v.trim() === '') return [];
  return v.split(',').map((s) => s.trim());
}

/** A class name as `fileConfig` reads it: `StreamHandler` and `handlers.X` are logging's. */
function className(name: string): string {
  const n = name.trim();
  if (BY_PYTHON_NAME.has(`logging.${n}`)) return `logging.${n}`;
  return n;
}

interface IniPlan {
  config: Record<string, unknown>;
  positional: Map<string, unknown[]>;
  /** dict path prefix → INI section, to name errors by section. */
  sections: Map<string, string>;
}

/** Turns an INI file into the dictionary (plus positional args) the builder takes. */
export function iniToDict(ini: IniFile, resolver: Resolver, disableExisting: boolean): IniPlan {
  const sections = new Map<string, string>();
  const need = (name: string): void => {
    if (!ini.has(name)) throw new ConfigError(name, `missing section [${name}]`);
  };
  const formatters: Record<string, unknown> = {};
  need('formatters');
  for (const f of list(ini.get('formatters', 'keys'))) {
    const sec = `formatter_${f}`;
    need(sec);
    sections.set(`formatters.${f}`, sec);
    const spec: Record<string, unknown> = {};
    const fmt = ini.get(sec, 'format', true);
    if (fmt !== undefined) spec.format = fmt;
    const dfmt = ini.get(sec, 'datefmt', true);
    if (dfmt !== undefined) spec.datefmt = dfmt;
    spec.style = ini.get(sec, 'style', true) ?? '%';
    const cls = ini.get(sec, 'class');
    if (cls) spec.class = className(cls);
    formatters[f] = spec;
  }
  const names = literalNames(resolver);
  const handlers: Record<string, unknown> = {};
  const positional = new Map<string, unknown[]>();
  need('handlers');
  for (const h of list(ini.get('handlers', 'keys'))) {
    const sec = `handler_${h}`;
    need(sec);
    sections.set(`handlers.${h}`, sec);
    const cls = ini.get(sec, 'class');
    if (cls === undefined) throw new ConfigError(`${sec}.class`, 'missing');
    const spec: Record<string, unknown> = { class: className(cls) };
    const args = parsePythonLiteral(ini.get(sec, 'args') ?? '()', `${sec}.args`, names);
    positional.set(h, Array.isArray(args) ? args : [args]);
    const kwargs = parsePythonLiteral(ini.get(sec, 'kwargs') ?? '{}', `${sec}.kwargs`, names);
    if (kwargs === null || typeof kwargs !== 'object' || Array.isArray(kwargs)) {
      throw new ConfigError(`${sec}.kwargs`, 'must be a dict literal');
    }
    Object.assign(spec, kwargs);
    const level = ini.get(sec, 'level');
    if (level !== undefined)
      spec.level = /^-?\d+$/.test(level.trim()) ? Number(level) : level.trim();
    const fmt = ini.get(sec, 'formatter');
    if (fmt) spec.formatter = fmt.trim();
    const target = ini.get(sec, 'target');
    if (target && /MemoryHandler$/.test(String(spec.class))) spec.target = target.trim();
    handlers[h] = spec;
  }
  need('loggers');
  const llist = list(ini.get('loggers', 'keys'));
  if (!llist.includes('root')) throw new ConfigError('loggers.keys', "must include 'root'");
  need('logger_root');
  sections.set('root', 'logger_root');
  const rootSpec: Record<string, unknown> = { handlers: list(ini.get('logger_root', 'handlers')) };
  const rootLevel = ini.get('logger_root', 'level');
  if (rootLevel !== undefined) rootSpec.level = rootLevel.trim();
  const loggers: Record<string, unknown> = {};
  for (const l of llist) {
    if (l === 'root') continue;
    const sec = `logger_${l}`;
    need(sec);
    const qn = ini.get(sec, 'qualname');
    if (qn === undefined) throw new ConfigError(`${sec}.qualname`, 'missing');
    sections.set(`loggers.${qn}`, sec);
    const spec: Record<string, unknown> = { handlers: list(ini.get(sec, 'handlers')) };
    const prop = ini.get(sec, 'propagate') ?? '1';
    if (!/^\s*-?\d+\s*$/.test(prop))
      throw new ConfigError(
        `${sec}.propagate`,
        `invalid literal for int() with base 10: '${prop}'`,
      );
    spec.propagate = Number(prop) !== 0;
    const level = ini.get(sec, 'level');
    if (level !== undefined) spec.level = level.trim();
    loggers[qn] = spec;
  }
  return {
    config: {
      version: 1,
      formatters,
      handlers,
      loggers,
      root: rootSpec,
      disable_existing_loggers: disableExisting,
    },
    positional,
    sections,
  };
}

function rename(e: ConfigError, sections: Map<string, string>): ConfigError {
  for (const [prefix, sec] of sections) {
    if (e.path === prefix || e.path.startsWith(`${prefix}.`) || e.path.startsWith(`${prefix}[`)) {
      const rest = e.path.slice(prefix.length).replace(/^\./, '');
      const p =
        rest === '' && prefix.startsWith('handlers.')
          ? `${sec}.args`
          : rest
            ? `${sec}.${rest}`
            : sec;
      return new ConfigError(p, e.reason, { hint: e.hint, cause: e.cause });
    }
  }
  return e;
}

function readSource(
  source: FileConfigSource,
  options: FileConfigOptions,
): { text: string; baseDir: string } {
  if (typeof source === 'object' && !(source instanceof URL))
    return { text: source.text, baseDir: options.baseDir ?? process.cwd() };
  const path = source instanceof URL ? fileURLToPath(source) : resolvePath(source);
  let text: string;
  try {
    text = readFileSync(path, options.encoding ?? 'utf8');
  } catch (e) {
    throw new ConfigError('', `cannot read ${path}: ${(e as Error).message}`, { cause: e });
  }
  if (text.trim() === '') throw new ConfigError('', `${path} is an empty file`);
  return { text, baseDir: options.baseDir ?? dirname(path) };
}

/**
 * Python's `logging.config.fileConfig`, without eval and all or nothing: the INI file's
 * `args=`/`kwargs=` are read by a Python-literal parser (strings, numbers, tuples, lists,
 * dicts, `sys.stdout`/`sys.stderr`, level and syslog constants); anything else is a
 * {@link ConfigError} naming the section and key (`handler_h.args`). The topology is built
 * aside and swapped in at once, as {@link dictConfig} does.
 */
export async function fileConfig(
  source: FileConfigSource,
  options: FileConfigOptions = {},
): Promise<void> {
  const { text, baseDir } = readSource(source, options);
  const resolver = new Resolver({ ...options, baseDir });
  const ini = new IniFile(text, options.defaults);
  const classes = new Set<string>();
  for (const s of ini.sections.keys()) {
    const c = ini.get(s, 'class');
    if (c && (s.startsWith('handler_') || s.startsWith('formatter_'))) classes.add(className(c));
  }
  await resolver.preload(classes);
  const plan = iniToDict(ini, resolver, options.disable_existing_loggers ?? true);
  await resolver.preload(collectRefs(plan.config));
  try {
    await buildAndSwap(plan.config, resolver, { positional: plan.positional });
  } catch (e) {
    throw e instanceof ConfigError ? rename(e, plan.sections) : e;
  }
}
