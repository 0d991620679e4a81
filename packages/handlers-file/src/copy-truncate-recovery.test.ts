import { copyFileSync, mkdtempSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FdDestination, makeLogRecord } from '@logweave/core';
import { describe, expect, it } from 'vitest';
import { WatchedFileHandler } from './watched-file-handler.js';

const rec = (msg: string) => makeLogRecord({ msg });

/** A handler with `copytruncate` on a fresh file, and the errors it reported. */
function setup(copytruncate: ConstructorParameters<typeof WatchedFileHandler>[1] = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'lw-copytruncate-'));
  const file = join(dir, 'app.log');
  const options = typeof copytruncate === 'object' ? copytruncate : {};
  const h = new WatchedFileHandler(file, { copytruncate: true, ...options });
  const errors: string[] = [];
  h.handleError = (_r, e) => errors.push(String(e));
  /** Writes each line and flushes, as if time passed between records. */
  const write = (...lines: string[]) => {
    for (const l of lines) h.handle(rec(l));
    h.flush();
  };
  /** logrotate's copytruncate, scripted: copy now, truncate when told. */
  const copy = (to = `${file}.1`) => copyFileSync(file, to);
  const truncate = () => truncateSync(file, 0);
  const read = (p = file) => readFileSync(p, 'utf8');
  return { dir, file, h, errors, write, copy, truncate, read };
}

