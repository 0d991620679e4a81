import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

// RULES.md rule 6: every ```ts / ```js block of every package README (and of the docs a
// README links to) runs as a standalone ESM program with tsx and exits 0 within 10 s with
// no outside peer; a block whose info string says `check` (```ts check) needs a peer it
// cannot start and is only type-checked. READMEs are found by listing packages/*, so a new
// package's blocks are covered without touching this file.

const root = resolve(import.meta.dirname, '..', '..', '..');
// 10 s on an idle machine (rule 6). Shared CI machines run several suites at once: the limit
// stretches with the load per core (at most 6x), so it still catches a block that hangs.
const loadFactor = Math.min(6, Math.max(1, loadavg()[0]! / Math.max(1, availableParallelism())));
const TIMEOUT_MS = Number(process.env.README_BLOCK_TIMEOUT_MS ?? Math.round(10_000 * loadFactor));
const require = createRequire(import.meta.url);
const tsxLoader = pathToFileURL(require.resolve('tsx')).href;
const tscBin = require.resolve('typescript/bin/tsc');
const SCRATCH = '.readme-blocks';
// Blocks import the built packages (dist/, as a user would), unless asked to use src/.
const FROM_SOURCE = process.env.README_BLOCKS_FROM_SOURCE === '1';
const CONDITIONS = FROM_SOURCE ? ['--conditions=@logweave/source'] : [];
// Two cores: more concurrent children only make each one slower.
let slots = 2;
const waiting: (() => void)[] = [];
async function withSlot<T>(f: () => Promise<T>): Promise<T> {
  while (slots === 0) await new Promise<void>((r) => waiting.push(r));
  slots--;
  try {
    return await f();
  } finally {
    slots++;
    waiting.shift()?.();
  }
}

interface Block {
  /** The Markdown file, relative to the repository root. */
  file: string;
  /** 1-based line of the opening fence. */
  line: number;
  lang: 'ts' | 'js';
  check: boolean;
  code: string;
  /** The package directory the block runs in (its dependencies resolve from there). */
  pkgDir: string;
}

const LANGS: Readonly<Record<string, 'ts' | 'js'>> = {
  ts: 'ts',
  typescript: 'ts',
  js: 'js',
  javascript: 'js',
};

/** The fenced blocks of `file`, with the line of each opening fence. */
export function extractBlocks(text: string, file: string, pkgDir: string): Block[] {
  const blocks: Block[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^( {0,3})(`{3,}|~{3,})\s*([^`\s]*)\s*(.*)$/.exec(lines[i]!);
    if (open === null) continue;
    const fence = open[2]!;
    const body: string[] = [];
    let j = i + 1;
    while (j < lines.length && !lines[j]!.trimStart().startsWith(fence)) body.push(lines[j++]!);
    const lang = LANGS[open[3]!.toLowerCase()];
    if (lang !== undefined) {
      const flags = open[4]!.split(/[\s,]+/).filter(Boolean);
      blocks.push({
        file,
        line: i + 1,
        lang,
        check: flags.includes('check'),
        code: body.join('\n'),
        pkgDir,
      });
    }
    i = j;
  }
  return blocks;
}

/** Each package README plus the local Markdown files it links to (core's docs/…). */
function markdownFiles(pkgDir: string): string[] {
  const readme = join(pkgDir, 'README.md');
  if (!existsSync(readme)) return [];
  const out = [readme];
  const text = readFileSync(readme, 'utf8');
  for (const m of text.matchAll(/\]\((?!https?:|#)([^)#\s]+\.md)(?:#[^)]*)?\)/g)) {
    const target = resolve(pkgDir, m[1]!);
    if (target.startsWith(pkgDir) && existsSync(target) && !out.includes(target)) out.push(target);
  }
  return out;
}

const packageDirs = readdirSync(join(root, 'packages'))
  .map((d) => join(root, 'packages', d))
  .filter((d) => existsSync(join(d, 'package.json')))
  .sort();

const blocks: Block[] = packageDirs.flatMap((pkgDir) =>
  markdownFiles(pkgDir).flatMap((f) =>
    extractBlocks(readFileSync(f, 'utf8'), relative(root, f), pkgDir),
  ),
);

const scratchDirs = new Set<string>();
afterAll(() => {
  for (const d of scratchDirs) rmSync(d, { recursive: true, force: true });
});

/** Writes the block as a module inside its package (so its imports resolve as a user's would). */
function writeBlock(b: Block): string {
  const dir = join(b.pkgDir, SCRATCH);
  mkdirSync(dir, { recursive: true });
  scratchDirs.add(dir);
  const name = `${b.file.replace(/[^a-z0-9]+/gi, '-')}-L${b.line}.${b.lang === 'ts' ? 'mts' : 'mjs'}`;
  const path = join(dir, name);
  writeFileSync(path, `${b.code}\n`);
  return path;
}

interface Outcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
  timedOut: boolean;
}

function run(cmd: string, args: string[], cwd: string, timeoutMs: number): Promise<Outcome> {
  return new Promise((done, fail) => {
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (output += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (output += s));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', fail);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      done({ code, signal, output, timedOut });
    });
  });
}

