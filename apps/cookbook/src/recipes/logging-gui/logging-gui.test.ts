import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { onPath } from '../../requirements.js';
import { runRecipe } from '../../test-support/run-recipe.js';

const hasChromium = onPath('chromium');
const why = hasChromium ? '' : ' [skipped: chromium is not installed (apt-get install chromium)]';

describe('recipe 35, logging-gui', () => {
  it.skipIf(!hasChromium)(
    `shows the worker's and the main flow's records on the page${why}`,
    () => {
      const run = runRecipe('logging-gui');
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      const lines = run.stdout.split('\n');
      expect(lines[0]).toMatch(/^viewer running at http:\/\/127\.0\.0\.1:\d+\/$/);
      const m = /^the page shows (\d+) records/.exec(lines[1]!);
      expect(m).not.toBeNull();
      const rows = lines.slice(2, 2 + Number(m![1]));
      const main = rows.filter((r) => r.includes('viewer.main'));
      const worker = rows.filter((r) => r.includes('viewer.worker'));
      expect(main[0]).toMatch(
        /^ {2}MainThread +INFO +viewer\.main +Started background work in Worker-1$/,
      );
      expect(main.filter((r) => r.endsWith('Manually logged!'))).toHaveLength(3);
      expect(worker.length).toBeGreaterThan(0);
      worker.forEach((r, i) => {
        expect(r).toMatch(
          new RegExp(
            `^ {2}Worker-1 +(DEBUG|INFO|WARNING|ERROR|CRITICAL) +viewer\\.worker +Message after delay of 0\\.[12]: ${i + 1}$`,
          ),
        );
      });
      expect(main.length + worker.length).toBe(rows.length);
      const png = readFileSync(join(run.outDir, 'viewer.png'));
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    },
  );
});
