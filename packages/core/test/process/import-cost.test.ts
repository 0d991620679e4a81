import { describe, expect, it } from 'vitest';
import { built, NOT_BUILT, runNode } from './built-entry.js';

// `import '@logweave/core'` must not load the process and thread machinery: a CLI or a
// serverless function pays for every builtin loaded at import, on every start. Measured on
// the built package (dist/bundle/), as users load it; the ratio to pino is in apps/bench (`import`).

const HEAVY = ['cluster', 'child_process', 'net', 'dgram', 'worker_threads', 'tty'];

function loadedBy(code: string): string[] {
  const script = `
    const before = new Set(process.moduleLoadList);
    ${code}
    const added = process.moduleLoadList.filter((m) => !before.has(m));
    console.log(JSON.stringify(added.map((m) => m.replace(/^NativeModule /, ''))));`;
  const { stdout } = runNode(['--input-type=module', '-e', script]);
  return JSON.parse(stdout.trim().split('\n').pop()!) as string[];
}

describe('import of @logweave/core (built)', () => {
  it.skipIf(!built)(`loads none of ${HEAVY.join(', ')}${NOT_BUILT}`, () => {
    const added = loadedBy("await import('@logweave/core');");
    expect(added.filter((m) => HEAVY.includes(m))).toEqual([]);
  });

  it.skipIf(!built)(
    `loads worker_threads with the first record, and still no cluster, child_process or dgram${NOT_BUILT}`,
    () => {
      const logged = loadedBy(
        "const { getLogger, basicConfig } = await import('@logweave/core'); basicConfig(); getLogger('a').warning('x');",
      );
      expect(logged).toContain('worker_threads'); // the first record reads threadId
      expect(logged.filter((m) => ['cluster', 'child_process', 'dgram'].includes(m))).toEqual([]);
    },
  );
});
