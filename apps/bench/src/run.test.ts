import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseOptions, type Report, rotate } from './run.js';

const RUNNER = fileURLToPath(new URL('../dist/run.js', import.meta.url));
const built = existsSync(RUNNER);

describe('parseOptions()', () => {
  it('parseOptions() with no arguments gives the default run (5 reps, 100k lines)', () => {
    expect(parseOptions([])).toMatchObject({ reps: 5, lines: 100_000, json: false });
  });
  it('parseOptions() with --quick gives 1 rep of 2,000 lines unless overridden', () => {
    expect(parseOptions(['--quick'])).toMatchObject({ reps: 1, lines: 2_000 });
    expect(parseOptions(['--quick', '--lines=500'])).toMatchObject({ reps: 1, lines: 500 });
  });
  it('parseOptions() with comma lists and repeated flags collects every name', () => {
    const o = parseOptions(['--scenario', 'basic,interp', '--scenario=child', '--library', 'pino']);
    expect(o.scenarios).toEqual(['basic', 'interp', 'child']);
    expect(o.libraries).toEqual(['pino']);
  });
  it.each([[['--scenario', 'nope']], [['--reps', '0']], [['--lines']], [['--fast']]])(
    'parseOptions(%j) throws',
    (argv) => {
      expect(() => parseOptions(argv)).toThrow();
    },
  );
});

describe('rotate()', () => {
  it('rotate() by the repetition index moves the first libraries to the end', () => {
    expect(rotate(['a', 'b', 'c'], 0)).toEqual(['a', 'b', 'c']);
    expect(rotate(['a', 'b', 'c'], 1)).toEqual(['b', 'c', 'a']);
    expect(rotate(['a', 'b', 'c'], 4)).toEqual(['b', 'c', 'a']);
  });
});

describe.skipIf(!built)(
  'run.js --quick (skipped: apps/bench/dist is not built; run `tsc -b`)',
  () => {
    it('run.js --quick on basic with pino and the reference verifies every line count', async () => {
      const { stdout } = await promisify(execFile)(
        process.execPath,
        [RUNNER, '--quick', '--scenario', 'basic', '--library', 'pino,reference', '--json'],
        { timeout: 30_000 },
      );
      const report = JSON.parse(stdout) as Report;
      expect(report.environment.versions['pino']).toMatch(/^\d+\.\d+\.\d+/);
      const [basic] = report.scenarios;
      expect(basic?.scenario.name).toBe('basic');
      expect(basic?.results.map((r) => [r.library, r.status])).toEqual([
        ['pino', 'ok'],
        ['reference', 'ok'],
      ]);
      for (const r of basic!.results) {
        expect(r.samples).toHaveLength(1);
        expect(r.samples[0]).toMatchObject({ ok: true, lines: 2_000, counted: 2_000 });
        expect(r.perSecond).toBeGreaterThan(0);
      }
    }, 30_000);
  },
);
