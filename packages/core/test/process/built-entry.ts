import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

// What the tests of the built package share: where it is, whether it is built, and a child
// `node` that loads it as a user's program does.

export const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The package's runtime entry (`exports["."].default`), made by `npm run build`. */
export const builtEntry = join(packageRoot, 'dist', 'bundle', 'index.js');
export const built = existsSync(builtEntry);
/** Appended to the name of a test that needs the build, when it is missing. */
export const NOT_BUILT = built ? '' : ' (skipped: dist/bundle/ is not built; run npm run build)';

/**
 * Runs `node <args>` in the package directory with a plain environment (the test runner's
 * NODE_OPTIONS would preload modules of its own) and expects exit status 0. `fromSource`
 * resolves '@logweave/core' to src/ (tsx and the `@logweave/source` condition) instead.
 */
export function runNode(args: string[], fromSource = false): { stdout: string; stderr: string } {
  const r = spawnSync(
    process.execPath,
    [...(fromSource ? ['--import', 'tsx', '--conditions=@logweave/source'] : []), ...args],
    {
      cwd: packageRoot,
      encoding: 'utf8',
      timeout: 60_000,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
    },
  );
  expect(r.status, r.stderr).toBe(0);
  return { stdout: r.stdout, stderr: r.stderr };
}
