import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { Filter } from '../../src/filter.js';
import { makeLogRecord } from '../../src/record.js';
import {
  ASCTIME_CHILD_TIMEOUT_MS,
  expectedAsctimeResult,
  runAsctimeChild,
} from '../conformance/asctime-run.js';
import { type FormatterCase, runFormatterCase } from '../conformance/formatter-case.js';
import { type PercentCase, runPercentCase } from '../conformance/percent-case.js';

/**
 * The public vectors sample each family's axes; `cross-product.py` pairs every axis value they
 * use with every other (about 12,000 cases: printf specs x values, layouts x records,
 * timestamps x datefmts x zones x converters, filter names x record names) and has a live
 * CPython 3.11 answer each one. Mismatches are collected per family, so a failure lists them.
 */

const here = dirname(fileURLToPath(import.meta.url));
const conformance = join(here, '..', 'conformance');
const publicJson = join(here, '..', 'fixtures', 'conformance', 'public.json');

const probe = spawnSync('python3', ['-c', 'import sys; print(sys.version_info[:2] == (3, 11))'], {
  encoding: 'utf8',
});
const hasPython311 = probe.status === 0 && probe.stdout.trim() === 'True';
const SKIP_REASON = 'skipped: needs python3 3.11 on PATH (the reference interpreter)';

interface Vectors {
  counts: Record<string, number>;
  cases: ({ id: string; family: string } & Record<string, unknown>)[];
}

const dir = mkdtempSync(join(tmpdir(), 'logweave-cross-product-'));
const vectorsFile = join(dir, 'cross-product.json');
let vectors: Vectors = { counts: {}, cases: [] };
if (hasPython311) {
  const gen = spawnSync(
    'python3',
    [join(conformance, 'cross-product.py'), publicJson, vectorsFile],
    {
      encoding: 'utf8',
    },
  );
  if (gen.status !== 0) throw new Error(`cross-product.py failed: ${gen.stderr}`);
  vectors = JSON.parse(readFileSync(vectorsFile, 'utf8')) as Vectors;
}
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function familyCases<C>(family: string): C[] {
  return vectors.cases.filter((c) => c.family === family) as unknown as C[];
}

/** The cases whose outcome differs from CPython's, at most 20 of them, for a readable failure. */
function mismatches<C extends { id: string; expected: unknown }>(
  cases: C[],
  run: (c: C) => unknown,
): { id: string; got: unknown; want: unknown }[] {
  const out = [];
  for (const c of cases) {
    const got = run(c);
    if (JSON.stringify(got) !== JSON.stringify(c.expected))
      out.push({ id: c.id, got, want: c.expected });
    if (out.length === 20) break;
  }
  return out;
}

describe.skipIf(!hasPython311)(
  `conformance cross products vs live CPython 3.11 (${hasPython311 ? 'python3 found' : SKIP_REASON})`,
  () => {
    it('the generator widened every family it covers beyond the public cases', () => {
      expect(Object.keys(vectors.counts).sort()).toEqual([
        'asctime',
        'exception_text',
        'filter_names',
        'formatter_brace',
        'formatter_dollar',
        'formatter_percent',
        'percent_message',
      ]);
      expect(vectors.cases.length).toBeGreaterThan(10_000);
    });

    it('LogRecord.getMessage() matches for every printf spec x value pairing', () => {
      expect(mismatches(familyCases<PercentCase>('percent_message'), runPercentCase)).toEqual([]);
    });

    it.each(['formatter_percent', 'formatter_brace', 'formatter_dollar', 'exception_text'])(
      'Formatter.format() matches for every %s layout x record pairing',
      (family) => {
        expect(mismatches(familyCases<FormatterCase>(family), runFormatterCase)).toEqual([]);
      },
    );

    it('Filter(name).filter() matches for every filter name x record name pairing', () => {
      type FilterCase = { id: string; filter: string; record_name: string; expected: unknown };
      const run = (c: FilterCase) => ({
        ok: Boolean(new Filter(c.filter).filter(makeLogRecord({ name: c.record_name }))),
      });
      expect(mismatches(familyCases<FilterCase>('filter_names'), run)).toEqual([]);
    });

    it.each(['UTC', 'America/New_York', 'Asia/Kolkata', 'Europe/London'])(
      'Formatter.formatTime() matches for every timestamp x datefmt x converter in TZ=%s',
      async (tz) => {
        type AsctimeCase = {
          id: string;
          tz: string;
          expected: Parameters<typeof expectedAsctimeResult>[0];
        };
        const cases = familyCases<AsctimeCase>('asctime')
          .filter((c) => c.tz === tz)
          .map((c) => ({ id: c.id, expected: expectedAsctimeResult(c.expected) }));
        expect(cases.length).toBeGreaterThan(1_000);
        const results = await runAsctimeChild(tz, [vectorsFile]);
        expect(mismatches(cases, (c) => results[c.id])).toEqual([]);
      },
      ASCTIME_CHILD_TIMEOUT_MS + 5_000,
    );
  },
);
