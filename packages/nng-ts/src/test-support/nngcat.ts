import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Whether libnng's `nngcat` (Debian nng-utils) is installed. */
export const hasNngcat = spawnSync('nngcat', ['--version']).error === undefined;
/** Appended to test titles so a missing peer shows as a stated skip. */
export const nngcatSkipNote = hasNngcat
  ? ''
  : ' [skipped: nngcat not found; install Debian package nng-utils]';

/** A running nngcat and what it printed. */
export interface Nngcat {
  proc: ChildProcess;
  stdout(): string;
  stderr(): string;
  exited: Promise<number | null>;
}

const children = new Set<ChildProcess>();

/** Starts nngcat with `args`; it is killed by `killAll()` if still running. */
export function nngcat(args: string[]): Nngcat {
  const proc = spawn('nngcat', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(proc);
  let out = '';
  let err = '';
  proc.stdout!.on('data', (d: Buffer) => (out += d.toString('latin1')));
  proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) =>
    proc.on('exit', (code) => {
      children.delete(proc);
      resolve(code);
    }),
  );
  return { proc, stdout: () => out, stderr: () => err, exited };
}

/** Kills one nngcat if it is still running and waits for it to exit. */
export function stop(n: Nngcat): Promise<void> {
  if (n.proc.exitCode !== null || n.proc.signalCode !== null) return Promise.resolve();
  const exited = n.exited.then(() => {});
  n.proc.kill('SIGKILL');
  return exited;
}

/** Kills every nngcat still running and waits for them to exit. */
export async function killAll(): Promise<void> {
  const waits = [...children].map(
    (c) => new Promise<void>((r) => (c.exitCode !== null ? r() : c.once('exit', () => r()))),
  );
  for (const c of children) c.kill('SIGKILL');
  await Promise.all(waits);
}

/** A loopback TCP port that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen({ host: '127.0.0.1', port: 0 }, () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** A temporary directory removed by the returned cleanup function. */
export function tempDir(): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'nng-ts-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Writes `bytes` to a file in `dir` (for `nngcat --file`). */
export function dataFile(dir: string, name: string, bytes: Buffer): string {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
}

/** nngcat's `--hex` rendering of one message: `"\x61\x00..."`. */
export function hexLine(bytes: Buffer): string {
  return `"${[...bytes].map((b) => `\\x${b.toString(16).padStart(2, '0')}`).join('')}"`;
}

/** Waits until `cond()` holds, polling every `ms`, at most `tries` times. */
export async function until(cond: () => boolean, tries = 200, ms = 25): Promise<boolean> {
  for (let i = 0; i < tries; i++) {
    if (cond()) return true;
    await new Promise((r) => setTimeout(r, ms));
  }
  return cond();
}
