import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { makeLogRecord } from '@logweave/core';
import { describe, expect, it } from 'vitest';
import { GzipRotator } from './gzip-rotator.js';
import { RotatingFileHandler } from './rotating-file-handler.js';
import { TimedRotatingFileHandler } from './timed-rotating-file-handler.js';
import { runTsChild } from './test-support/run-ts.js';
import { supportDir } from './test-support/python.js';

const tmp = (): string => mkdtempSync(join(tmpdir(), 'lw-gz-'));
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A file of `n` numbered lines that compress poorly (so compression takes a while). */
function bigFile(path: string, n: number): void {
  const parts: string[] = [];
  let x = 12345;
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    parts.push(
      `line ${i} ${x.toString(36)}${(x * 7).toString(16)}${(x ^ 0x5bd1e995).toString(36)}\n`,
    );
  }
  writeFileSync(path, parts.join(''));
}

describe('GzipRotator', () => {
  it('with RotatingFileHandler: base + .1.gz … .5.gz, each decompressing to the right lines, even when rollovers outpace compression', async () => {
    const dir = tmp();
    const h = new RotatingFileHandler(join(dir, 'app.log'), { maxBytes: 64, backupCount: 5 });
    const gz = new GzipRotator().attach(h);
    for (let i = 0; i < 40; i++)
      h.handle(makeLogRecord({ msg: `record ${String(i).padStart(2, '0')} ${'x'.repeat(40)}` }));
    expect(gz.pending).toBeGreaterThan(0); // several compressions in flight during the shifts
    await gz.drain();
    h.close();
    expect(readdirSync(dir).sort()).toEqual([
      'app.log',
      'app.log.1.gz',
      'app.log.2.gz',
      'app.log.3.gz',
      'app.log.4.gz',
      'app.log.5.gz',
    ]);
    // One record per file (each is 51 bytes; two would exceed 64): newest in app.log.
    expect(readFileSync(join(dir, 'app.log'), 'utf8')).toBe(`record 39 ${'x'.repeat(40)}\n`);
    for (let k = 1; k <= 5; k++) {
      const text = gunzipSync(readFileSync(join(dir, `app.log.${k}.gz`))).toString('utf8');
      expect(text).toBe(`record ${39 - k} ${'x'.repeat(40)}\n`);
    }
  });

  it('with TimedRotatingFileHandler: period-named .gz backups, retention counts only complete .gz files of this handler', async () => {
    const dir = tmp();
    let now = Date.UTC(2024, 0, 1, 12) / 1000;
    const h = new TimedRotatingFileHandler(join(dir, 'app.log'), {
      when: 'D',
      utc: true,
      backupCount: 2,
      delay: true,
      clock: () => now,
    });
    const gz = new GzipRotator().attach(h);
    for (let d = 0; d < 5; d++) {
      h.handle(makeLogRecord({ msg: `day ${d}` }));
      now += 86400;
      await gz.drain();
    }
    h.close();
    expect(readdirSync(dir).sort()).toEqual([
      'app.log',
      'app.log.2024-01-03.gz',
      'app.log.2024-01-04.gz',
    ]);
    expect(gunzipSync(readFileSync(join(dir, 'app.log.2024-01-04.gz'))).toString()).toBe('day 3\n');
  });

  it('a compressed 20 MB backup gunzips to exactly the lines written, and no .tmp or .pending is left', async () => {
    const dir = tmp();
    const file = join(dir, 'app.log');
    const lines = 600_000;
    bigFile(file, lines);
    const size = statSync(file).size;
    expect(size).toBeGreaterThan(20_000_000);
    const h = new RotatingFileHandler(file, { maxBytes: 1000, backupCount: 2 });
    const gz = new GzipRotator().attach(h);
    h.handle(makeLogRecord({ msg: 'next' }));
    await gz.drain();
    h.close();
    expect(readdirSync(dir).sort()).toEqual(['app.log', 'app.log.1.gz']);
    const text = gunzipSync(readFileSync(join(dir, 'app.log.1.gz')));
    expect(text.length).toBe(size);
    let count = 0;
    for (const b of text) if (b === 10) count++;
    expect(count).toBe(lines);
  }, 60_000);

  it('SIGKILL mid-compression leaves the original and no .gz; the next start finishes a complete .gz', async () => {
    const dir = tmp();
    const file = join(dir, 'app.log');
    bigFile(file, 600_000);
    const original = readFileSync(file);
    const child = spawn(
      process.execPath,
      [
        '--conditions=@logweave/source',
        '--import',
        'tsx',
        join(supportDir, 'compress-child.ts'),
        file,
        'start',
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (out += s));
    const tmpName = join(dir, 'app.log.1.gz.tmp');
    for (let i = 0; i < 3000; i++) {
      if (out.includes('started') && existsSync(tmpName) && statSync(tmpName).size > 0) break;
      await wait(5);
    }
    const exited = new Promise((r) => child.on('exit', r));
    child.kill('SIGKILL');
    await exited;
    const afterKill = readdirSync(dir).sort();
    // Killed while compressing: the original kept aside, the partial output only as .tmp.
    expect(afterKill).toContain('app.log.1.gz.pending');
    expect(afterKill).not.toContain('app.log.1.gz');
    expect(readFileSync(join(dir, 'app.log.1.gz.pending')).equals(original)).toBe(true);

    const r = runTsChild('compress-child.ts', [file, 'recover']);
    expect(r.stdout).toBe('done\n');
    expect(readdirSync(dir).sort()).toEqual(['app.log', 'app.log.1.gz']);
    expect(gunzipSync(readFileSync(join(dir, 'app.log.1.gz'))).equals(original)).toBe(true);
  }, 90_000);
});
