import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  FileHandler,
  Filter,
  type FilterLike,
  type Formatter,
  getLevelName,
  getLogger,
  getManager,
  type Handler,
  Logger,
  LogRecord,
  MemoryHandler,
  resetLogging,
  setLogRecordFactory,
  shutdown,
  StreamHandler,
  StrFormatStyle,
  StringTemplateStyle,
} from '@logweave/core';
import { BY_CONSTRUCTOR } from '../class-registry.js';
import { dictConfig } from '../dict-config.js';
import { configState } from '../state.js';

/** One differential case: configuration(s), loggers that exist before, loggers called after. */
export interface DiffCase {
  id: string;
  kind: 'dict' | 'ini';
  configs?: unknown[];
  ini?: string;
  disable_existing?: boolean;
  preexisting?: string[];
  calls: string[];
  workdir: string;
}

/** What each side reports for a case. */
export interface DiffResult {
  id: string;
  error: string | null;
  topology?: unknown;
  stdout?: string;
  stderr?: string;
  files?: Record<string, string>;
}

export const PYTHON = '/usr/bin/python3';
export const hasCPython: boolean = (() => {
  const r = spawnSync(PYTHON, ['-c', 'import sys; print(sys.version_info >= (3, 11))'], {
    encoding: 'utf8',
  });
  return r.status === 0 && r.stdout.trim() === 'True';
})();
export const NO_CPYTHON = `${PYTHON} (CPython >= 3.11) is missing: the differential is skipped`;

/** Runs the cases under CPython, in one process. */
export function runCPython(
  cases: DiffCase[],
  user?: { module: string; names: Record<string, string> },
): DiffResult[] {
  const r = spawnSync(PYTHON, [fileURLToPath(new URL('./differential.py', import.meta.url))], {
    input: JSON.stringify({ cases, userModule: user?.module, names: user?.names ?? {} }),
    encoding: 'utf8',
    env: { ...process.env, TZ: 'UTC', PYTHONIOENCODING: 'utf-8', LC_ALL: 'C.UTF-8' },
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`python probe failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as DiffResult[];
}

class Capture {
  text = '';
  write(s: string): boolean {
    this.text += s;
    return true;
  }
}

class FixedRecord extends LogRecord {
  constructor(...args: ConstructorParameters<typeof LogRecord>) {
    super(...args);
    this.created = 1700000000.25;
    this.msecs = 250;
    this.relativeCreated = 1234;
    this.thread = 1;
    this.threadName = 'MainThread';
    this.process = 42;
    this.processName = 'MainProcess';
  }
}

function clsName(o: object): string {
  return BY_CONSTRUCTOR.get(o.constructor)?.python ?? `custom:${o.constructor.name}`;
}

function filt(f: FilterLike): unknown {
  if (f instanceof Filter && f.constructor === Filter)
    return { class: 'logging.Filter', name: f.name };
  return { class: `custom:${typeof f === 'function' ? f.name : f.constructor.name}` };
}

function fmt(f: Formatter | null): unknown {
  if (f === null) return null;
  const st =
    f._style instanceof StrFormatStyle ? '{' : f._style instanceof StringTemplateStyle ? '$' : '%';
  return { class: clsName(f), fmt: f._fmt, datefmt: f.datefmt, style: st };
}

function hdesc(h: Handler, streams: Map<unknown, string>): unknown {
  const d: Record<string, unknown> = {
    name: h.name,
    class: clsName(h),
    level: h.level,
    formatter: fmt(h.formatter),
    filters: h.filters.map(filt),
  };
  if (h instanceof FileHandler) {
    d.file = h.baseFilename.split('/').pop();
    d.mode = h.mode;
  } else if (h instanceof StreamHandler) d.stream = streams.get(h.stream) ?? 'other';
  if (h instanceof MemoryHandler) {
    d.capacity = h.capacity;
    d.flushLevel = h.flushLevel;
    d.target = (h.target as Handler | null)?.name ?? null;
  }
  return d;
}

/** Runs one case here, in this process (the caller snapshots and restores logging state). */
export async function runOurs(
  c: DiffCase,
  apply: (c: DiffCase, names: Record<string, unknown>) => Promise<void> = async (cc, names) => {
    for (const cfg of cc.configs ?? []) await dictConfig(cfg, { names, baseDir: cc.workdir });
  },
  names: Record<string, unknown> = {},
): Promise<DiffResult> {
  resetLogging();
  configState().handlers.clear();
  setLogRecordFactory(FixedRecord);
  mkdirSync(c.workdir, { recursive: true });
  const cwd = process.cwd();
  process.chdir(c.workdir);
  const out = new Capture();
  const err = new Capture();
  const streams = new Map<unknown, string>([
    [out, 'stdout'],
    [err, 'stderr'],
  ]);
  const stderrDesc = Object.getOwnPropertyDescriptor(process, 'stderr')!;
  Object.defineProperty(process, 'stderr', { configurable: true, get: () => err });
  const result: DiffResult = { id: c.id, error: null };
  try {
    for (const n of c.preexisting ?? []) getLogger(n);
    try {
      await apply(c, { 'sys.stdout': out, 'sys.stderr': err, ...names });
    } catch (e) {
      result.error = String(e);
      return result;
    }
    const manager = getManager();
    const ldesc = (l: Logger): unknown => ({
      level: l.level,
      propagate: l.propagate,
      disabled: l.disabled,
      handlers: l.handlers.map((h) => hdesc(h, streams)),
      filters: l.filters.map(filt),
    });
    const loggers: Record<string, unknown> = {};
    for (const n of [...new Set([...c.calls, ...(c.preexisting ?? [])])].sort()) {
      const l = manager.loggerDict.get(n);
      if (l instanceof Logger) loggers[n] = ldesc(l);
    }
    result.topology = { root: ldesc(manager.root!), loggers };
    c.calls.forEach((n, i) => {
      const lg = n === 'root' ? getLogger() : getLogger(n);
      for (const lv of [10, 20, 30, 40, 50])
        lg.log(lv, 'call %d at %s from %s', i, getLevelName(lv), n);
    });
    shutdown();
    result.stdout = out.text;
    result.stderr = err.text;
    const files: Record<string, string> = {};
    for (const f of readdirSync('.').sort()) files[f] = readFileSync(f, 'utf8');
    result.files = files;
  } finally {
    Object.defineProperty(process, 'stderr', stderrDesc);
    process.chdir(cwd);
  }
  return result;
}
