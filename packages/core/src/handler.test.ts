import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LoggingTypeError, LoggingValueError } from './errors.js';
import { Filter } from './filter.js';
import { Formatter } from './formatter.js';
import { getHandlerByName, getHandlerNames, Handler } from './handler.js';
import { ERROR, INFO, WARNING } from './levels.js';
import { getLogger } from './logging-api.js';
import { LogRecord, makeLogRecord } from './record.js';
import { settings } from './settings.js';
import { RecordListHandler } from './test-support/record-list.js';
import { resetLogging, snapshotLogging } from './testing.js';

const thisFile = fileURLToPath(import.meta.url);

let restore: () => void;
let stderr: string[];
beforeEach(() => {
  restore = snapshotLogging();
  resetLogging();
  stderr = [];
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: unknown) => {
    stderr.push(String(chunk));
    return true;
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  restore();
});

/** A handler whose emit fails the CPython way: catch, then handleError. */
class FailingHandler extends Handler {
  override emit(record: LogRecord): void {
    try {
      throw new RangeError('deliberate mistake');
    } catch (e) {
      this.handleError(record, e);
    }
  }
}

// test_logging.HandlerTest.test_name
describe('Handler.name', () => {
  it('registers the handler for getHandlerByName / getHandlerNames and close() removes it', () => {
    const h = new RecordListHandler();
    expect(h.name).toBeNull();
    h.name = 'generic';
    expect(h.get_name()).toBe('generic');
    expect(getHandlerByName('generic')).toBe(h);
    h.set_name('anothergeneric');
    expect(getHandlerByName('generic')).toBeNull();
    expect(getHandlerNames()).toEqual(['anothergeneric']);
    h.close();
    expect(getHandlerByName('anothergeneric')).toBeNull();
    expect(getHandlerNames()).toEqual([]);
  });

  it('does not register an empty name', () => {
    const h = new RecordListHandler();
    h.name = '';
    expect(getHandlerNames()).toEqual([]);
  });
});

describe('Handler levels and filters', () => {
  it('setLevel accepts names and rejects unknown ones', () => {
    const h = new RecordListHandler('INFO');
    expect(h.level).toBe(INFO);
    h.setLevel('ERROR');
    expect(h.level).toBe(ERROR);
    expect(() => h.setLevel('nope')).toThrow(new LoggingValueError("Unknown level: 'nope'"));
    expect(() => new RecordListHandler(2.5)).toThrow(LoggingTypeError);
  });

  it('handle() emits what its filters pass, and returns the (replacement) record or false', () => {
    const h = new RecordListHandler();
    h.addFilter(new Filter('a'));
    expect(h.handle(makeLogRecord({ name: 'b' }))).toBe(false);
    const r = makeLogRecord({ name: 'a.x' });
    expect(h.handle(r)).toBe(r);
    const replacement = makeLogRecord({ name: 'a.y' });
    h.addFilter(() => replacement);
    expect(h.handle(r)).toBe(replacement);
    expect(h.records).toEqual([r, replacement]);
  });

  it('format() uses the default %(message)s formatter when none is set', () => {
    const h = new RecordListHandler();
    h.handle(makeLogRecord({ msg: 'x=%d', args: [5] }));
    h.setFormatter(new Formatter('%(levelname)s|%(message)s'));
    h.handle(makeLogRecord({ msg: 'y', levelname: 'INFO' }));
    expect(h.lines).toEqual(['x=5', 'INFO|y']);
  });

  it("toString() is CPython's repr", () => {
    expect(String(new RecordListHandler(WARNING))).toBe('<RecordListHandler (WARNING)>');
  });

  it('createLock/acquire/release exist and do nothing', () => {
    const h = new RecordListHandler();
    h.createLock();
    h.acquire();
    h.release();
    expect(h.lock).toBeNull();
  });
});

// test_logging.HandlerTest.test_error_handling, ExceptionTest
describe('Handler.handleError()', () => {
  it("writes CPython's --- Logging error --- block: error, call stack, message, arguments", () => {
    const log = getLogger('err');
    log.addHandler(new FailingHandler());
    function loggingFunction(): void {
      log.warning('msg %s', 'a');
    }
    loggingFunction();
    const out = stderr.join('');
    expect(stderr).toHaveLength(1);
    expect(out.startsWith('--- Logging error ---\nRangeError: deliberate mistake\n    at ')).toBe(
      true,
    );
    const [, callStack] = out.split('\nCall stack:\n');
    expect(callStack).toBeDefined();
    const stackLines = callStack!.split('\n');
    // As CPython: logging's own innermost frames (handleError) are left out, so the stack
    // ends at this file's emit, which caught the error; print_stack then shows every outer
    // frame, logging's included, outermost first.
    const fileLines = stackLines.filter((l) => l.startsWith('  File '));
    expect(fileLines.at(-1)!.startsWith(`  File "${thisFile}", line `)).toBe(true);
    expect(fileLines.at(-1)).toMatch(/, in emit$/);
    const callerLine = fileLines.findIndex((l) => l.endsWith(', in loggingFunction'));
    expect(callerLine).toBeGreaterThanOrEqual(0);
    expect(fileLines.slice(callerLine + 1, -1).join('\n')).toMatch(/, in warning\n/);
    expect(callStack).not.toContain('in handleError');
    expect(out.endsWith("Message: 'msg %s'\nArguments: ('a',)\n")).toBe(true);
  });

  it('prints a mapping argument and no arguments like CPython', () => {
    const h = new FailingHandler();
    h.handle(new LogRecord('n', 30, 'p', 1, '%(a)s', [{ a: 1 }], null));
    h.handle(new LogRecord('n', 30, 'p', 1, 'plain', [], null));
    expect(stderr[0]).toMatch(/Message: '%\(a\)s'\nArguments: \{ a: 1 \}\n$/);
    expect(stderr[1]).toMatch(/Message: 'plain'\nArguments: \(\)\n$/);
  });

  it('says "Unable to print the message and arguments" when they cannot be rendered', () => {
    const msg = {
      [Symbol.for('nodejs.util.inspect.custom')]() {
        throw new Error('no repr');
      },
    };
    new FailingHandler().handle(new LogRecord('n', 30, 'p', 1, msg, [], null));
    expect(stderr[0]).toMatch(
      /\nUnable to print the message and arguments - possible formatting error.\nUse the traceback above to help find the error.\n$/,
    );
  });

  it('writes nothing when settings.raiseExceptions is false', () => {
    settings.raiseExceptions = false;
    new FailingHandler().handle(makeLogRecord({ msg: 'x' }));
    expect(stderr).toEqual([]);
  });

  it('never throws, even when stderr fails', () => {
    vi.mocked(process.stderr.write).mockImplementation(() => {
      throw new Error('EPIPE');
    });
    expect(() => new FailingHandler().handle(makeLogRecord({ msg: 'x' }))).not.toThrow();
  });

  it('reports a formatting error raised inside emit (bad % arguments)', () => {
    const h = new RecordListHandler();
    const log = getLogger('fmt');
    log.addHandler(h);
    log.warning('%d items', 'many');
    expect(stderr.join('')).toContain(
      'LoggingTypeError: %d format: a real number is required, not str\n',
    );
    expect(stderr.join('')).toContain("Message: '%d items'\nArguments: ('many',)\n");
  });
});
