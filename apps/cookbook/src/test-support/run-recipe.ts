import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const cli = join(import.meta.dirname, '..', 'cli.ts');

export interface RecipeRun {
  status: number | null;
  stdout: string;
  stderr: string;
  outDir: string;
}

/** Runs one recipe from source in a fresh process, as a user would with `run <id>`. */
export function runRecipe(id: string, env: NodeJS.ProcessEnv = {}): RecipeRun {
  const out = mkdtempSync(join(tmpdir(), 'cookbook-test-'));
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--conditions=@logweave/source', cli, 'run', id, '--out', out],
    { encoding: 'utf8', timeout: 120_000, env: { ...process.env, ...env } },
  );
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, outDir: join(out, id) };
}

/** Replaces CPython-style default asctime values (`2026-11-25 04:05:06,789`) with `<asctime>`. */
export function normaliseAsctime(text: string): string {
  return text.replace(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}/g, '<asctime>');
}

/** Runs a Python program with python3 in `cwd`; null when python3 is unavailable. */
export function runPython(
  program: string,
  cwd: string,
): { status: number | null; stdout: string; stderr: string } | null {
  const r = spawnSync('python3', ['-c', program], { cwd, encoding: 'utf8', timeout: 30_000 });
  if (r.error) return null;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** True when `python3` can be run. */
export const hasPython = spawnSync('python3', ['--version']).status === 0;
