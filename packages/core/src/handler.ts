import { callStackText } from './caller.js';
import { stdFdDestination } from './destination/stream-destination.js';
import { formatExceptionText } from './exception-format.js';
import { Filterer } from './filter.js';
import { Formatter } from './formatter.js';
import { checkLevel, getLevelName, type Level, NOTSET } from './levels.js';
import type { LogRecord } from './record.js';
import { settings, sharedState } from './settings.js';
import { trackHandler } from './shutdown.js';
import { pyRepr, pyStr } from './text/py-repr.js';

// Handlers by name, as CPython's `logging._handlers` (a weak-value dictionary).
const namedHandlers: Map<string, WeakRef<Handler>> = sharedState(
  'logweave.handlers',
  () => new Map<string, WeakRef<Handler>>(),
);

/** The live handler registered under `name`, or null, as `logging.getHandlerByName` (3.12). */
export function getHandlerByName(name: string): Handler | null {
  return namedHandlers.get(name)?.deref() ?? null;
}

/** The names of all live named handlers, sorted, as `logging.getHandlerNames` (3.12). */
export function getHandlerNames(): string[] {
  const names: string[] = [];
  for (const [name, ref] of namedHandlers) if (ref.deref() !== undefined) names.push(name);
  return names.sort();
}

/** @internal Snapshot/restore of the name registry, for the test-state helpers. */
export function snapshotHandlerNames(): () => void {
  const saved = new Map(namedHandlers);
  return () => {
    namedHandlers.clear();
    for (const [k, v] of saved) namedHandlers.set(k, v);
  };
}

/** @internal Empties the name registry (test-state reset). */
export function clearHandlerNames(): void {
  namedHandlers.clear();
}

let defaultFormatter: Formatter | undefined;

/**
 * CPython's `logging.Handler`: the base of every handler. `handle()` applies the handler's
 * filters and calls `emit()`; subclasses implement `emit()` (and `flush()`/`close()`),
 * catching their own errors and passing them to `handleError()`, which reports them and
 * never throws:
 *
 * ```ts
 * class ListHandler extends Handler {
 *   readonly lines: string[] = [];
 *   override emit(record: LogRecord): void {
 *     try {
 *       this.lines.push(this.format(record));
 *     } catch (e) {
 *       this.handleError(record, e);
 *     }
 *   }
 * }
 * ```
 */
export abstract class Handler extends Filterer {
  /** Records below this level are ignored by the logger (`callHandlers`). */
  level: number;
  /** The formatter used by `format()`; the module default (`%(message)s`) when null. */
  formatter: Formatter | null = null;
  /** Always null: Node runs one thread per isolate, so handlers need no I/O lock. */
  lock: null = null;
  /** @internal True once `close()` ran. */
  _closed = false;
  #name: string | null = null;

  /** @param level the handler's level (a number or a registered name). @default NOTSET */
  constructor(level: Level = NOTSET) {
    super();
    this.level = checkLevel(level);
    trackHandler(this);
  }

  /** The handler's name; setting it registers the handler for `getHandlerByName`. */
  get name(): string | null {
    return this.#name;
  }
  set name(name: string | null) {
    this.set_name(name);
  }

  /** The handler's name (CPython's `get_name`). */
  get_name(): string | null {
    return this.#name;
  }

  /**
   * Sets the handler's name (CPython's `set_name`): the registry entry under the old name
   * is removed, and a non-empty name registers this handler.
   */
  set_name(name: string | null): void {
    if (this.#name !== null) namedHandlers.delete(this.#name);
    this.#name = name;
    if (name) namedHandlers.set(name, new WeakRef(this));
  }

  /** No-op (CPython creates the I/O lock here; JavaScript handlers need none). */
  createLock(): void {}

  /** No-op (CPython acquires the I/O lock). */
  acquire(): void {}

  /** No-op (CPython releases the I/O lock). */
  release(): void {}

  /** Sets the level (a number or a registered name; unknown names throw). */
  setLevel(level: Level): void {
    this.level = checkLevel(level);
  }

  /** Sets the formatter used by `format()`. */
  setFormatter(fmt: Formatter | null): void {
    this.formatter = fmt;
  }

  /** Formats a record with this handler's formatter, or the module's default one. */
  format(record: LogRecord): string {
    const fmt = this.formatter ?? (defaultFormatter ??= new Formatter());
    return fmt.format(record);
  }

  /**
   * Filters the record and emits it — or the replacement record a filter returned (Python
   * 3.12). Returns what was emitted, or false when a filter dropped the record. Errors from
   * `emit()` are the subclass's to catch (see `handleError`), as in CPython.
   */
  handle(record: LogRecord): LogRecord | false {
    const rv = this.filters.length === 0 ? record : this.filter(record);
    if (rv !== false) this.emit(rv);
    return rv;
  }

  /** Does the actual output. Implementations catch their own errors and call `handleError`. */
  abstract emit(record: LogRecord): void;

  /** Makes sure all output has been written. Does nothing here. */
  flush(): void {}

  /** Releases resources and removes the handler from the name registry. */
  close(): void {
    this._closed = true;
    const name = this.#name;
    if (name) namedHandlers.delete(name);
  }

  /**
   * Reports an error raised while emitting `record`, as CPython's `Handler.handleError`:
   * when `settings.raiseExceptions` is true it writes to the current `process.stderr`
   * (after the output stream handlers buffered for stderr, so the block keeps its place
   * among the records, as in CPython)
   *
   * ```text
   * --- Logging error ---
   * <the error, as Formatter.formatException renders it>
   * Call stack:
   *   File "<path>", line <n>, in <function>   (outermost first, logging's frames left out)
   * Message: <repr(record.msg)>
   * Arguments: <str(record.args)>
   * ```
   *
   * and otherwise stays silent. It never throws; a failed write is ignored.
   */
  handleError(record: LogRecord, error?: unknown): void {
    if (!settings.raiseExceptions) return;
    const stderr = process.stderr;
    if (!stderr) return;
    try {
      let text = '--- Logging error ---\n';
      text += `${errorText(error)}\nCall stack:\n`;
      const stack = callStackText();
      text +=
        stack !== ''
          ? stack
          : `Logged from file ${pyStr(record.filename)}, line ${pyStr(record.lineno)}\n`;
      try {
        text += `Message: ${pyRepr(record.msg)}\nArguments: ${argsText(record.args)}\n`;
      } catch {
        text +=
          'Unable to print the message and arguments - possible formatting error.\n' +
          'Use the traceback above to help find the error.\n';
      }
      // Records a stream handler buffered for fd 2 were logged first: write them first.
      stdFdDestination(2)?.flushSync();
      stderr.write(text);
    } catch {
      // CPython ignores OSError here (issue 5971); nothing may escape to the caller.
    }
  }

  /** Python's `repr(handler)`: `<ClassName (LEVEL)>`. */
  override toString(): string {
    return `<${this.constructor.name} (${getLevelName(this.level)})>`;
  }
}

/** `str(record.args)`: an args array prints as Python's tuple, `('a', 1)`. */
function argsText(args: unknown): string {
  if (!Array.isArray(args)) return pyStr(args);
  if (args.length === 1) return `(${pyRepr(args[0])},)`;
  return `(${args.map((a) => pyRepr(a)).join(', ')})`;
}

function errorText(error: unknown): string {
  if (error === undefined) return 'NoneType: None';
  try {
    return formatExceptionText(error);
  } catch {
    return String(error);
  }
}
