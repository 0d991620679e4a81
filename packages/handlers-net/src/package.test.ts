import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

describe('@logweave/handlers-net and @logweave/core', () => {
  it('takes core as a peer dependency, so an application keeps one core and one logger tree', () => {
    expect(manifest.peerDependencies).toEqual({ '@logweave/core': 'workspace:^' });
    expect(manifest.dependencies?.['@logweave/core']).toBeUndefined();
  });

  it('sees the same logger tree as the core it is installed next to', async () => {
    const core = await import('@logweave/core');
    const shared = (globalThis as Record<symbol, unknown>)[Symbol.for('logweave.manager')];
    expect(core.getLogger('').manager).toBe(shared);
  });
});
