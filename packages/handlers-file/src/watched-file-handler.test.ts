import { spawn, spawnSync } from 'node:child_process';
import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  truncateSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type LogRecord, makeLogRecord } from '@logweave/core';
import { describe, expect, it } from 'vitest';
import { WatchedFileHandler } from './watched-file-handler.js';

const rec = (msg: string): LogRecord => makeLogRecord({ msg });
const tmp = (): string => mkdtempSync(join(tmpdir(), 'lw-watched-'));
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

const LOGROTATE = ['/usr/sbin/logrotate', '/sbin/logrotate'].find(
  (p) => spawnSync(p, ['--version']).status === 0,
);
const NO_LOGROTATE = 'logrotate is not installed (Debian package logrotate): skipped';

/** Every line of every file in `dir`, and whether any file holds a NUL byte. */
function collect(dir: string): { lines: string[]; nul: boolean; files: number } {
  let nul = false;
  const lines: string[] = [];
  // Oldest first: app.log.5 … app.log.1, then app.log.
  const names = readdirSync(dir)
    .filter((n) => n.startsWith('app.log'))
    .sort((a, b) => (Number(b.split('.')[2] ?? 0) || 0) - (Number(a.split('.')[2] ?? 0) || 0));
  for (const n of names) {
    const buf = readFileSync(join(dir, n));
    if (buf.includes(0)) nul = true;
    lines.push(...buf.toString('utf8').split('\n').filter(Boolean));
  }
  return { lines, nul, files: names.length };
}

describe('WatchedFileHandler', () => {
  it('reopens the path when the file was renamed away or deleted, as CPython', () => {
    const dir = tmp();
    const file = join(dir, 'app.log');
    const h = new WatchedFileHandler(file);
    h.handle(rec('one'));
    h.flush();
    renameSync(file, `${file}.1`);
    h.handle(rec('two'));
    h.flush();
    unlinkSync(file);
    h.handle(rec('three'));
    h.close();
    expect(readFileSync(`${file}.1`, 'utf8')).toBe('one\n');
    expect(readFileSync(file, 'utf8')).toBe('three\n');
  });

  it('writes with O_APPEND: after an external truncation the next line starts at offset 0 (no NUL bytes)', () => {
    const dir = tmp();
    const file = join(dir, 'app.log');
    const h = new WatchedFileHandler(file);
    h.handle(rec('x'.repeat(1000)));
    h.flush();
    truncateSync(file, 0);
    h.handle(rec('after'));
    h.close();
    expect(readFileSync(file, 'utf8')).toBe('after\n');
  });

  it("reopenOn: 'SIGHUP' reopens on the signal; one listener for all handlers, removed with the last (no leak over 1,000 handlers)", () => {
    const dir = tmp();
    const file = join(dir, 'app.log');
    const before = process.listenerCount('SIGHUP');
    for (let i = 0; i < 1000; i++)
      new WatchedFileHandler(file, { reopenOn: 'SIGHUP', delay: true }).close();
    expect(process.listenerCount('SIGHUP')).toBe(before);
    const h = new WatchedFileHandler(file, { reopenOn: 'SIGHUP' });
    const h2 = new WatchedFileHandler(join(dir, 'b.log'), { reopenOn: 'SIGHUP' });
    expect(process.listenerCount('SIGHUP')).toBe(before + 1);
    h.handle(rec('one'));
    const oldIno = h.ino;
    process.emit('SIGHUP', 'SIGHUP');
    expect(h.ino).toBe(oldIno); // same file reopened: still the same inode
    h.handle(rec('two'));
    h.close();
    h2.close();
    expect(process.listenerCount('SIGHUP')).toBe(before);
    expect(readFileSync(file, 'utf8')).toBe('one\ntwo\n');
  });

  for (const mode of ['create', 'copytruncate'] as const) {
    it.skipIf(LOGROTATE === undefined)(
      `${LOGROTATE === undefined ? `(${NO_LOGROTATE}) ` : ''}a real logrotate with ${mode} rotates under a writing WatchedFileHandler: ${mode === 'create' ? 'every line in exactly one file, in order' : 'no line twice, order kept (lines written between the copy and the truncation are lost by design)'}, no NUL bytes`,
      async () => {
        const dir = tmp();
        const file = join(dir, 'app.log');
        const conf = join(dir, 'logrotate.conf');
        writeFileSync(
          conf,
          `${file} {\n  rotate 1000\n  ${mode}\n  missingok\n  nocompress\n  nodateext\n}\n`,
        );
        const h = new WatchedFileHandler(file);
        let n = 0;
        let writing = true;
        const writer = (async () => {
          while (writing) {
            for (let i = 0; i < 20; i++)
              h.handle(rec(`line ${String(n++).padStart(6, '0')} ${'.'.repeat(n % 50)}`));
            await wait(2);
          }
        })();
        const runs: number[] = [];
        for (let r = 0; r < 5; r++) {
          await wait(60);
          const code = await new Promise<number | null>((resolve) => {
            const p = spawn(LOGROTATE!, ['-f', '-s', join(dir, 'state'), conf], {
              stdio: 'ignore',
            });
            p.on('exit', resolve);
          });
          runs.push(code ?? -1);
        }
        await wait(60);
        writing = false;
        await writer;
        h.close();
        expect(runs).toEqual([0, 0, 0, 0, 0]);
        const { lines, nul, files } = collect(dir);
        expect(nul).toBe(false);
        expect(files).toBe(6);
        const ids = lines.map((l) => Number(l.split(' ')[1]));
        // Lines are in order within the concatenation oldest-first, each exactly once.
        expect(new Set(ids).size).toBe(ids.length);
        if (mode === 'create') {
          expect(ids).toEqual([...Array(n).keys()]);
        } else {
          // copytruncate copies, then truncates: lines written between the two are lost by
          // design (logrotate(8): "some logging data might be lost"); no writer can prevent
          // it. What the handler guarantees: no NUL bytes, no duplicates, order kept.
          const sorted = [...ids].sort((a, b) => a - b);
          expect(ids).toEqual(sorted);
          expect(n - ids.length).toBeLessThan(n / 4);
        }
      },
      30_000,
    );
  }
});
