import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, posix, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// What a user gets from the registry: every publishable package (packages/* without
// "private": true, found by listing) is packed with pnpm (which rewrites `workspace:`
// ranges as publishing does), and all tarballs are installed together with npm into a
// temporary project outside the workspace. Third-party dependencies come from the npm
// registry; optional peers are not installed, as npm does for users. Then: every file a
// manifest or source map points at is in the tarball, README links resolve inside the
// installed package, ESM `import` and CommonJS `require` load each package, and `tsc
// --noEmit` (the workspace's TypeScript) type-checks a TypeScript file using the API.

const root = resolve(import.meta.dirname, '..', '..', '..');
const require = createRequire(import.meta.url);
const tscBin = require.resolve('typescript/bin/tsc');
const pnpmBin = join(root, 'node_modules', '.bin', 'pnpm');

interface Manifest {
  name: string;
  private?: boolean;
  exports?: unknown;
  main?: string;
  types?: string;
}

const publishable = readdirSync(join(root, 'packages'))
  .filter((d) => existsSync(join(root, 'packages', d, 'package.json')))
  .map((d) => ({
    dir: join(root, 'packages', d),
    manifest: JSON.parse(
      readFileSync(join(root, 'packages', d, 'package.json'), 'utf8'),
    ) as Manifest,
  }))
  .filter((p) => p.manifest.private !== true)
  .sort((a, b) => a.manifest.name.localeCompare(b.manifest.name));

interface Result {
  code: number | null;
  output: string;
}

function run(cmd: string, args: string[], cwd: string, timeoutMs = 300_000): Promise<Result> {
  return new Promise((done, fail) => {
    const child = spawn(cmd, args, {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, npm_config_update_notifier: 'false', NODE_NO_WARNINGS: '1' },
    });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (output += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (output += s));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', fail);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, output });
    });
  });
}

async function ok(cmd: string, args: string[], cwd: string, timeoutMs?: number): Promise<string> {
  const r = await run(cmd, args, cwd, timeoutMs);
  if (r.code !== 0) throw new Error(`${cmd} ${args.join(' ')} (in ${cwd}) failed:\n${r.output}`);
  return r.output;
}

const work = mkdtempSync(join(tmpdir(), 'logweave-pack-'));
const tarballs = join(work, 'tarballs');
const project = join(work, 'consumer');
/** Tarball file of each package name. */
const tarballOf = new Map<string, string>();
/** Files in each tarball (paths inside the package). */
const filesOf = new Map<string, Set<string>>();

afterAll(() => rmSync(work, { recursive: true, force: true }));

beforeAll(async () => {
  const unbuilt = publishable.filter((p) => !existsSync(join(p.dir, 'dist', 'index.js')));
  if (unbuilt.length > 0) {
    throw new Error(
      `not built: ${unbuilt.map((p) => p.manifest.name).join(', ')} (run npm run build)`,
    );
  }
  mkdirSync(tarballs, { recursive: true });
  for (const p of publishable) {
    const before = new Set(readdirSync(tarballs));
    await ok(pnpmBin, ['pack', '--pack-destination', tarballs], p.dir);
    const made = readdirSync(tarballs).filter((f) => !before.has(f));
    expect(made, `pnpm pack of ${p.manifest.name}`).toHaveLength(1);
    const file = join(tarballs, made[0]!);
    tarballOf.set(p.manifest.name, file);
    const list = await ok('tar', ['-tzf', file], work);
    filesOf.set(
      p.manifest.name,
      new Set(
        list
          .split('\n')
          .filter(Boolean)
          .map((f) => f.replace(/^package\//, '')),
      ),
    );
  }
  mkdirSync(project, { recursive: true });
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }),
  );
  // One install of every tarball together (peers between them resolve to each other).
  await ok(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--no-package-lock',
      '@types/node@^20.19',
      ...publishable.map((p) => tarballOf.get(p.manifest.name)!),
    ],
    project,
    600_000,
  );
}, 900_000);

/** Every path a manifest `exports`/`main`/`types` field names. */
function exportTargets(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) exportTargets(v, out);
  }
  return out;
}

