/**
 * Test support: core's sources as plain JavaScript in a temporary directory, for code that
 * must run outside vitest's transform (worker threads). Each `src/**\/*.ts` file (tests
 * excluded) is transpiled on its own with TypeScript's `transpileModule`; imports already
 * carry `.js` suffixes, so the output runs as native ESM.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const srcDir = join(dirname(fileURLToPath(import.meta.url)), '..');
let outDir: string | undefined;

function* sources(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sources(path);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) yield path;
  }
}

/** The directory holding the transpiled sources (created once per test process). */
export function transpiledSrcDir(): string {
  if (outDir !== undefined) return outDir;
  const dir = mkdtempSync(join(tmpdir(), 'logweave-src-'));
  writeFileSync(join(dir, 'package.json'), '{"type":"module"}\n');
  for (const file of sources(srcDir)) {
    const out = ts.transpileModule(readFileSync(file, 'utf8'), {
      compilerOptions: {
        module: ts.ModuleKind.ESNext,
        target: ts.ScriptTarget.ES2022,
        verbatimModuleSyntax: true,
      },
      fileName: file,
    });
    const target = join(dir, relative(srcDir, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, out.outputText);
  }
  outDir = dir;
  return dir;
}