const where = (b: Block) => `${b.file}:${b.line}`;

it('finds the package READMEs and their blocks, and the built packages they import', () => {
  expect(packageDirs.length).toBeGreaterThan(0);
  expect(blocks.some((b) => b.file === 'packages/core/README.md')).toBe(true);
  if (FROM_SOURCE) return;
  const unbuilt = packageDirs.filter((d) => !existsSync(join(d, 'dist', 'index.js')));
  expect(
    unbuilt.map((d) => relative(root, d)),
    'run `npm run build` first (or README_BLOCKS_FROM_SOURCE=1)',
  ).toEqual([]);
});

const runnable = blocks.filter((b) => !b.check);
describe.skipIf(runnable.length === 0)('README code blocks run as ESM programs (tsx)', () => {
  it.concurrent.each(runnable.map((b) => [where(b), b] as const))(
    '%s exits 0 within the time limit',
    async (_, b) => {
      const file = writeBlock(b);
      // A fresh working directory: files a block creates land there, not in the package.
      const cwd = join(dirname(file), `cwd-L${b.line}-${b.lang}`);
      mkdirSync(cwd, { recursive: true });
      const r = await withSlot(() =>
        run(process.execPath, ['--import', tsxLoader, ...CONDITIONS, file], cwd, TIMEOUT_MS),
      );
      const why = r.timedOut
        ? `${where(b)}: did not exit within ${TIMEOUT_MS} ms`
        : `${where(b)}: exited with ${r.code ?? r.signal}\n${r.output}`;
      expect(r.timedOut ? 'timeout' : r.code, why).toBe(0);
    },
    TIMEOUT_MS + 20_000,
  );
});

const checked = blocks.filter((b) => b.check);
describe.skipIf(checked.length === 0)('README code blocks marked `check` type-check', () => {
  const byPackage = new Map<string, Block[]>();
  for (const b of checked) byPackage.set(b.pkgDir, [...(byPackage.get(b.pkgDir) ?? []), b]);
  it.each([...byPackage.keys()].map((d) => [relative(root, d), d] as const))(
    '%s: every `check` block type-checks',
    async (_, pkgDir) => {
      const list = byPackage.get(pkgDir)!;
      const files = list.map(writeBlock);
      const config = join(pkgDir, SCRATCH, 'tsconfig.json');
      writeFileSync(
        config,
        JSON.stringify({
          extends: relative(dirname(config), join(root, 'tsconfig.base.json')),
          compilerOptions: {
            composite: false,
            noEmit: true,
            declaration: false,
            declarationMap: false,
            sourceMap: false,
            allowJs: true,
            checkJs: true,
            ...(FROM_SOURCE ? { customConditions: ['@logweave/source'] } : {}),
          },
          files: files.map((f) => relative(dirname(config), f)),
        }),
      );
      const r = await run(
        process.execPath,
        [tscBin, '-p', config, '--pretty', 'false'],
        pkgDir,
        120_000,
      );
      // Name each failing block by its README line.
      let report = r.output;
      for (const [i, f] of files.entries())
        report = report.split(relative(pkgDir, f)).join(where(list[i]!));
      expect(r.code, report).toBe(0);
    },
    150_000,
  );
});
