import { CRITICAL, DEBUG, ERROR, getLevelName, INFO, WARNING } from '@logweave/core';
import { describe, expect, it } from 'vitest';
import { runRecipe } from '../../test-support/run-recipe.js';
import { choice, seeded } from '../multiple-processes/random.js';

/** What sender `seed` logs, as the sender's seeded loop chooses it. */
function expectedLines(seed: number): string[] {
  const random = seeded(seed);
  const out: string[] = [];
  for (let msgno = 1; msgno <= 10; msgno++) {
    const name = choice(random, ['myapp', 'myapp.lib1', 'myapp.lib2']);
    const level = choice(random, [DEBUG, INFO, WARNING, ERROR, CRITICAL]);
    out.push(
      `${name.padEnd(10)} ${getLevelName(level).padEnd(8)} Message no. ${String(msgno).padStart(5)}`,
    );
    random(); // the pause
  }
  return out;
}

describe('recipe 19, pynng-queue', () => {
  const run = runRecipe('pynng-queue');

  it('exits cleanly', () => {
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('the listener prints every record of both senders, each sender in order, interleaved', () => {
    const lines = run.stdout.split('\n').filter((l) => /^ *\d+ myapp/.test(l));
    expect(lines).toHaveLength(20);
    const byPid = new Map<string, string[]>();
    const pids: string[] = [];
    for (const l of lines) {
      const m = /^ *(\d+) (.*)$/.exec(l)!;
      pids.push(m[1]!);
      byPid.set(m[1]!, [...(byPid.get(m[1]!) ?? []), m[2]!]);
    }
    expect(byPid.size).toBe(2);
    const got = [...byPid.values()].sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
    const want = [expectedLines(1), expectedLines(2)].sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
    expect(got).toEqual(want);
    // Both senders log at once, so their records alternate at the listener.
    const switches = pids.filter((p, i) => i > 0 && p !== pids[i - 1]).length;
    expect(switches).toBeGreaterThanOrEqual(2);
    expect(run.stdout).toContain('listener: 20 records from 2 senders');
  });
});
