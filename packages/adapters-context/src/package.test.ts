import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

describe('@logweave/adapters-context and @logweave/core', () => {
  it('takes core as a peer dependency, so an application keeps one core and one logger tree', () => {
    expect(manifest.peerDependencies['@logweave/core']).toBe('workspace:^');
    // @opentelemetry/api is an optional peer: only the trace filter loads it, on first use.
    expect(manifest.peerDependenciesMeta['@opentelemetry/api']).toEqual({ optional: true });
    expect(manifest.dependencies?.['@logweave/core']).toBeUndefined();
  });

  it('sees the same logger tree as the core it is installed next to', async () => {
    const core = await import('@logweave/core');
    const shared = (globalThis as Record<symbol, unknown>)[Symbol.for('logweave.manager')];
    expect(core.getLogger('').manager).toBe(shared);
  });
});
