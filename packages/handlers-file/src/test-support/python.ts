import { spawnSync } from 'node:child_process';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The directory holding `cpython313.py` (CPython 3.13's rollover logic, for reference). */
export const supportDir: string = dirname(fileURLToPath(import.meta.url));

/** Whether a CPython 3.11+ `python3` is on PATH (comparisons with it skip otherwise). */
export const hasPython: boolean = (() => {
  const r = spawnSync('python3', ['-c', 'import sys; print(sys.version_info >= (3, 11))'], {
    encoding: 'utf8',
  });
  return r.status === 0 && r.stdout.trim() === 'True';
})();

/** The reason given when a CPython comparison is skipped. */
export const NO_PYTHON = 'python3 >= 3.11 is not on PATH: the CPython comparison is skipped';

/** A test title that states the skip reason when python3 is missing. */
export function vsCPython(title: string): string {
  return hasPython ? title : `${title} (skipped: ${NO_PYTHON})`;
}

/**
 * Runs `code` under python3 (with `data` parsed from `input`, `emit(v)` printing JSON, and
 * `cpython313` importable) in the given environment, and returns what it emitted.
 */
export function runPython<T = unknown>(
  code: string,
  input: unknown = null,
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): T {
  const prelude = `import json, sys\nsys.path.insert(0, ${JSON.stringify(supportDir)})\ndata = json.loads(sys.stdin.read())\ndef emit(v):\n    sys.stdout.write(json.dumps(v))\n`;
  const r = spawnSync('python3', ['-c', prelude + code], {
    input: JSON.stringify(input),
    encoding: 'utf8',
    cwd: options.cwd,
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, PYTHONIOENCODING: 'utf-8', LC_ALL: 'C.UTF-8', ...options.env },
  });
  if (r.status !== 0) throw new Error(`python3 failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}
