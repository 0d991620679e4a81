import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LoggingTypeError, LoggingValueError } from './errors.js';
import { CRITICAL, DEBUG, ERROR, INFO, WARNING } from './levels.js';
import {
  critical,
  debug,
  disable,
  error,
  exception,
  fatal,
  getLogger,
  info,
  log,
  root,
  warning,
} from './logging-api.js';
import { StreamHandler } from './handlers/stream-handler.js';
import { RecordListHandler } from './test-support/record-list.js';
import { resetLogging, snapshotLogging } from './testing.js';

let restore: () => void;
beforeEach(() => {
  restore = snapshotLogging();
  resetLogging();
});
afterEach(() => {
  vi.restoreAllMocks();
  restore();
});

// test_logging.ModuleLevelMiscTest
describe('disable()', () => {
  it('sets manager.disable (CRITICAL by default) and accepts level names', () => {
    expect(root.manager.disable).toBe(0);
    disable(83);
    expect(root.manager.disable).toBe(83);
    disable();
    expect(root.manager.disable).toBe(CRITICAL);
    disable('WARNING');
    expect(root.manager.disable).toBe(WARNING);
    expect(() => disable('doesnotexist')).toThrow(
      new LoggingValueError("Unknown level: 'doesnotexist'"),
    );
    expect(() => disable(1.5)).toThrow(LoggingTypeError);
    disable(0);
  });
});

describe('module-level logging functions', () => {
  it('log on the root logger, running basicConfig() first when it has no handler', () => {
    const lines: string[] = [];
    vi.spyOn(StreamHandler.prototype, 'emit').mockImplementation(function (
      this: StreamHandler,
      record,
    ) {
      lines.push(this.format(record));
    });
    expect(root.handlers).toEqual([]);
    warning('auto %s', 'configured');
    expect(root.handlers).toHaveLength(1);
    expect(root.handlers[0]).toBeInstanceOf(StreamHandler);
    info('below WARNING');
    error('again');
    expect(root.handlers).toHaveLength(1);
    expect(lines).toEqual(['WARNING:root:auto configured', 'ERROR:root:again']);
  });

  it('map to the root logger methods at their levels', () => {
    const h = new RecordListHandler();
    root.addHandler(h);
    root.setLevel(DEBUG);
    debug('d');
    info('i');
    warning('w');
    error('e');
    critical('c');
    fatal('f');
    log(15, 'l');
    const err = new Error('x');
    exception(err);
    expect(h.records.map((r) => [r.levelno, r.name])).toEqual([
      [DEBUG, 'root'],
      [INFO, 'root'],
      [WARNING, 'root'],
      [ERROR, 'root'],
      [CRITICAL, 'root'],
      [CRITICAL, 'root'],
      [15, 'root'],
      [ERROR, 'root'],
    ]);
    expect(h.records.at(-1)!.exc_info).toBe(err);
    expect(() => log('x' as unknown as number, 'm')).toThrow(
      new LoggingTypeError('level must be an integer'),
    );
  });

  it("getLogger('root') is the root even after it is renamed only by name lookup", () => {
    expect(getLogger('root')).toBe(root);
    expect(root.name).toBe('root');
  });
});
