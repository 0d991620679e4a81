import { spawnSync } from 'node:child_process';

/** Debian's CPython (the reference for record dicts). */
export const PYTHON = '/usr/bin/python3';
export const hasPython = spawnSync(PYTHON, ['--version']).status === 0;
export const pythonSkipNote = hasPython ? '' : ` [skipped: ${PYTHON} not found]`;

/** Runs a Python program with `input` on stdin and returns its stdout; throws on failure. */
export function runPython(program: string, input: string): string {
  const r = spawnSync(PYTHON, ['-c', program], { input, encoding: 'utf8', timeout: 30_000 });
  if (r.status !== 0) throw new Error(`python failed: ${r.stderr}`);
  return r.stdout;
}
