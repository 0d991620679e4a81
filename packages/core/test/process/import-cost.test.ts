import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// `import '@logweave/core'` must not load the process and thread machinery: a CLI or a
// serverless function pays for every builtin loaded at import, on every start. Measured on
// the built package (dist/), as users load it; the ratio to pino is in apps/bench (`import`).

const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const built = existsSync(join(packageRoot, 'dist', 'index.js'));
const HEAVY = ['cluster', 'child_process', 'net', 'dgram', 'worker_threads', 'tty'];

function loadedBy(code: string): string[] {
  const script = `
    const before = new Set(process.moduleLoadList);
    ${code}
    const added = process.moduleLoadList.filter((m) => !before.has(m));
    console.log(JSON.stringify(added.map((m) => m.replace(/^NativeModule /, ''))));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: packageRoot,
    encoding: 'utf8',
    timeout: 60_000,
    // A plain environment: the test runner's (NODE_OPTIONS...) preloads modules of its own.
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
  });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as string[];
}

describe('import of @logweave/core (built)', () => {
  it.skipIf(!built)(
    `loads none of ${HEAVY.join(', ')}${built ? '' : ' (skipped: dist/ is not built; run npm run build)'}`,
    () => {
      const added = loadedBy("await import('@logweave/core');");
      expect(added.filter((m) => HEAVY.includes(m))).toEqual([]);
    },
  );

  it.skipIf(!built)(
    `loads worker_threads with the first record, and still no cluster, child_process or dgram${built ? '' : ' (skipped: dist/ is not built)'}`,
    () => {
      const logged = loadedBy(
        "const { getLogger, basicConfig } = await import('@logweave/core'); basicConfig(); getLogger('a').warning('x');",
      );
      expect(logged).toContain('worker_threads'); // the first record reads threadId
      expect(logged.filter((m) => ['cluster', 'child_process', 'dgram'].includes(m))).toEqual([]);
    },
  );
});
