import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

describe('@logweave/handlers-net and @logweave/core', () => {
  it('takes core as a peer dependency, so an application keeps one core and one logger tree', () => {
    expect(manifest.peerDependencies['@logweave/core']).toBe('workspace:^');
    // The only other peer, @opentelemetry/api (trace context for OTLPHandler), is optional.
    const others = Object.keys(manifest.peerDependencies).filter((n) => n !== '@logweave/core');
    for (const n of others) expect(manifest.peerDependenciesMeta?.[n]?.optional, n).toBe(true);
    expect(manifest.dependencies?.['@logweave/core']).toBeUndefined();
  });

  it('sees the same logger tree as the core it is installed next to', async () => {
    const core = await import('@logweave/core');
    const shared = (globalThis as Record<symbol, unknown>)[Symbol.for('logweave.manager')];
    expect(core.getLogger('').manager).toBe(shared);
  });
});
