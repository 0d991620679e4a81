/**
 * The `asctime` conformance vectors: `Formatter.formatTime` (and `format`) in every time zone
 * the vectors name, each zone in one child process started with `TZ=<zone>` and `LC_ALL=C`,
 * as CPython ran them. Cases of `holdout.json` run too when that file is present.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AsctimeResult } from './asctime-child.js';

const here = dirname(fileURLToPath(import.meta.url));
const packageRoot = join(here, '..', '..');
const fixtures = join(packageRoot, 'test', 'fixtures', 'conformance');
const childScript = join(here, 'asctime-child.ts');
const CHILD_TIMEOUT_MS = 60_000;

interface AsctimeCase {
  id: string;
  family: string;
  tz: string;
  converter: string;
  datefmt: string | null;
  expected: { ok: string } | { error: string; message: string };
}

interface Vectors {
  counts: Record<string, number>;
  cases: AsctimeCase[];
}

const files = ['public.json', 'holdout.json']
  .map((name) => join(fixtures, name))
  .filter((path) => existsSync(path));
const loaded = files.map((path) => JSON.parse(readFileSync(path, 'utf8')) as Vectors);
const cases = loaded.flatMap((v) => v.cases.filter((c) => c.family === 'asctime'));
const expectedCount = loaded.reduce((n, v) => n + (v.counts.asctime ?? 0), 0);
const zones = [...new Set(cases.map((c) => c.tz))];

/** Runs the child for one zone; rejects (after killing it) on timeout or a failed exit. */
function runChild(tz: string): Promise<Record<string, AsctimeResult>> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--conditions=@logweave/source', childScript, ...files],
    {
      cwd: packageRoot,
      env: { ...process.env, TZ: tz, LC_ALL: 'C' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => {
    stdout += s;
  });
  child.stderr.setEncoding('utf8').on('data', (s: string) => {
    stderr += s;
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`asctime child for TZ=${tz} timed out after ${CHILD_TIMEOUT_MS} ms`));
    }, CHILD_TIMEOUT_MS);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code !== 0) {
        reject(new Error(`asctime child for TZ=${tz} exited ${code ?? signal}: ${stderr}`));
        return;
      }
      try {
        const out = JSON.parse(stdout) as { tz: string; results: Record<string, AsctimeResult> };
        if (out.tz !== tz) throw new Error(`child saw TZ=${out.tz}`);
        resolve(out.results);
      } catch (e) {
        reject(new Error(`asctime child for TZ=${tz} printed no valid JSON (${e}): ${stderr}`));
      }
    });
  });
}

describe('asctime conformance vectors', () => {
  it('loads every asctime case the vector files count', () => {
    expect(cases.length).toBe(expectedCount);
    expect(zones.sort()).toEqual(['America/New_York', 'Asia/Kolkata', 'Europe/London', 'UTC']);
  });
});

describe.each(zones)('Formatter.formatTime() in a child process with TZ=%s', (tz) => {
  let results: Record<string, AsctimeResult> = {};
  beforeAll(async () => {
    results = await runChild(tz);
  }, CHILD_TIMEOUT_MS + 5_000);

  for (const c of cases.filter((x) => x.tz === tz)) {
    it(`${c.id} (${c.converter}, datefmt ${JSON.stringify(c.datefmt)})`, () => {
      const r = results[c.id];
      if ('error' in c.expected) {
        expect(r).toEqual({ error: c.expected.error, message: c.expected.message });
      } else {
        expect(r).toEqual({ formatTime: c.expected.ok, format: c.expected.ok });
      }
    });
  }
});
