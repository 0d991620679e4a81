import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runRecipe } from '../../test-support/run-recipe.js';

describe('recipe 9, socket-listener', () => {
  it('3 workers log 101 records each to the listener; a bad client is refused; all 303 records are in the rotated files and the metrics', () => {
    const run = runRecipe('socket-listener');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const out = run.stdout.split('\n');
    expect(out.slice(0, 8)).toEqual([
      'listener started: sources tcp, /healthz and /metrics',
      'GET /healthz: 200 ok',
      'listener refused (tcp): frame of 1195725856 bytes exceeds maxFrameSize (1048576); closing the connection',
      '3 workers exited with 0, 0, 0',
      'GET /metrics (records and refusals):',
      '  logweave_listener_records_received_total 303',
      '  logweave_listener_source_records_received_total{source="tcp"} 303',
      '  logweave_listener_source_frames_refused_total{source="tcp"} 1',
    ]);
    expect(out).toContain('stopped: 303 records received, 1 frame(s) refused, 0 handler errors');
    const files = readdirSync(run.outDir).filter((n) => n.startsWith('app.log'));
    expect(files.length).toBeGreaterThan(1); // 10,000-byte files: it rotated
    const lines = files.flatMap((f) =>
      readFileSync(join(run.outDir, f), 'utf8')
        .split('\n')
        .filter((l) => l !== ''),
    );
    expect(lines).toHaveLength(303);
    for (const w of ['worker1', 'worker2', 'worker3']) {
      const mine = lines.filter((l) => new RegExp(` app\\.${w} +`).test(l));
      expect(mine.filter((l) => / INFO +\d+ handled request \d+$/.test(l))).toHaveLength(100);
      expect(mine.filter((l) => new RegExp(` WARNING +\\d+ ${w} done$`).test(l))).toHaveLength(1);
    }
    expect(out).toContain(
      `${lines.length} lines in app.log and ${files.length - 1} rotated backups`,
    );
  });
});
