import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recipes } from './recipes/index.js';

const cli = join(import.meta.dirname, 'cli.ts');
const node = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  spawnSync(process.execPath, ['--import', 'tsx', '--conditions=@logweave/source', cli, ...args], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, ...env },
  });

describe('cookbook CLI', () => {
  it('lists every recipe once, in cookbook order, with its number, title and packages', () => {
    const r = node(['list']);
    expect(r.status).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(recipes.length);
    const numbers = recipes.map((x) => x.number);
    expect(numbers).toEqual([...new Set(numbers)].sort((a, b) => a - b));
    recipes.forEach((recipe, i) => {
      expect(lines[i]).toMatch(new RegExp(`^ ?${recipe.number}  ${recipe.id} +`));
      expect(lines[i]).toContain(recipe.title);
      expect(lines[i]).toContain(`[${recipe.packages.join(', ')}]`);
    });
    expect(r.stdout).toContain('(runs espeak-ng)');
  });

  it('rejects an unknown recipe with a usage message and exit code 2', () => {
    const r = node(['run', 'no-such-recipe']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^unknown recipe: no-such-recipe\nusage:/);
  });
});
