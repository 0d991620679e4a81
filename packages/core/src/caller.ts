import { settings, sharedState } from './settings.js';

// Builtins via process.getBuiltinModule: an ESM import of a builtin builds its facade, which
// loads every lazily loaded part of it (fs streams, util's MIME parser...) at import time.
const { readFileSync } = process.getBuiltinModule('node:fs');
const { findSourceMap } = process.getBuiltinModule('node:module');
const { dirname, sep } = process.getBuiltinModule('node:path');
const { fileURLToPath } = process.getBuiltinModule('node:url');

/**
 * Caller information for records (CPython's `Logger.findCaller` and `_srcfile`), from V8's
 * structured call sites. Nothing here runs unless caller capture is on
 * (`requestCallerInfo()` / `settings.captureCaller`) or a call asks for `stack_info`.
 */

/** What `findCaller` returns: `[pathname, lineno, funcName, stack_info]`, as in CPython. */
export type CallerInfo = [pathname: string, lineno: number, funcName: string, sinfo: string | null];

/** CPython's answer when no caller frame is available. */
export const UNKNOWN_CALLER: Readonly<CallerInfo> = Object.freeze([
  '(unknown file)',
  0,
  '(unknown function)',
  null,
]) as Readonly<CallerInfo>;

/**
 * Asks every logger to capture caller fields (`pathname`, `filename`, `module`, `lineno`,
 * `funcName`) for every record from now on. A `Formatter` whose format uses one of them
 * calls this, so `%(lineno)d` always works while the common path pays nothing.
 */
export function requestCallerInfo(): void {
  settings.captureCaller = true;
}

/** @internal Whether caller fields are captured (`settings.captureCaller`). */
export function callerInfoRequested(): boolean {
  return settings.captureCaller;
}

// Source files whose frames are logging's own (CPython's `_srcfile`): skipped when looking
// for the caller. Both the URL and the path form are kept, as V8 reports either.
const internalFiles: Set<string> = sharedState('logweave.internalFiles', () => new Set<string>());

/**
 * Marks a source file (an `import.meta.url` or a path) as part of the logging machinery,
 * so that `findCaller` skips its frames like CPython skips `logging/__init__.py`. Wrappers
 * around loggers (adapters, facades in other packages) call it with their own
 * `import.meta.url` so that records point at *their* caller.
 */
export function registerLoggingSourceFile(fileOrUrl: string): void {
  internalFiles.add(fileOrUrl);
  if (fileOrUrl.startsWith('file:')) internalFiles.add(fileURLToPath(fileOrUrl));
}

registerLoggingSourceFile(import.meta.url);

// The package's source directory (src/ or dist/): `handleError` skips frames in it.
const packageDir = dirname(fileURLToPath(import.meta.url)) + sep;

/** CPython's `_is_internal_frame`: logging's own files, and Node's module loader. */
function isInternalFrame(site: NodeJS.CallSite): boolean {
  const file = site.getFileName();
  if (file === undefined || file === null) return !site.isEval();
  return internalFiles.has(file) || file.startsWith('node:internal/');
}

/** Whether a frame belongs to the logging package (used by `handleError`'s call stack). */
function isLoggingFrame(site: NodeJS.CallSite): boolean {
  let file = site.getFileName();
  if (file === undefined || file === null) return true;
  if (internalFiles.has(file)) return true;
  if (file.startsWith('file:')) file = fileURLToPath(file);
  return file.startsWith(packageDir) && !/\.(test|spec)\.[cm]?[jt]sx?$/.test(file);
}

const returnSites = (_: Error, sites: NodeJS.CallSite[]): NodeJS.CallSite[] => sites;

// The environment's own `Error.prepareStackTrace` (vitest, source-map-support), seen at the
// last capture: used to map positions through source maps.
let foreignPrepare: ((err: Error, sites: NodeJS.CallSite[]) => unknown) | undefined;

/** V8's structured call sites of the current stack, innermost first. */
function captureSites(limit: number): NodeJS.CallSite[] {
  const savedPrepare = Error.prepareStackTrace;
  const savedLimit = Error.stackTraceLimit;
  foreignPrepare = savedPrepare;
  Error.prepareStackTrace = returnSites;
  Error.stackTraceLimit = limit;
  try {
    const holder: { stack?: unknown } = {};
    Error.captureStackTrace(holder, captureSites);
    const sites = holder.stack;
    return Array.isArray(sites) ? (sites as NodeJS.CallSite[]) : [];
  } finally {
    Error.prepareStackTrace = savedPrepare;
    Error.stackTraceLimit = savedLimit;
  }
}

/** A frame's position as users see it: through source maps when the runtime applies them. */
interface FramePosition {
  file: string;
  line: number;
  name: string;
}

const fakeError = { name: 'Error', message: '' } as Error;

