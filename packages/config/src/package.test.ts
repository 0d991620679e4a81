import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

describe('@logweave/config and @logweave/core', () => {
  it('takes core as a peer dependency, and the handler packages as optional peers loaded on demand', () => {
    expect(manifest.peerDependencies).toEqual({
      '@logweave/core': 'workspace:^',
      '@logweave/handlers-file': 'workspace:^',
      '@logweave/handlers-net': 'workspace:^',
    });
    expect(manifest.peerDependenciesMeta).toEqual({
      '@logweave/handlers-file': { optional: true },
      '@logweave/handlers-net': { optional: true },
    });
    expect(manifest.dependencies?.['@logweave/core']).toBeUndefined();
  });

  it('sees the same logger tree as the core it is installed next to', async () => {
    const core = await import('@logweave/core');
    const shared = (globalThis as Record<symbol, unknown>)[Symbol.for('logweave.manager')];
    expect(core.getLogger('').manager).toBe(shared);
  });
});
