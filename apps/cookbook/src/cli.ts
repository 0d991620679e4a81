#!/usr/bin/env node
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { shutdown } from '@logweave/core';
import { findRecipe, recipes } from './recipes/index.js';
import { missingRequirement } from './requirements.js';

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
  const missing = missingRequirement(recipe);
  if (missing !== null) {
    process.stdout.write(`skipped: ${missing}\n`);
    return;
  }
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
  const skipped: string[] = [];
  for (const r of recipes) {
    process.stdout.write(`\n=== ${r.number}. ${r.title} (${r.id}) ===\n`);
    const missing = missingRequirement(r);
    if (missing !== null) {
      skipped.push(`${r.number} (${missing})`);
      process.stdout.write(`skipped: ${missing}\n`);
      continue;
    }
    const args = [...process.execArgv, self, 'run', r.id, ...(out ? ['--out', out] : [])];
    const child = spawnSync(process.execPath, args, { stdio: 'inherit', timeout: 120_000 });
    if (child.status !== 0) {
      failed++;
      process.stdout.write(`!!! ${r.id} failed (exit ${child.status ?? child.signal})\n`);
    }
  }
  const ran = recipes.length - skipped.length;
  const skips = skipped.length > 0 ? `, ${skipped.length} skipped: ${skipped.join('; ')}` : '';
  process.stdout.write(
    `\ncookbook: ${ran} recipes ran, ${ran - failed} ok, ${failed} failed${skips}\n`,
  );
  process.exitCode = failed > 0 ? 1 : 0;
}

const argv = process.argv.slice(2);
const outIndex = argv.indexOf('--out');
const out = outIndex >= 0 ? (argv[outIndex + 1] ?? fail('--out needs a directory')) : undefined;
if (outIndex >= 0) argv.splice(outIndex, 2);
const [command, target] = argv;

if (command === 'list') {
  for (const r of recipes) {
    const needs = r.requires?.length ? ` (runs ${r.requires.join(', ')})` : '';
    process.stdout.write(
      `${String(r.number).padStart(2)}  ${r.id.padEnd(28)} ${r.title}  [${r.packages.join(', ')}]${needs}\n`,
    );
  }
} else if (command === 'run' && target === '--all') {
  runAll(out);
} else if (command === 'run' && target !== undefined) {
  await runOne(target, out);
} else {
  fail(command === undefined ? 'missing command' : `bad arguments: ${argv.join(' ')}`);
}
