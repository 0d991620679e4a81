import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { payload } from './children/multi-origin-payload.js';

const here = dirname(fileURLToPath(import.meta.url));
const packageRoot = join(here, '..', '..');
const COUNT = 10_000;

interface Summary {
  workerErrors: string[];
  children: {
    origin: number;
    received: number;
    discarded: number;
    exitCode: number | null;
    signal: string | null;
  }[];
}

/** Runs the parent (sources through tsx): 4 threads + 4 processes log to one FileHandler. */
function runParent(scenario: 'clean' | 'crashes'): Promise<{ summary: Summary; log: string }> {
  const out = join(mkdtempSync(join(tmpdir(), 'multi-origin-')), 'out.log');
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '--conditions=@logweave/source',
      join(here, 'children', 'multi-origin-parent.ts'),
      out,
      String(COUNT),
      scenario,
    ],
    { cwd: packageRoot, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) {
        reject(new Error(`parent exited with ${code}: ${stderr}`));
        return;
      }
      resolve({ summary: JSON.parse(stdout) as Summary, log: readFileSync(out, 'utf8') });
    });
  });
}

const LINE =
  /^(MainProcess|Process-(\d)) (MainThread|Thread-(\d)) (thread|process)\.(\d) (\d+) (.*)$/;

/**
 * Checks that every line is one whole record of a known origin, with that origin's
 * processName/threadName and exact text, and that each origin's records are 0, 1, 2... in
 * order. Returns the number of records per origin (`thread.1`, `process.3`...).
 */
function checkLines(log: string): Map<string, number> {
  const lines = log.split('\n');
  expect(lines.pop()).toBe('');
  const next = new Map<string, number>();
  for (const [i, line] of lines.entries()) {
    const m = LINE.exec(line);
    if (m === null)
      expect.fail(`line ${i} is not a whole record: ${JSON.stringify(line.slice(0, 80))}`);
    const [, , procNo, , threadNo, kind, originText, nText, text] = m;
    const origin = Number(originText);
    const n = Number(nText);
    if (kind === 'thread') {
      // A worker thread of the parent: the parent's process name, the thread's own name.
      expect([procNo, Number(threadNo)], line.slice(0, 40)).toEqual([undefined, origin]);
    } else {
      // A child process: its own process name, its main thread.
      expect([Number(procNo), threadNo], line.slice(0, 40)).toEqual([origin, undefined]);
    }
    if (text !== payload(origin, n))
      expect.fail(`line ${i}: wrong text for ${kind} ${origin} #${n}`);
    const key = `${kind}.${origin}`;
    const expected = next.get(key) ?? 0;
    if (n !== expected) expect.fail(`line ${i}: ${key} record ${n} where ${expected} was due`);
    next.set(key, n + 1);
  }
  return next;
}

describe('4 worker threads and 4 child processes logging through queues to one FileHandler', () => {
  it('writes all 80,000 records as whole lines, each with its origin threadName/processName', async () => {
    const { summary, log } = await runParent('clean');
    const counts = checkLines(log);
    expect(Object.fromEntries(counts)).toEqual({
      'thread.1': COUNT,
      'thread.2': COUNT,
      'thread.3': COUNT,
      'thread.4': COUNT,
      'process.1': COUNT,
      'process.2': COUNT,
      'process.3': COUNT,
      'process.4': COUNT,
    });
    expect(summary.workerErrors).toEqual([]);
    expect(summary.children.every((c) => c.discarded === 0 && c.exitCode === 0)).toBe(true);
  }, 120_000);

  it('a crashing thread and dying children lose at most the record being sent; the rest is whole', async () => {
    const { summary, log } = await runParent('crashes');
    const counts = checkLines(log);
    // Thread 2 threw after logging half of its records: all of them arrived.
    expect(summary.workerErrors).toEqual([`thread 2 crashed after ${COUNT / 2} records`]);
    expect(counts.get('thread.2')).toBe(COUNT / 2);
    // Process 3 SIGKILLed itself right after a record: nothing it logged was lost.
    const p3 = summary.children.find((c) => c.origin === 3)!;
    expect([p3.signal, p3.discarded, counts.get('process.3')]).toEqual(['SIGKILL', 0, COUNT / 2]);
    // Process 4 was killed while logging: every record it finished writing arrived, in
    // order; at most the one it was writing was cut (and discarded).
    const p4 = summary.children.find((c) => c.origin === 4)!;
    expect(p4.signal).toBe('SIGKILL');
    expect(p4.discarded).toBeLessThanOrEqual(1);
    expect(counts.get('process.4')).toBe(p4.received);
    expect(p4.received).toBeGreaterThanOrEqual(COUNT / 4);
    // The listener kept going for everyone else.
    for (const key of ['thread.1', 'thread.3', 'thread.4', 'process.1', 'process.2']) {
      expect(counts.get(key), key).toBe(COUNT);
    }
  }, 120_000);
});