/** `file` and `line` of the last `    at …` line of a formatted stack, or null. */
function parseFrameLine(text: string): { file: string; line: number } | null {
  const nl = text.trimEnd().lastIndexOf('\n');
  let loc = text.slice(nl + 1).trim();
  if (loc.startsWith('at ')) loc = loc.slice(3);
  if (loc.endsWith(')')) loc = loc.slice(loc.lastIndexOf('(') + 1, -1);
  const colon2 = loc.lastIndexOf(':');
  const colon1 = loc.lastIndexOf(':', colon2 - 1);
  if (colon1 <= 0) return null;
  const line = Number(loc.slice(colon1 + 1, colon2));
  return Number.isInteger(line) ? { file: loc.slice(0, colon1), line } : null;
}

function framePosition(site: NodeJS.CallSite): FramePosition {
  let file = site.getFileName() ?? (site.isEval() ? '<string>' : '<unknown>');
  let line = site.getLineNumber() ?? 0;
  const name = site.getFunctionName() || '<module>';
  const prepare = foreignPrepare;
  if (typeof prepare === 'function') {
    try {
      const text = prepare(fakeError, [site]);
      const pos = typeof text === 'string' ? parseFrameLine(text) : null;
      if (pos !== null) {
        file = pos.file;
        line = pos.line;
      }
    } catch {
      // keep the generated position
    }
  } else if ((process as { sourceMapsEnabled?: boolean }).sourceMapsEnabled) {
    try {
      const map = findSourceMap(file);
      const col = site.getColumnNumber() ?? 1;
      const entry = map?.findEntry(line - 1, col - 1) as
        | { originalSource?: string; originalLine?: number }
        | undefined;
      if (entry?.originalSource !== undefined && entry.originalLine !== undefined) {
        file = entry.originalSource;
        line = entry.originalLine + 1;
      }
    } catch {
      // keep the generated position
    }
  }
  if (file.startsWith('file:')) {
    try {
      file = fileURLToPath(file);
    } catch {
      // not a local file URL: keep it
    }
  }
  return { file, line, name };
}

// A small linecache: source lines for stack text, as Python's traceback prints them.
const lineCache = new Map<string, string[] | null>();

function sourceLine(file: string, line: number): string {
  let lines = lineCache.get(file);
  if (lines === undefined) {
    try {
      lines = readFileSync(file, 'utf8').split(/\r?\n/);
    } catch {
      lines = null;
    }
    if (lineCache.size >= 64) lineCache.clear();
    lineCache.set(file, lines);
  }
  return lines?.[line - 1]?.trim() ?? '';
}

/**
 * Python's `traceback.print_stack` layout, outermost frame first:
 * `  File "<path>", line <n>, in <function>` and the stripped source line when readable.
 */
function formatFrames(sites: readonly NodeJS.CallSite[], from: number): string {
  let out = '';
  for (let i = sites.length - 1; i >= from; i--) {
    const pos = framePosition(sites[i]!);
    out += `  File "${pos.file}", line ${pos.line}, in ${pos.name}\n`;
    const src = sourceLine(pos.file, pos.line);
    if (src !== '') out += `    ${src}\n`;
  }
  return out;
}

/**
 * CPython's `Logger.findCaller(stack_info, stacklevel)`: walks out from logging's own frames
 * to the `stacklevel`-th frame that is not internal (the frame that called the logging
 * method when `stacklevel` is 1; its caller for 2, …; the outermost frame when the stack is
 * not that deep). Returns its file path, line (through source maps when the runtime uses
 * them) and function name (`'<module>'` when V8 reports none: top-level code and anonymous
 * functions), and with `stackInfo` the text `'Stack (most recent call last):\n…'`.
 */
export function findCaller(stackInfo = false, stacklevel = 1): CallerInfo {
  let limit = stackInfo ? Number.POSITIVE_INFINITY : stacklevel + 24;
  for (;;) {
    const sites = captureSites(limit);
    if (sites.length === 0) return [...UNKNOWN_CALLER] as CallerInfo;
    let i = 0;
    let level = stacklevel;
    while (level > 0) {
      if (i + 1 >= sites.length) break;
      i++;
      if (!isInternalFrame(sites[i]!)) level--;
    }
    if (level > 0 && sites.length >= limit) {
      limit = Number.POSITIVE_INFINITY; // the stack was cut short: look at all of it
      continue;
    }
    const pos = framePosition(sites[i]!);
    let sinfo: string | null = null;
    if (stackInfo) {
      sinfo = `Stack (most recent call last):\n${formatFrames(sites, i)}`;
      if (sinfo.endsWith('\n')) sinfo = sinfo.slice(0, -1);
    }
    return [pos.file, pos.line, pos.name, sinfo];
  }
}

/**
 * @internal The current call stack outside the logging package, in `print_stack` layout
 * (for `Handler.handleError`'s `Call stack:` section), without Node's own `node:internal/`
 * frames (the module loader, the task queues); `''` when nothing is left.
 */
export function callStackText(): string {
  const sites = captureSites(Number.POSITIVE_INFINITY);
  let i = 0;
  while (i < sites.length && isLoggingFrame(sites[i]!)) i++;
  const kept = sites.slice(i).filter((site) => !site.getFileName()?.startsWith('node:internal/'));
  return formatFrames(kept, 0);
}
