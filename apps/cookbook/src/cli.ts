#!/usr/bin/env node
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { shutdown } from '@logweave/core';
import { findRecipe, recipes } from './recipes/index.js';

const usage = `usage: logweave-cookbook list
       logweave-cookbook run <recipe id or number> [--out DIR]
       logweave-cookbook run --all [--out DIR]`;

function fail(message: string): never {
  process.stderr.write(`${message}\n${usage}\n`);
  process.exit(2);
}

function outDirFor(base: string | undefined, id: string): string {
  const dir = base ? join(resolve(base), id) : mkdtempSync(join(tmpdir(), `logweave-${id}-`));
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

function describeFiles(dir: string): string {
  const files = readdirSync(dir).sort();
  if (files.length === 0) return '(no files)';
  return files.map((f) => `${f} (${statSync(join(dir, f)).size} bytes)`).join(', ');
}

async function runOne(key: string, out: string | undefined): Promise<void> {
  const recipe = findRecipe(key) ?? fail(`unknown recipe: ${key}`);
  const outDir = outDirFor(out, recipe.id);
  await recipe.run({ outDir });
  // As Python's atexit hook would: flush and close every handler before reporting the files.
  shutdown();
  process.stdout.write(`[files in ${outDir}: ${describeFiles(outDir)}]\n`);
}

// Each recipe runs in its own process, as the cookbook's programs do: a fresh logging tree each.
function runAll(out: string | undefined): void {
  const self = fileURLToPath(import.meta.url);
  let failed = 0;
  for (const r of recipes) {
    process.stdout.write(`\n=== ${r.number}. ${r.title} (${r.id}) ===\n`);
    const args = [...process.execArgv, self, 'run', r.id, ...(out ? ['--out', out] : [])];
    const child = spawnSync(process.execPath, args, { stdio: 'inherit', timeout: 120_000 });
    if (child.status !== 0) {
      failed++;
      process.stdout.write(`!!! ${r.id} failed (exit ${child.status ?? child.signal})\n`);
    }
  }
  process.stdout.write(
    `\ncookbook: ${recipes.length} recipes ran, ${recipes.length - failed} ok, ${failed} failed\n`,
  );
  process.exitCode = failed > 0 ? 1 : 0;
}

const argv = process.argv.slice(2);
const outIndex = argv.indexOf('--out');
const out = outIndex >= 0 ? (argv[outIndex + 1] ?? fail('--out needs a directory')) : undefined;
if (outIndex >= 0) argv.splice(outIndex, 2);
const [command, target] = argv;

if (command === 'list') {
  for (const r of recipes)
    process.stdout.write(`${String(r.number).padStart(2)}  ${r.id.padEnd(24)} ${r.title}\n`);
} else if (command === 'run' && target === '--all') {
  runAll(out);
} else if (command === 'run' && target !== undefined) {
  await runOne(target, out);
} else {
  fail(command === undefined ? 'missing command' : `bad arguments: ${argv.join(' ')}`);
}
