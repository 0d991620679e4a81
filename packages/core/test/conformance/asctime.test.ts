/**
 * The `asctime` conformance vectors: `Formatter.formatTime` (and `format`) in every time zone
 * the vectors name, each zone in one child process started with `TZ=<zone>` and `LC_ALL=C`,
 * as CPython ran them. Cases of `holdout.json` run too when that file is present.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AsctimeResult } from './asctime-child.js';
import { ASCTIME_CHILD_TIMEOUT_MS, expectedAsctimeResult, runAsctimeChild } from './asctime-run.js';

const here = dirname(fileURLToPath(import.meta.url));
const packageRoot = join(here, '..', '..');
const fixtures = join(packageRoot, 'test', 'fixtures', 'conformance');

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

describe('asctime conformance vectors', () => {
  it('loads every asctime case the vector files count', () => {
    expect(cases.length).toBe(expectedCount);
    expect(zones.sort()).toEqual(['America/New_York', 'Asia/Kolkata', 'Europe/London', 'UTC']);
  });
});

describe.each(zones)('Formatter.formatTime() in a child process with TZ=%s', (tz) => {
  let results: Record<string, AsctimeResult> = {};
  beforeAll(async () => {
    results = await runAsctimeChild(tz, files);
  }, ASCTIME_CHILD_TIMEOUT_MS + 5_000);

  for (const c of cases.filter((x) => x.tz === tz)) {
    it(`${c.id} (${c.converter}, datefmt ${JSON.stringify(c.datefmt)})`, () => {
      expect(results[c.id]).toEqual(expectedAsctimeResult(c.expected));
    });
  }
});
