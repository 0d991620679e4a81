import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type LogRecord, LoggingTypeError, makeLogRecord } from '@logweave/core';
import { describe, expect, it } from 'vitest';
import { RotatingFileHandler } from './rotating-file-handler.js';

const rec = (msg: string): LogRecord => makeLogRecord({ msg });
const tmp = (): string => mkdtempSync(join(tmpdir(), 'lw-rot-'));

class Probe extends RotatingFileHandler {
  reported: unknown[] = [];
  calls: string[] = [];
  override handleError(_record: LogRecord, error?: unknown): void {
    this.reported.push(error);
  }
  override shouldRollover(record: LogRecord): boolean {
    this.calls.push('shouldRollover');
    return super.shouldRollover(record);
  }
  override doRollover(): void {
    this.calls.push('doRollover');
    super.doRollover();
  }
}

function contents(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const n of readdirSync(dir).sort()) out[n] = readFileSync(join(dir, n), 'utf8');
  return out;
}

describe('RotatingFileHandler', () => {
  it('takes the positional form (filename, mode, maxBytes, backupCount, encoding, delay, errors)', () => {
    const dir = tmp();
    const h = new RotatingFileHandler(join(dir, 'a.log'), 'w', 12, 2, 'latin-1', true);
    expect([h.mode, h.maxBytes, h.backupCount, h.encoding, h.delay]).toEqual([
      'a',
      12,
      2,
      'latin-1',
      true,
    ]);
    expect(existsSync(join(dir, 'a.log'))).toBe(false);
    for (const m of ['first', 'second', 'third']) h.handle(rec(m));
    h.close();
    expect(contents(dir)).toEqual({
      'a.log': 'third\n',
      'a.log.1': 'second\n',
      'a.log.2': 'first\n',
    });
  });

  it('keeps mode w when maxBytes is 0 (never rolls over), as CPython', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'a.log'), 'old\n');
    const h = new RotatingFileHandler(join(dir, 'a.log'), { mode: 'w', backupCount: 3 });
    for (let i = 0; i < 50; i++) h.handle(rec(`r${i}`));
    h.close();
    expect(Object.keys(contents(dir))).toEqual(['a.log']);
    expect(readFileSync(join(dir, 'a.log'), 'utf8').startsWith('r0\n')).toBe(true);
  });

  it('.shouldRollover() when the next record reaches maxBytes: .1 … .N renames, the oldest dropped', () => {
    const dir = tmp();
    const h = new Probe(join(dir, 'app.log'), { maxBytes: 10, backupCount: 3 });
    for (let i = 0; i < 6; i++) h.handle(rec(`line${i}`)); // 6 bytes each: one per file
    h.close();
    expect(contents(dir)).toEqual({
      'app.log': 'line5\n',
      'app.log.1': 'line4\n',
      'app.log.2': 'line3\n',
      'app.log.3': 'line2\n',
    });
    expect(h.reported).toEqual([]);
    expect(h.calls.filter((c) => c === 'doRollover')).toHaveLength(5);
  });

  it('backupCount 0 never rolls over (and never truncates)', () => {
    const dir = tmp();
    const h = new Probe(join(dir, 'app.log'), { maxBytes: 10, backupCount: 0 });
    for (let i = 0; i < 20; i++) h.handle(rec(`line${i}`));
    h.close();
    expect(readFileSync(join(dir, 'app.log'), 'utf8').split('\n')).toHaveLength(21);
    expect(h.calls).not.toContain('doRollover');
  });

  it('a non-regular file such as /dev/null never rolls over', () => {
    const h = new Probe('/dev/null', { maxBytes: 5, backupCount: 2 });
    for (let i = 0; i < 20; i++) h.handle(rec(`line${i}`));
    h.close();
    expect(h.calls).not.toContain('doRollover');
    expect(h.reported).toEqual([]);
  });

  it('an empty file is never rolled over, even for a record longer than maxBytes (gh-116263)', () => {
    const dir = tmp();
    const h = new RotatingFileHandler(join(dir, 'app.log'), { maxBytes: 5, backupCount: 2 });
    h.handle(rec('a record much longer than five bytes'));
    h.handle(rec('x'));
    h.close();
    expect(contents(dir)).toEqual({
      'app.log': 'x\n',
      'app.log.1': 'a record much longer than five bytes\n',
    });
  });

  it('counts an existing file: appending to it rolls over as soon as the limit is reached', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'app.log'), 'x'.repeat(95));
    const h = new RotatingFileHandler(join(dir, 'app.log'), { maxBytes: 100, backupCount: 1 });
    h.handle(rec('12345'));
    h.close();
    expect(contents(dir)).toEqual({ 'app.log': '12345\n', 'app.log.1': 'x'.repeat(95) });
  });

  it('calls namer for the names it needs and rotator for base → .1, after shouldRollover → doRollover', () => {
    const dir = tmp();
    const h = new RotatingFileHandler(join(dir, 'app.log'), { maxBytes: 8, backupCount: 2 });
    const seen: string[] = [];
    h.namer = (n) => {
      seen.push(`namer ${n.slice(dir.length + 1)}`);
      return `${n}.bak`;
    };
    h.rotator = (s, d) => {
      seen.push(`rotator ${s.slice(dir.length + 1)} ${d.slice(dir.length + 1)}`);
      writeFileSync(d, readFileSync(s, 'utf8').toUpperCase());
      writeFileSync(s, '');
    };
    h.handle(rec('first!'));
    h.handle(rec('second'));
    h.close();
    // CPython also asks for app.log.2 (its shift loop visits every index); ours stops at
    // the first free slot.
    expect(seen).toEqual(['namer app.log.1', 'namer app.log.1', 'rotator app.log app.log.1.bak']);
    expect(contents(dir)).toEqual({ 'app.log': 'second\n', 'app.log.1.bak': 'FIRST!\n' });
  });

  it('a failed rollover (rename refused) is reported once, the records go to the current file, and a later retry succeeds', () => {
    const dir = tmp();
    const h = new Probe(join(dir, 'app.log'), {
      maxBytes: 10,
      backupCount: 2,
      rolloverRetryDelay: 0,
    });
    let refuse = 3;
    h.rotator = (s, d) => {
      if (refuse-- > 0)
        throw Object.assign(new Error('EBUSY: resource busy or locked'), { code: 'EBUSY' });
      h.rotator = null;
      h.rotate(s, d);
    };
    for (let i = 0; i < 6; i++) h.handle(rec(`line${i}`));
    h.close();
    expect(h.reported).toHaveLength(1);
    expect(String(h.reported[0])).toContain('EBUSY');
    expect(h.rolloverFailing).toBe(false);
    // Nothing lost: the lines written while rollover failed are in the backup.
    const files = contents(dir);
    expect(files).toEqual({
      'app.log': 'line5\n',
      'app.log.1': 'line4\n',
      'app.log.2': 'line0\nline1\nline2\nline3\n',
    });
  });

  it('a real file-system error during rollover (the backup name is a non-empty directory) is reported once; records stay in the current file until it clears', () => {
    const dir = tmp();
    mkdirSync(join(dir, 'app.log.1'));
    writeFileSync(join(dir, 'app.log.1', 'keep'), 'not a backup');
    const h = new Probe(join(dir, 'app.log'), {
      maxBytes: 10,
      backupCount: 1,
      rolloverRetryDelay: 0,
    });
    for (let i = 0; i < 4; i++) h.handle(rec(`line${i}`));
    expect(h.reported).toHaveLength(1);
    expect((h.reported[0] as Error & { cause: { code: string } }).cause.code).toMatch(
      /EISDIR|EPERM|ENOTEMPTY/,
    );
    expect(h.rolloverFailing).toBe(true);
    rmSync(join(dir, 'app.log.1'), { recursive: true });
    h.handle(rec('line4'));
    h.close();
    expect(h.rolloverFailing).toBe(false);
    expect(h.reported).toHaveLength(1);
    expect(contents(dir)).toEqual({
      'app.log': 'line4\n',
      'app.log.1': 'line0\nline1\nline2\nline3\n',
    });
  });

  it('after an interrupted shift leaves a gap, no existing backup is deleted', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'app.log'), 'current\n');
    writeFileSync(join(dir, 'app.log.2'), 'two\n');
    writeFileSync(join(dir, 'app.log.3'), 'three\n');
    const h = new RotatingFileHandler(join(dir, 'app.log'), { maxBytes: 10, backupCount: 3 });
    h.handle(rec('next'));
    h.close();
    expect(contents(dir)).toEqual({
      'app.log': 'next\n',
      'app.log.1': 'current\n',
      'app.log.2': 'two\n',
      'app.log.3': 'three\n',
    });
  });

  it('rejects a maxBytes that is not a number at construction', () => {
    expect(
      () => new RotatingFileHandler(join(tmp(), 'a.log'), { maxBytes: '10' as unknown as number }),
    ).toThrow(LoggingTypeError);
  });
});
