import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { supportDir } from './python.js';

/** Runs a TypeScript file of test-support in a fresh Node process (tsx, package sources). */
export function runTsChild(
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(
    process.execPath,
    ['--conditions=@logweave/source', '--import', 'tsx', join(supportDir, script), ...args],
    { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 60_000 },
  );
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