describe.each(publishable.map((p) => [p.manifest.name, p] as const))('%s tarball', (name) => {
  const installed = () => join(project, 'node_modules', ...name.split('/'));

  it('holds every file its manifest, source maps and README links point at, and a LICENSE', () => {
    const files = filesOf.get(name)!;
    const manifest = JSON.parse(
      readFileSync(join(installed(), 'package.json'), 'utf8'),
    ) as Manifest;
    const missing: string[] = [];
    for (const t of exportTargets([manifest.exports, manifest.main, manifest.types])) {
      if (t.startsWith('./') && !t.includes('*') && !files.has(posix.normalize(t))) {
        missing.push(`package.json -> ${t}`);
      }
    }
    for (const f of files) {
      if (!f.endsWith('.map')) continue;
      const map = JSON.parse(readFileSync(join(installed(), f), 'utf8')) as { sources: string[] };
      for (const s of map.sources) {
        const target = posix.normalize(posix.join(posix.dirname(f), s));
        if (!files.has(target)) missing.push(`${f} -> ${s}`);
      }
    }
    const readme = readFileSync(join(installed(), 'README.md'), 'utf8');
    for (const m of readme.matchAll(/\]\((?!https?:|#|mailto:)([^)#\s]+)(?:#[^)]*)?\)/g)) {
      const target = posix.normalize(m[1]!);
      if (!files.has(target) && ![...files].some((f) => f.startsWith(`${target}/`))) {
        missing.push(`README.md -> ${m[1]}`);
      }
    }
    expect(missing).toEqual([]);
    expect(files.has('LICENSE')).toBe(true);
    expect(files.has('README.md')).toBe(true);
    expect(manifest).toMatchObject({ repository: expect.anything(), homepage: expect.any(String) });
    expect(JSON.stringify(manifest)).not.toContain('workspace:');
  });

  it('loads with an ESM import and a CommonJS require', async () => {
    const esm = await run(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const m = await import(${JSON.stringify(name)}); console.log(JSON.stringify(Object.keys(m).sort()));`,
      ],
      project,
    );
    expect(esm.code, esm.output).toBe(0);
    const cjs = await run(
      process.execPath,
      [
        '--input-type=commonjs',
        '-e',
        `const m = require(${JSON.stringify(name)}); console.log(JSON.stringify(Object.keys(m).filter((k) => k !== '__esModule' && k !== 'module.exports').sort()));`,
      ],
      project,
    );
    expect(cjs.code, cjs.output).toBe(0);
    // The same names either way.
    expect(JSON.parse(cjs.output.trim().split('\n').pop()!)).toEqual(
      JSON.parse(esm.output.trim().split('\n').pop()!),
    );
  });
});

/** A TypeScript consumer of the public API of core, importing every other package too. */
function consumerSource(): string {
  const others = publishable.map((p) => p.manifest.name).filter((n) => n !== '@logweave/core');
  return [
    "import { basicConfig, getLogger, Handler, kw, LoggingTypeError, type LogRecord } from '@logweave/core';",
    ...others.map((n, i) => `import * as pkg${i} from ${JSON.stringify(n)};`),
    '',
    'class ListHandler extends Handler {',
    '  readonly lines: string[] = [];',
    '  override emit(record: LogRecord): void {',
    '    this.lines.push(this.format(record));',
    '  }',
    '}',
    "basicConfig({ level: 'INFO' });",
    "const log = getLogger('consumer');",
    'const h = new ListHandler();',
    'log.addHandler(h);',
    "log.info('%s = %d', 'x', 1, kw({ extra: { a: 1 } }));",
    "const e: TypeError = new LoggingTypeError('t');",
    `export const used = [h.lines.length, e.message${others.map((_, i) => `, Object.keys(pkg${i}).length`).join('')}];`,
    '',
  ].join('\n');
}

const SETTINGS = [
  {
    title: 'ESM project, module nodenext',
    type: 'module',
    module: 'nodenext',
    resolution: 'nodenext',
    ok: true,
  },
  {
    title: 'ESM project, module node16',
    type: 'module',
    module: 'node16',
    resolution: 'node16',
    ok: true,
  },
  {
    title: 'ESM project, moduleResolution bundler',
    type: 'module',
    module: 'esnext',
    resolution: 'bundler',
    ok: true,
  },
  {
    title: 'CommonJS project, module nodenext',
    type: 'commonjs',
    module: 'nodenext',
    resolution: 'nodenext',
    ok: true,
  },
  // The README explains it: node16 predates require(esm), so TypeScript reports TS1479.
  {
    title: 'CommonJS project, module node16 (TS1479, as the README says)',
    type: 'commonjs',
    module: 'node16',
    resolution: 'node16',
    ok: false,
  },
] as const;

describe('TypeScript consumers of the installed packages', () => {
  it.each(SETTINGS.map((s) => [s.title, s] as const))(
    'tsc --noEmit: %s',
    async (_, s) => {
      const dir = join(project, `ts-${s.type}-${s.module}-${s.resolution}`);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: s.type }));
      writeFileSync(join(dir, 'index.ts'), consumerSource());
      writeFileSync(
        join(dir, 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: {
            target: 'ES2022',
            module: s.module,
            moduleResolution: s.resolution,
            strict: true,
            noEmit: true,
            skipLibCheck: false,
            types: ['node'],
          },
          files: ['index.ts'],
        }),
      );
      const r = await run(process.execPath, [tscBin, '-p', dir, '--pretty', 'false'], dir);
      if (s.ok) expect(r.code, r.output).toBe(0);
      else {
        expect(r.code).not.toBe(0);
        expect(r.output).toContain('TS1479');
        expect(r.output.split('\n').filter((l) => /error TS/.test(l) && !/TS1479/.test(l))).toEqual(
          [],
        );
      }
    },
    180_000,
  );
});

it('finds the publishable packages by listing packages/', () => {
  expect(publishable.map((p) => p.manifest.name)).toContain('@logweave/core');
  expect(relative(root, dirname(publishable[0]!.dir))).toBe('packages');
});
