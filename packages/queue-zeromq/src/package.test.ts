import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

describe('@logweave/queue-zeromq and @logweave/core', () => {
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

describe('the zeromq dependency', () => {
  it('loads the prebuilt libzmq addon shipped inside its npm package (nothing built or downloaded at install)', async () => {
    const { createRequire } = await import('node:module');
    const { dirname, join } = await import('node:path');
    const { existsSync } = await import('node:fs');
    const require = createRequire(import.meta.url);
    const zmqDir = dirname(require.resolve('zeromq/package.json'));
    const zmq = await import('zeromq');
    expect(zmq.version).toMatch(/^4\.\d+\.\d+$/);
    // The binary loaded is the one from the package's own build/ tree.
    expect(existsSync(join(zmqDir, 'build', process.platform, process.arch))).toBe(true);
    const report = process.report.getReport() as unknown as { sharedObjects: string[] };
    const addons = report.sharedObjects.filter((p) => p.endsWith('addon.node'));
    expect(addons.some((p) => p.startsWith(join(zmqDir, 'build')))).toBe(true);
    expect(manifest.dependencies?.zeromq).toMatch(/^\^6\./);
  });
});
