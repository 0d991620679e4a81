import { getManager } from '@logweave/core';
import { BY_PYTHON_NAME } from './class-registry.js';
import { isPlainObject } from './converter.js';
import { FORMATTER_KEYS, LOGGER_KEYS, TOP_KEYS } from './dict-configurator.js';
import { didYouMean, joinPath } from './errors.js';

/** One finding of {@link lint}. */
export interface LintFinding {
  /** `error`: dictConfig would reject it; `warning`: it applies, probably not as meant. */
  readonly severity: 'error' | 'warning';
  /** A stable identifier: `dangling-handler`, `disabled-loggers`, `unknown-key`, ... */
  readonly code: string;
  /** Where, in dictConfig paths. */
  readonly path: string;
  readonly message: string;
  readonly hint?: string;
}

/** Options of {@link lint}. */
export interface LintOptions {
  /**
   * The logger names that exist when the configuration is applied (to list the ones
   * `disable_existing_loggers` would mute). Defaults to this process's loggers.
   */
  existingLoggers?: readonly string[];
}

const HANDLER_KEYS = [
  'class',
  '()',
  'level',
  'formatter',
  'filters',
  '.',
  'stream',
  'filename',
  'mode',
  'encoding',
  'delay',
  'errors',
  'target',
  'capacity',
  'flushLevel',
  'flushOnClose',
  'queue',
  'listener',
  'handlers',
  'respect_handler_level',
  'maxBytes',
  'backupCount',
  'when',
  'interval',
  'utc',
  'atTime',
  'host',
  'port',
  'address',
  'facility',
  'socktype',
  'url',
  'method',
  'secure',
  'credentials',
  'context',
  'mailhost',
  'fromaddr',
  'toaddrs',
  'subject',
  'timeout',
];

/**
 * Checks a dictConfig dictionary without applying it: loggers that
 * `disable_existing_loggers` would disable, names that refer to nothing, misspelt keys
 * (with the nearest valid one), sections `incremental` ignores, unknown classes, and
 * definitions nothing uses.
 */
