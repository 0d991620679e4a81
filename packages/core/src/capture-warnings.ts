import { registerLoggingSourceFile } from './caller.js';
import { NullHandler } from './handlers/null-handler.js';
import { getManager } from './manager.js';

const { fileURLToPath } = process.getBuiltinModule('node:url');

// CPython's `_showwarning` lives in logging/__init__.py, so a captured warning's record names
// the frame that called it (warnings.py's `_showwarnmsg`); here, the frame that dispatched the
// 'warning' event (node:events `emit`), whether core runs from its files or from the bundle.
registerLoggingSourceFile(import.meta.url);

let printer: ((warning: Error) => void) | null = null;
let capturing = false;

/**
 * Python's `warnings.formatwarning(message, category, filename, lineno)` for a Node process
 * warning: `'<file>:<line>: <Name>: [<code>] <message>\n'`, where the file and line are
 * those of the first stack frame outside Node's internals, followed by `'  <detail>\n'`
 * when the warning has a `detail`.
 */
export function formatWarning(warning: Error): string {
  const { filename, lineno } = warningLocation(warning.stack);
  const code = (warning as { code?: unknown }).code;
  const detail = (warning as { detail?: unknown }).detail;
  let s = `${filename}:${lineno}: ${warning.name}: `;
  if (typeof code === 'string' && code !== '') s += `[${code}] `;
  s += `${warning.message}\n`;
  if (typeof detail === 'string') s += `  ${detail.trim()}\n`;
  return s;
}

function warningLocation(stack: string | undefined): { filename: string; lineno: number } {
  let first: { filename: string; lineno: number } | null = null;
  for (const line of (stack ?? '').split('\n')) {
    const trimmed = line.trim();
    if (!trimmed.startsWith('at ')) continue;
    let loc = trimmed.endsWith(')')
      ? trimmed.slice(trimmed.lastIndexOf('(') + 1, -1)
      : trimmed.slice(3);
    const col = loc.lastIndexOf(':');
    const row = loc.lastIndexOf(':', col - 1);
    if (col < 0 || row < 0) continue;
    const lineno = Number(loc.slice(row + 1, col));
    loc = loc.slice(0, row);
    if (loc.startsWith('file://')) {
      try {
        loc = fileURLToPath(loc);
      } catch {
        // Keep the URL.
      }
    }
    const here = { filename: loc, lineno };
    if (!loc.startsWith('node:')) return here;
    first ??= here;
  }
  return first ?? { filename: 'sys', lineno: 1 };
}

/** Logs a process warning to `py.warnings`, as CPython's `logging._showwarning`. */
function showWarning(warning: Error): void {
  const logger = getManager().getLogger('py.warnings');
  if (logger.handlers.length === 0) logger.addHandler(new NullHandler());
  logger.warning(formatWarning(warning));
}

/**
 * CPython's `logging.captureWarnings(capture)`. With true, process warnings
 * (`process.emitWarning`, Node's deprecations...) are logged at WARNING to the
 * `py.warnings` logger, formatted as {@link formatWarning}, instead of being printed by
 * Node: Node's own printer is removed from `process`'s `'warning'` listeners (other
 * listeners still run). The logger gets a {@link NullHandler} if it has none, so, as in
 * Python, warnings are only seen once a handler reaches them (e.g. the root's after
 * `basicConfig()`). With false, Node's printer is restored. Calling it twice is harmless.
 */
export function captureWarnings(capture: boolean): void {
  if (capture) {
    if (capturing) return;
    capturing = true;
    printer = (process.listeners('warning').find((l) => l.name === 'onWarning') ?? null) as
      | ((warning: Error) => void)
      | null;
    if (printer !== null) process.removeListener('warning', printer);
    process.on('warning', showWarning);
  } else if (capturing) {
    capturing = false;
    process.removeListener('warning', showWarning);
    if (printer !== null) process.on('warning', printer);
    printer = null;
  }
}
