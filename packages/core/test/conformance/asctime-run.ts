/**
 * Starts asctime-child.ts for one time zone, in a process with `TZ=<zone>` and `LC_ALL=C` as
 * CPython ran the vectors, and resolves with its results by case id.
 */
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AsctimeResult } from './asctime-child.js';

const here = dirname(fileURLToPath(import.meta.url));
const packageRoot = join(here, '..', '..');
const childScript = join(here, 'asctime-child.ts');

/** What the child must report for a case whose vector expects `expected`. */
export function expectedAsctimeResult(
  expected: { ok: string } | { error: string; message: string },
): AsctimeResult {
  return 'ok' in expected
    ? { formatTime: expected.ok, format: expected.ok }
    : { error: expected.error, message: expected.message };
}

/** How long one zone's child may take. */
export const ASCTIME_CHILD_TIMEOUT_MS = 60_000;

/** Runs every `asctime` case of `tz` in `files`; rejects (after killing it) on timeout or a failed exit. */
export function runAsctimeChild(
  tz: string,
  files: readonly string[],
): Promise<Record<string, AsctimeResult>> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--conditions=@logweave/source', childScript, ...files],
    {
      cwd: packageRoot,
      env: { ...process.env, TZ: tz, LC_ALL: 'C' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => {
    stdout += s;
  });
  child.stderr.setEncoding('utf8').on('data', (s: string) => {
    stderr += s;
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(`asctime child for TZ=${tz} timed out after ${ASCTIME_CHILD_TIMEOUT_MS} ms`),
      );
    }, ASCTIME_CHILD_TIMEOUT_MS);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code !== 0) {
        reject(new Error(`asctime child for TZ=${tz} exited ${code ?? signal}: ${stderr}`));
        return;
      }
      try {
        const out = JSON.parse(stdout) as { tz: string; results: Record<string, AsctimeResult> };
        if (out.tz !== tz) throw new Error(`child saw TZ=${out.tz}`);
        resolve(out.results);
      } catch (e) {
        reject(new Error(`asctime child for TZ=${tz} printed no valid JSON (${e}): ${stderr}`));
      }
    });
  });
}