describe('WatchedFileHandler copytruncate recovery (scripted copy and truncate)', () => {
  it('writes the lines between the copy and the truncation back, before the next record', () => {
    const { h, errors, write, copy, truncate, read, file } = setup();
    write('a', 'b');
    copy();
    write('c', 'd'); // after the copy, before the truncation: in neither file
    truncate();
    write('e');
    h.close();
    expect(read(`${file}.1`)).toBe('a\nb\n');
    expect(read()).toBe('c\nd\ne\n');
    expect(errors).toEqual([]);
    expect(h.copyTruncate?.truncations).toBe(1);
    expect(h.copyTruncate?.bytesWrittenBack).toBe(4);
  });

  it('a truncation noticed late (records already in the new file) keeps order and writes nothing twice', () => {
    const { h, errors, write, copy, truncate, read, file } = setup();
    write('a');
    copy();
    write('b');
    truncate();
    // 'c' reaches the truncated file before any check (the buffer flushes on its own).
    h.stream!.write('c\n');
    h.stream!.flushSync();
    expect(read()).toBe('c\n');
    write('d');
    h.close();
    expect(read(`${file}.1`)).toBe('a\n');
    expect(read()).toBe('b\nc\nd\n');
    expect(errors).toEqual([]);
  });

  it('a record pending when logrotate copied is not written twice', () => {
    const { h, errors, copy, truncate, read, file } = setup();
    h.handle(rec('a'));
    h.flush();
    h.handle(rec('b')); // buffered, not in the file
    copy();
    truncate();
    h.flush(); // 'b' lands in the truncated file
    h.handle(rec('c'));
    h.close();
    expect(read(`${file}.1`)).toBe('a\n');
    expect(read()).toBe('b\nc\n');
    expect(errors).toEqual([]);
  });

  it('a window larger than ringBytes: whole lines written back, the loss reported with its size', () => {
    const { h, errors, write, copy, truncate, read, file } = setup({
      copytruncate: { ringBytes: 50 },
    });
    write('first');
    copy();
    const lost = Array.from({ length: 20 }, (_, i) => `line ${String(i).padStart(2, '0')}`);
    write(...lost); // 20 × 8 bytes = 160 bytes > 50
    truncate();
    write('last');
    h.close();
    expect(read(`${file}.1`)).toBe('first\n');
    const back = read().split('\n').filter(Boolean);
    // Only whole lines, the newest ones, in order, then the new record.
    expect(back.at(-1)).toBe('last');
    const kept = back.slice(0, -1);
    expect(kept).toEqual(lost.slice(lost.length - kept.length));
    expect(kept.length).toBe(6); // 50 bytes hold the last 6 lines whole (and 2 bytes of one more)
    const missing = (lost.length - kept.length) * 8;
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(`${missing} bytes may be lost`);
  });

  it('a copy that cannot be read is reported once, and writing goes on', () => {
    const { h, errors, write, truncate, read } = setup();
    write('a', 'b');
    truncate(); // no copy at app.log.1
    write('c');
    write('d');
    h.close();
    expect(read()).toBe('c\nd\n');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/app\.log\.1 cannot be read .*ENOENT.*up to 4 bytes may be lost/);
  });

  it('a copy ending inside a line: the whole line is written again in the new file', () => {
    const { h, errors, write, truncate, read, file } = setup();
    write('alpha', 'bravo', 'charlie');
    // A copy that caught 'charlie' half written.
    writeFileSync(`${file}.1`, read().slice(0, -4));
    write('delta');
    truncate();
    write('echo');
    h.close();
    expect(read(`${file}.1`)).toBe('alpha\nbravo\nchar');
    expect(read()).toBe('charlie\ndelta\necho\n');
    expect(errors).toEqual([]);
  });

  it('a copy that is not what was written (e.g. compressed) is reported; nothing is written back', () => {
    const { h, errors, write, truncate, read, file } = setup();
    write('a', 'b');
    writeFileSync(`${file}.1`, Buffer.from([0x1f, 0x8b, 8, 0, 1, 2, 3]));
    truncate();
    write('c');
    h.close();
    expect(read()).toBe('c\n');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/does not end with what this handler wrote/);
  });

  it('a copy left from an earlier rotation is not taken for this one: reported, nothing duplicated', () => {
    const { h, errors, write, copy, truncate, read, file } = setup();
    write('a');
    copy();
    write('b');
    truncate();
    write('c'); // recovers 'b'
    write('d');
    truncate(); // no new copy: app.log.1 still holds 'a'
    write('e');
    h.close();
    expect(read(`${file}.1`)).toBe('a\n');
    expect(read()).toBe('e\n');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      /does not end with what this handler wrote.*up to 6 bytes may be lost/,
    );
  });

  it('copyPath as a function (a dated copy); multi-byte text counted in bytes', () => {
    const { h, errors, write, copy, truncate, read, file } = setup({
      copytruncate: { copyPath: (base: string) => `${base}-20260101` },
    });
    write('é一', '🙂');
    copy(`${file}-20260101`);
    write('ü');
    truncate();
    write('ß');
    h.close();
    expect(read(`${file}-20260101`)).toBe('é一\n🙂\n');
    expect(read()).toBe('ü\nß\n');
    expect(errors).toEqual([]);
  });

  it('close() notices a truncation that no later record would', () => {
    const { h, errors, write, copy, truncate, read } = setup();
    write('a');
    copy();
    write('b');
    truncate();
    h.close();
    expect(read()).toBe('b\n');
    expect(errors).toEqual([]);
  });

  it('several truncations in a row, with delay: true and content from an earlier run', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lw-copytruncate-'));
    const file = join(dir, 'app.log');
    writeFileSync(file, 'old\n');
    const h = new WatchedFileHandler(file, { copytruncate: {}, delay: true });
    const all: string[] = [];
    for (let r = 1; r <= 3; r++) {
      h.handle(rec(`r${r} a`)); // notices the previous truncation, reading the previous copy
      h.flush();
      if (r > 1) all.push(readFileSync(`${file}.1`, 'utf8'));
      copyFileSync(file, `${file}.1`);
      h.handle(rec(`r${r} b`));
      h.flush();
      truncateSync(file, 0);
    }
    h.handle(rec('end'));
    h.close();
    all.push(readFileSync(`${file}.1`, 'utf8'), readFileSync(file, 'utf8'));
    expect(all.join('')).toBe('old\nr1 a\nr1 b\nr2 a\nr2 b\nr3 a\nr3 b\nend\n');
    expect(h.copyTruncate?.truncations).toBe(3);
  });

  it('off by default: no ring, the stream is core’s plain FdDestination', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lw-copytruncate-'));
    const h = new WatchedFileHandler(join(dir, 'app.log'));
    expect(h.copyTruncate).toBeNull();
    expect(Object.hasOwn(h.stream!, 'write')).toBe(false);
    expect(h.stream!.write).toBe(FdDestination.prototype.write);
    h.close();
    expect(
      () => new WatchedFileHandler(join(dir, 'b.log'), { copytruncate: { ringBytes: 0 } }),
    ).toThrow(/ringBytes must be a positive integer/);
  });
});
