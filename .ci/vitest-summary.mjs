#!/usr/bin/env node
// Runs the whole vitest suite from the root (every workspace project), then prints one plain
// closing line "tests: N passed, N failed, N skipped". Fails when a test failed or none ran.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const out = join(root, '.vitest-results.json');
rmSync(out, { force: true });
const run = spawnSync(
  process.execPath,
  [
    join(root, 'node_modules/vitest/vitest.mjs'),
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${out}`,
    ...process.argv.slice(2),
  ],
  { cwd: root, stdio: 'inherit' },
);

let results;
try {
  results = JSON.parse(readFileSync(out, 'utf8'));
} catch {
  console.error('tests: vitest produced no results file');
  process.exit(run.status || 1);
}
const skipped = results.numPendingTests + results.numTodoTests;
const skips = [];
for (const file of results.testResults) {
  for (const t of file.assertionResults) {
    if (t.status === 'skipped' || t.status === 'pending') skips.push(t.fullName);
  }
}
if (skips.length > 0) {
  console.log(`\nskipped tests (${skips.length}):`);
  for (const name of skips.slice(0, 50)) console.log(`  - ${name}`);
  if (skips.length > 50) console.log(`  … and ${skips.length - 50} more`);
}
console.log(
  `\ntests: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${skipped} skipped`,
);
if (results.numTotalTests === 0 || results.numPassedTests === 0) {
  console.error('tests: no test was executed; failing');
  process.exit(1);
}
process.exit(results.numFailedTests > 0 || run.status !== 0 ? 1 : 0);