export function lint(config: unknown, options: LintOptions = {}): LintFinding[] {
  const out: LintFinding[] = [];
  const add = (
    severity: LintFinding['severity'],
    code: string,
    path: string,
    message: string,
    hint?: string | null,
  ) => out.push(hint ? { severity, code, path, message, hint } : { severity, code, path, message });
  if (!isPlainObject(config)) {
    add('error', 'not-a-mapping', '', 'a configuration must be a mapping');
    return out;
  }
  if (!('version' in config))
    add(
      'error',
      'missing-version',
      'version',
      "missing: Python's dictConfig requires 'version': 1",
    );
  else if (config.version !== 1)
    add(
      'error',
      'bad-version',
      'version',
      `Unsupported version: ${JSON.stringify(config.version)}`,
    );
  const referenced = new Set<string>();
  const collectCfg = (v: unknown): void => {
    if (typeof v === 'string' && v.startsWith('cfg://'))
      referenced.add(/^cfg:\/\/\s*(\w+)/.exec(v)?.[1] ?? '');
    else if (Array.isArray(v)) v.forEach(collectCfg);
    else if (isPlainObject(v)) Object.values(v).forEach(collectCfg);
  };
  collectCfg(config);
  for (const k of Object.keys(config)) {
    if (TOP_KEYS.includes(k) || referenced.has(k)) continue;
    const hint = didYouMean(k, TOP_KEYS);
    if (hint)
      add(
        'warning',
        'unknown-key',
        k,
        'unknown top-level key (ignored unless a cfg:// reference uses it)',
        hint,
      );
  }
  const sec = (k: string): Record<string, unknown> =>
    isPlainObject(config[k]) ? (config[k] as Record<string, unknown>) : {};
  const formatters = sec('formatters');
  const filters = sec('filters');
  const handlers = sec('handlers');
  const loggers = sec('loggers');
  const root = isPlainObject(config.root) ? config.root : null;
  const used = {
    formatters: new Set<string>(),
    filters: new Set<string>(),
    handlers: new Set<string>(),
  };

  if (config.incremental) {
    for (const k of ['formatters', 'filters'] as const) {
      if (Object.keys(sec(k)).length)
        add(
          'warning',
          'incremental-ignored',
          k,
          `ignored: an incremental configuration only changes levels and propagation`,
        );
    }
    for (const [n, h] of Object.entries(handlers)) {
      for (const k of Object.keys(isPlainObject(h) ? h : {})) {
        if (k !== 'level')
          add(
            'warning',
            'incremental-ignored',
            joinPath(joinPath('handlers', n), k),
            'ignored under incremental (only level is applied)',
          );
      }
    }
    for (const [path, l] of [
      ...Object.entries(loggers).map(([n, l]) => [joinPath('loggers', n), l] as const),
      ...(root ? [['root', root] as const] : []),
    ]) {
      for (const k of ['handlers', 'filters']) {
        if (isPlainObject(l) && k in l)
          add(
            'warning',
            'incremental-ignored',
            joinPath(path, k),
            'ignored under incremental (only level and propagate are applied)',
          );
      }
    }
    return out;
  }

  for (const [n, f] of Object.entries(formatters)) {
    if (!isPlainObject(f) || '()' in f) continue;
    for (const k of Object.keys(f)) {
      if (!FORMATTER_KEYS.includes(k))
        add(
          'error',
          'unknown-key',
          joinPath(joinPath('formatters', n), k),
          'unknown formatter key',
          didYouMean(k, FORMATTER_KEYS),
        );
    }
  }
  for (const [n, h] of Object.entries(handlers)) {
    const p = joinPath('handlers', n);
    if (!isPlainObject(h)) continue;
    const cls = h.class;
    if (
      typeof cls === 'string' &&
      !BY_PYTHON_NAME.has(cls) &&
      !cls.includes('#') &&
      !cls.startsWith('.') &&
      !cls.startsWith('ext://')
    ) {
      add(
        'error',
        'unknown-class',
        joinPath(p, 'class'),
        `'${cls}' is not one of logging's classes nor a module specifier ('./module.js#Export')`,
        didYouMean(cls, BY_PYTHON_NAME.keys()),
      );
    }
    if (!('class' in h) && !('()' in h))
      add('error', 'missing-class', p, "needs 'class' (or a '()' factory)");
    for (const k of Object.keys(h)) {
      if (HANDLER_KEYS.includes(k)) continue;
      const hint = didYouMean(k, HANDLER_KEYS);
      if (hint)
        add(
          'warning',
          'unknown-key',
          joinPath(p, k),
          'passed to the constructor as a keyword argument; a misspelling?',
          hint,
        );
    }
    if (typeof h.formatter === 'string') {
      used.formatters.add(h.formatter);
      if (!(h.formatter in formatters))
        add(
          'error',
          'dangling-formatter',
          joinPath(p, 'formatter'),
          `no formatter named '${h.formatter}'`,
          didYouMean(h.formatter, Object.keys(formatters)),
        );
    }
    checkNames(h.filters, filters, used.filters, joinPath(p, 'filters'), 'filter', add);
    if (typeof h.target === 'string') {
      used.handlers.add(h.target);
      if (!(h.target in handlers))
        add(
          'error',
          'dangling-handler',
          joinPath(p, 'target'),
          `no handler named '${h.target}'`,
          didYouMean(h.target, Object.keys(handlers)),
        );
    }
    if (Array.isArray(h.handlers))
      checkNames(h.handlers, handlers, used.handlers, joinPath(p, 'handlers'), 'handler', add);
  }
  const lcheck = (l: unknown, p: string): void => {
    if (!isPlainObject(l)) return;
    for (const k of Object.keys(l)) {
      if (!LOGGER_KEYS.includes(k))
        add(
          'error',
          'unknown-key',
          joinPath(p, k),
          'unknown logger key',
          didYouMean(k, LOGGER_KEYS),
        );
    }
    if (p === 'root' && 'propagate' in l)
      add(
        'warning',
        'ignored-key',
        'root.propagate',
        'the root logger has no parent: propagate is ignored',
      );
    checkNames(l.handlers, handlers, used.handlers, joinPath(p, 'handlers'), 'handler', add);
    checkNames(l.filters, filters, used.filters, joinPath(p, 'filters'), 'filter', add);
  };
  for (const [n, l] of Object.entries(loggers)) lcheck(l, joinPath('loggers', n));
  if (root) lcheck(root, 'root');
  for (const [kind, defs] of [
    ['handlers', handlers],
    ['formatters', formatters],
    ['filters', filters],
  ] as const) {
    for (const n of Object.keys(defs)) {
      if (!used[kind].has(n))
        add(
          'warning',
          `unused-${kind.slice(0, -1)}`,
          joinPath(kind, n),
          `defined but not used by any ${kind === 'handlers' ? 'logger or handler' : 'handler or logger'}`,
        );
    }
  }
  if (config.disable_existing_loggers ?? true) {
    const existing = options.existingLoggers ?? [...getManager().loggerDict.keys()];
    const named = Object.keys(loggers);
    const muted = existing.filter((e) => !named.some((n) => e === n || e.startsWith(`${n}.`)));
    add(
      'warning',
      'disabled-loggers',
      'disable_existing_loggers',
      muted.length
        ? `true (the default): these existing loggers will be disabled and stay silent: ${muted.sort().join(', ')}`
        : 'true (the default): every logger created before this configuration and not named in it (or a child of one named) is disabled; set it to false unless that is what you want',
    );
  }
  return out;
}

function checkNames(
  v: unknown,
  defs: Record<string, unknown>,
  used: Set<string>,
  path: string,
  what: string,
  add: (s: 'error' | 'warning', c: string, p: string, m: string, h?: string | null) => void,
): void {
  if (v === undefined || v === null) return;
  if (!Array.isArray(v)) {
    add('error', 'not-a-list', path, `must be a list of ${what} names`);
    return;
  }
  v.forEach((n, i) => {
    if (typeof n !== 'string') return;
    used.add(n);
    if (!(n in defs))
      add(
        'error',
        `dangling-${what}`,
        joinPath(path, i),
        `no ${what} named '${n}'`,
        didYouMean(n, Object.keys(defs)),
      );
  });
}
