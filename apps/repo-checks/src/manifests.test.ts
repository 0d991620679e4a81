import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');
const readJson = (path: string) => JSON.parse(readFileSync(join(root, path), 'utf8'));
const publishable = readdirSync(join(root, 'packages')).sort();
// Packages whose runtime entry is one esbuild bundle of tsc's output (cold import cost):
// they ship the bundle and tsc's declarations, not tsc's per-file JavaScript.
const BUNDLED = new Set(['core']);
const changesets = readJson('.changeset/config.json');
const rootRefs: string[] = readJson('tsconfig.json').references.map(
  (r: { path: string }) => r.path,
);

describe.each(publishable)('packages/%s manifest', (dir) => {
  const pkg = readJson(`packages/${dir}/package.json`);
  const tsconfig = readJson(`packages/${dir}/tsconfig.json`);

  it('is an ESM package with types-first exports, dist-only files and no side effects', () => {
    expect(pkg.type).toBe('module');
    expect(pkg.sideEffects).toBe(false);
    // src/ ships so that the source maps and the `@logweave/source` condition resolve.
    expect(pkg.files).toEqual(
      BUNDLED.has(dir)
        ? [
            'dist/bundle',
            'dist/**/*.d.ts',
            'dist/**/*.d.ts.map',
            'src',
            'docs',
            '!**/*.test.*',
            '!**/test-support',
          ]
        : ['dist', 'src', 'docs', '!dist/.tsbuildinfo', '!**/*.test.*', '!**/test-support'],
    );
    expect(pkg.repository).toEqual({
      type: 'git',
      url: 'git+https://github.com/logweave/logweave.git',
      directory: `packages/${dir}`,
    });
    expect(pkg.homepage).toBe(
      `https://github.com/logweave/logweave/tree/main/packages/${dir}#readme`,
    );
    expect(existsSync(join(root, 'packages', dir, 'LICENSE'))).toBe(true);
    expect(pkg.engines?.node).toMatch(/^>=20/);
    expect(pkg.description?.length).toBeGreaterThan(20);
    expect(Object.keys(pkg.exports['.'])[0]).toBe('types');
    expect(pkg.exports['.'].default).toBe(
      BUNDLED.has(dir) ? './dist/bundle/index.js' : './dist/index.js',
    );
    expect(pkg.exports['.']['@logweave/source']).toBe('./src/index.ts');
    expect(pkg.exports['./package.json']).toBe('./package.json');
    expect(existsSync(join(root, 'packages', dir, 'src/index.ts'))).toBe(true);
    expect(existsSync(join(root, 'packages', dir, 'README.md'))).toBe(true);
  });

  it('versions in lockstep with the other publishable packages (one changesets fixed group)', () => {
    const group: string[] = changesets.fixed[0];
    expect(
      group.some((g) => g === pkg.name || (g.endsWith('*') && pkg.name.startsWith(g.slice(0, -1)))),
    ).toBe(true);
    expect(pkg.version).toBe(readJson('packages/core/package.json').version);
  });

  it('is built by the root project references and references every workspace package it imports', () => {
    expect(rootRefs).toContain(`packages/${dir}`);
    const deps = { ...pkg.dependencies, ...pkg.peerDependencies };
    const refs: string[] = (tsconfig.references ?? []).map((r: { path: string }) => r.path);
    for (const name of Object.keys(deps).filter((d) => deps[d].startsWith('workspace:'))) {
      const target = publishable.find((d) => readJson(`packages/${d}/package.json`).name === name);
      expect(refs, `${pkg.name} imports ${name}`).toContain(`../${target}`);
    }
  });
});

const satellites = publishable.filter((d) => d !== 'core' && d !== 'nng-ts');

describe.each(satellites)('packages/%s dependencies', (dir) => {
  it('takes @logweave/core as a peer (plus a workspace dev copy), never as a dependency', () => {
    const pkg = readJson(`packages/${dir}/package.json`);
    expect(pkg.peerDependencies?.['@logweave/core']).toBe('workspace:^');
    expect(pkg.devDependencies?.['@logweave/core']).toBe('workspace:^');
    expect(pkg.dependencies?.['@logweave/core']).toBeUndefined();
  });
});
