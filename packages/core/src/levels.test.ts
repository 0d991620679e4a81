import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LoggingTypeError, LoggingValueError } from './errors.js';
import {
  addLevelName,
  CRITICAL,
  checkLevel,
  DEBUG,
  ERROR,
  FATAL,
  getLevelName,
  getLevelNamesMapping,
  INFO,
  NOTSET,
  WARN,
  WARNING,
} from './levels.js';
import { getLogger, root } from './logging-api.js';
import { RecordListHandler } from './test-support/record-list.js';
import { resetLogging, snapshotLogging } from './testing.js';

let restore: () => void;
beforeEach(() => {
  restore = snapshotLogging();
  resetLogging();
});
afterEach(() => restore());

describe('level constants', () => {
  it("are CPython's numbers", () => {
    expect([NOTSET, DEBUG, INFO, WARNING, WARN, ERROR, CRITICAL, FATAL]).toEqual([
      0, 10, 20, 30, 30, 40, 50, 50,
    ]);
  });
});

// test_logging.BuiltinLevelsTest.test_regression_22386 / 29220, test_issue27935
describe('getLevelName()', () => {
  it('maps both ways, including FATAL and WARN', () => {
    expect(getLevelName('INFO')).toBe(INFO);
    expect(getLevelName(INFO)).toBe('INFO');
    expect(getLevelName('FATAL')).toBe(CRITICAL);
    expect(getLevelName('WARN')).toBe(WARNING);
    expect(getLevelName(CRITICAL)).toBe('CRITICAL');
  });

  it('keeps an empty registered name (regression 29220)', () => {
    addLevelName(INFO, '');
    expect(getLevelName(INFO)).toBe('');
    expect(getLevelName(NOTSET)).toBe('NOTSET');
    expect(getLevelName('NOTSET')).toBe(NOTSET);
  });
});

describe('addLevelName()', () => {
  it('names records and makes the name usable in setLevel', () => {
    addLevelName(25, 'NOTICE');
    const h = new RecordListHandler();
    root.addHandler(h);
    const log = getLogger('n');
    log.setLevel('NOTICE');
    log.log(25, 'x');
    log.log(24, 'y');
    expect(h.records.map((r) => [r.levelname, r.levelno])).toEqual([['NOTICE', 25]]);
    expect(getLevelNamesMapping().NOTICE).toBe(25);
  });
});

describe('checkLevel()', () => {
  it('returns integers as they are and registered names as numbers', () => {
    expect([checkLevel(7), checkLevel(-5), checkLevel('ERROR')]).toEqual([7, -5, ERROR]);
  });

  it("throws CPython's ValueError / TypeError otherwise", () => {
    expect(() => checkLevel('Info')).toThrow(
      new LoggingValueError("Unknown level: 'Info' (level names are case-sensitive: use 'INFO')"),
    );
    expect(() => checkLevel('nope')).toThrow(new LoggingValueError("Unknown level: 'nope'"));
    expect(() => checkLevel(2.5)).toThrow(
      new LoggingTypeError('Level not an integer or a valid string: 2.5'),
    );
  });
});

describe('getLevelNamesMapping()', () => {
  it('is a copy', () => {
    const m = getLevelNamesMapping();
    m.INFO = 99;
    expect(getLevelName('INFO')).toBe(INFO);
  });
});
