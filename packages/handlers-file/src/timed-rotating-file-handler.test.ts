import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type LogRecord,
  LoggingValueError,
  localtime,
  makeLogRecord,
  strftime,
} from '@logweave/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TimedRotatingFileHandler } from './timed-rotating-file-handler.js';
import { runTsChild } from './test-support/run-ts.js';

const rec = (msg: string): LogRecord => makeLogRecord({ msg });
const tmp = (): string => mkdtempSync(join(tmpdir(), 'lw-timed-'));

function contents(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const n of readdirSync(dir).sort()) out[n] = readFileSync(join(dir, n), 'utf8');
  return out;
}

let savedTz: string | undefined;
beforeEach(() => {
  savedTz = process.env.TZ;
  process.env.TZ = 'UTC';
});
afterEach(() => {
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

describe('TimedRotatingFileHandler', () => {
  it('rejects a bad when, weekday, interval or atTime at construction, with CPython messages', () => {
    const f = join(tmp(), 'a.log');
    expect(() => new TimedRotatingFileHandler(f, 'X')).toThrow(
      new LoggingValueError('Invalid rollover interval specified: X'),
    );
    expect(() => new TimedRotatingFileHandler(f, 'W7')).toThrow(
      'Invalid day specified for weekly rollover: W7',
    );
    expect(() => new TimedRotatingFileHandler(f, 'W')).toThrow(
      'You must specify a day for weekly rollover from 0 to 6 (0 is Monday): W',
    );
    expect(() => new TimedRotatingFileHandler(f, { when: 'S', interval: 0 })).toThrow(
      LoggingValueError,
    );
    expect(() => new TimedRotatingFileHandler(f, { when: 'midnight', atTime: '25:00' })).toThrow(
      LoggingValueError,
    );
  });

  it('takes the first rollover from an existing file’s mtime (a restarted process rolls yesterday’s file)', () => {
    const dir = tmp();
    const file = join(dir, 'app.log');
    writeFileSync(file, 'yesterday\n');
    const yesterday = Date.UTC(2024, 4, 1, 15, 0, 0) / 1000;
    utimesSync(file, yesterday, yesterday);
    const now = yesterday + 86400;
    const h = new TimedRotatingFileHandler(file, { when: 'midnight', clock: () => now });
    expect(h.rolloverAt).toBe(Date.UTC(2024, 4, 2) / 1000);
    h.handle(rec('today'));
    h.close();
    expect(contents(dir)).toEqual({ 'app.log': 'today\n', 'app.log.2024-05-01': 'yesterday\n' });
  });

  it('.getFilesToDelete() keeps only this handler’s backups: two handlers with different namers in one directory never delete each other’s files (gh-115809)', () => {
    const dir = tmp();
    let now = Date.UTC(2024, 0, 1, 12) / 1000;
    const clock = () => now;
    // app.log → app.log.2024-01-01; app → app.2024-01-01.log (a namer keeping .log last).
    // CPython 3.11's scan would let the second delete the first one's backups.
    const plain = new TimedRotatingFileHandler(join(dir, 'app.log'), {
      when: 'D',
      backupCount: 2,
      delay: true,
      clock,
    });
    const named = new TimedRotatingFileHandler(join(dir, 'app'), {
      when: 'D',
      backupCount: 2,
      delay: true,
      clock,
    });
    named.namer = (n) => n.replace(/app\.(.*)$/, 'app.$1.log');
    // Files of other programs, which neither may delete.
    writeFileSync(join(dir, 'app.log.2020-01-01.txt'), 'other');
    writeFileSync(join(dir, 'other.log.2020-01-01'), 'other');
    for (let day = 0; day < 6; day++) {
      for (const h of [plain, named]) h.handle(rec(`day ${day}`));
      now += 86400;
    }
    plain.close();
    named.close();
    expect(readdirSync(dir).sort()).toEqual([
      'app',
      'app.2024-01-04.log',
      'app.2024-01-05.log',
      'app.log',
      'app.log.2020-01-01.txt',
      'app.log.2024-01-04',
      'app.log.2024-01-05',
      'other.log.2020-01-01',
    ]);
  });

  it('.getFilesToDelete() with a namer that keeps the extension last (app.2024-01-01.log) matches only names the namer produces', () => {
    const dir = tmp();
    const h = new TimedRotatingFileHandler(join(dir, 'app.log'), {
      when: 'D',
      backupCount: 1,
      delay: true,
    });
    h.namer = (n) => n.replace(/\.log\.(.*)$/, '.$1.log');
    for (const n of [
      'app.2024-01-01.log',
      'app.2024-01-02.log',
      'app.2024-01-03.log',
      'app.2024-01-02.txt',
      'xapp.2024-01-01.log',
    ]) {
      writeFileSync(join(dir, n), '');
    }
    expect(h.getFilesToDelete().map((p) => p.slice(dir.length + 1))).toEqual([
      'app.2024-01-01.log',
      'app.2024-01-02.log',
    ]);
    h.close();
  });

  it('never overwrites an existing backup of the same period; keeps writing and moves on', () => {
    const dir = tmp();
    const file = join(dir, 'app.log');
    let now = Date.UTC(2024, 0, 1, 12) / 1000;
    writeFileSync(join(dir, 'app.log.2024-01-01'), 'written by someone else\n');
    const h = new TimedRotatingFileHandler(file, {
      when: 'midnight',
      delay: true,
      clock: () => now,
    });
    h.handle(rec('a'));
    now += 86400;
    h.handle(rec('b'));
    h.close();
    expect(contents(dir)).toEqual({
      'app.log': 'a\nb\n',
      'app.log.2024-01-01': 'written by someone else\n',
    });
    expect(h.rolloverAt).toBe(Date.UTC(2024, 0, 3) / 1000);
  });

  it('rolloverTimer: rolls over on time with no write, and an empty period leaves no backup', async () => {
    const dir = tmp();
    const file = join(dir, 'app.log');
    const t0 = performance.now();
    const base = 1_700_000_000.6;
    const h = new TimedRotatingFileHandler(file, {
      when: 'S',
      delay: true, // no file yet: the first rollover comes from the (fake) clock
      rolloverTimer: true,
      clock: () => base + (performance.now() - t0) / 1000,
    });
    h.handle(rec('before the second ends'));
    h.flush();
    const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
    for (let i = 0; i < 100 && readdirSync(dir).length < 2; i++) await wait(50);
    const afterFirst = contents(dir);
    expect(afterFirst).toEqual({
      'app.log.2023-11-14_22-13-20': 'before the second ends\n',
    });
    await wait(2500);
    h.close();
    expect(contents(dir)).toEqual(afterFirst);
  });

  it('a process restarted once a simulated day for 10 days (fake clock, exit each time) leaves one file per day and exactly backupCount backups', () => {
    const dir = tmp();
    const file = join(dir, 'app.log');
    const tz = 'America/New_York';
    process.env.TZ = tz;
    const day0 = 1709650800; // 2024-03-05 10:00 EST; the days cross the DST change of 03-10
    const days: string[] = [];
    for (let k = 0; k < 10; k++) {
      const start = day0 + k * 86400;
      days.push(strftime('%Y-%m-%d', localtime(start)));
      const r = runTsChild('restart-child.ts', [file, String(start), '3', '5'], { TZ: tz });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      // The file system's clock is the fake one too: the file was last written then.
      const last = start + 4 * 60;
      utimesSync(file, last, last);
      const backups = readdirSync(dir).filter((n) => n !== 'app.log');
      expect(backups).toHaveLength(Math.min(k, 3));
    }
    const files = contents(dir);
    const expected: Record<string, string> = {};
    const linesOf = (k: number): string =>
      [0, 1, 2, 3, 4].map((i) => `run at ${day0 + k * 86400} line ${i}\n`).join('');
    for (const k of [6, 7, 8]) expected[`app.log.${days[k]}`] = linesOf(k);
    expected['app.log'] = linesOf(9);
    expect(files).toEqual(expected);
    expect(statSync(file).size).toBe(linesOf(9).length);
    rmSync(dir, { recursive: true });
  }, 120_000);
});
