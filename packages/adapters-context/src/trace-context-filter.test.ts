import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Formatter, getLogger, resetLogging } from '@logweave/core';
import * as api from '@opentelemetry/api';
import { afterEach, describe, expect, it } from 'vitest';
import { ListHandler } from './test-support/list-handler.js';
import { TraceContextFilter } from './trace-context-filter.js';

afterEach(() => resetLogging());

const here = import.meta.dirname;
const fixtures = join(here, 'test-support', 'trace');
// The children load the package as users do (its built entry point), from ESM and CommonJS.
const built =
  existsSync(join(here, '..', 'dist', 'index.js')) &&
  existsSync(join(here, '..', '..', 'core', 'dist', 'index.js'));
const NOT_BUILT = ' (skipped: dist/ not built; run `npm run build` first)';

describe('TraceContextFilter', () => {
  it('sets the Python instrumentation defaults when no span is active', () => {
    const logger = getLogger('trace.none');
    logger.setLevel('INFO');
    logger.propagate = false;
    const h = new ListHandler();
    h.setFormatter(new Formatter('%(otelTraceID)s %(otelSpanID)s %(otelTraceSampled)s'));
    h.addFilter(new TraceContextFilter({ api }));
    logger.addHandler(h);
    logger.info('x');
    expect(h.lines).toEqual(['0 0 false']);
  });

  describe.each([
    ['ESM, SDK registered before importing logweave', 'esm-before.mjs'],
    ['ESM, SDK registered after importing logweave', 'esm-after.mjs'],
    ['CommonJS, SDK registered before requiring logweave', 'cjs-before.cjs'],
    ['CommonJS, SDK registered after requiring logweave', 'cjs-after.cjs'],
  ])('%s', (_title, file) => {
    it.skipIf(!built).each(['filter', 'factory'])(
      `every record made in a span carries the innermost span's ids (%s)${built ? '' : NOT_BUILT}`,
      (mode) => {
        const r = spawnSync(process.execPath, [join(fixtures, file), mode], {
          encoding: 'utf8',
          timeout: 30_000,
        });
        expect(r.stderr).toBe('');
        expect(r.status).toBe(0);
        const { got, expected } = JSON.parse(r.stdout) as {
          got: { msg: string; otelSpanID: string; otelTraceID: string }[];
          expected: { msg: string; otelSpanID: string }[];
        };
        expect(got.map((g) => g.msg)).toEqual([
          'outside',
          'outer',
          'inner',
          'inner after await',
          'outer again',
          'outer timer',
          'outside again',
        ]);
        expect(got).toEqual(expected);
        // The inner span's records name the inner span, not the root (contrib #2097).
        expect(got[2]!.otelSpanID).not.toBe(got[1]!.otelSpanID);
        expect(got[2]!.otelTraceID).toBe(got[1]!.otelTraceID);
        expect(got[1]!.otelTraceID).toMatch(/^[0-9a-f]{32}$/);
        expect(got[1]!.otelSpanID).toMatch(/^[0-9a-f]{16}$/);
      },
    );
  });
});
