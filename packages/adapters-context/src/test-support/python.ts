// Test support: running CPython for reference output.
import { spawnSync } from 'node:child_process';

/** Whether a CPython 3.11+ `python3` is on PATH. */
export const hasPython: boolean = (() => {
  const r = spawnSync('python3', ['-c', 'import sys; print(sys.version_info >= (3, 11))'], {
    encoding: 'utf8',
  });
  return r.status === 0 && r.stdout.trim() === 'True';
})();

/** A test title that states the skip reason when python3 is missing. */
export function vsCPython(title: string): string {
  return hasPython
    ? title
    : `${title} (skipped: python3 >= 3.11 is not on PATH: the CPython comparison is skipped)`;
}

/** Runs `code` with `data` (JSON on stdin); returns what it prints with `emit(value)`. */
export function runPython<T = unknown>(code: string, input: unknown = null): T {
  const prelude =
    'import json, sys\ndata = json.loads(sys.stdin.read())\ndef emit(v):\n    sys.stdout.write(json.dumps(v))\n';
  const r = spawnSync('python3', ['-c', prelude + code], {
    input: JSON.stringify(input),
    encoding: 'utf8',
    env: { ...process.env, PYTHONIOENCODING: 'utf-8', LC_ALL: 'C.UTF-8' },
  });
  if (r.status !== 0) throw new Error(`python3 failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}
