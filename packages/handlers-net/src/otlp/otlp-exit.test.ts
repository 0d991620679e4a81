import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../test-support/ports.js';
import { logRecords, OTLPReceiver } from './test-support/otlp-receiver.js';

const child = fileURLToPath(new URL('./test-support/exit-child.ts', import.meta.url));
const pkgDir = fileURLToPath(new URL('../..', import.meta.url));

/** Runs the child; when it prints "logged", sends it `signal`; resolves with its stdout and exit. */
function run(
  args: string[],
  signal: NodeJS.Signals | null,
): Promise<{ out: string; code: number | null; sig: string | null }> {
  return new Promise((resolve, reject) => {
    const p = spawn(
      process.execPath,
      ['--conditions=@logweave/source', '--import', 'tsx', child, ...args],
      {
        cwd: pkgDir,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let err = '';
    const kill = setTimeout(() => p.kill('SIGKILL'), 60_000);
    p.stdout.on('data', (d) => {
      out += d;
      if (signal && out.includes('logged\n')) p.kill(signal);
    });
    p.stderr.on('data', (d) => {
      err += d;
    });
    p.on('error', reject);
    p.on('exit', (code, sig) => {
      clearTimeout(kill);
      if (code !== 0 && sig === null) reject(new Error(`child failed (${code}): ${err}`));
      else resolve({ out, code, sig });
    });
  });
}

let rx: OTLPReceiver;
let url: string;
beforeAll(async () => {
  rx = new OTLPReceiver();
  url = await rx.start();
});
afterAll(() => rx.stop());

function ids(from: number): number[] {
  return rx.requests
    .slice(from)
    .filter((q) => q.status === 200)
    .flatMap((q) =>
      logRecords(q).map((r) =>
        Number(/rec (\d+)/.exec((r.body as { stringValue: string }).stringValue)?.[1]),
      ),
    );
}

describe('OTLPHandler on exit', () => {
  it('10,000 records then SIGTERM: the receiver got all 10,000 (a batch in flight at the signal may arrive twice)', async () => {
    const start = rx.requests.length;
    rx.answer = () => ({ status: 200 });
    const r = await run([url, '10000', '-', 'log'], 'SIGTERM');
    expect(r.sig).toBe('SIGTERM');
    const got = ids(start);
    expect(new Set(got).size).toBe(10_000);
    expect(got.length - 10_000).toBeLessThanOrEqual(512);
  }, 90_000);

  it('collector down at SIGTERM: all 10,000 go to the spool, and the next start sends them: receiver + spool = 10,000', async () => {
    const dir = tempDir('otlp-spool');
    const spool = join(dir, 'spool.jsonl');
    const start = rx.requests.length;
    rx.answer = () => ({ status: 503 });
    const r = await run([url, '10000', spool, 'log'], 'SIGTERM');
    expect(r.sig).toBe('SIGTERM');
    expect(ids(start).length).toBe(0);
    expect(existsSync(spool)).toBe(true);
    const spooled = readFileSync(spool, 'utf8')
      .split('\n')
      .filter((l) => l !== '')
      .reduce((n, l) => n + (JSON.parse(l) as { n: number }).n, 0);
    expect(spooled).toBe(10_000);
    // Next start, collector back.
    rx.answer = () => ({ status: 200 });
    const before = rx.requests.length;
    const again = await run([url, '0', spool, 'resend'], null);
    expect(again.out).toContain('resent 10000 10000');
    expect(new Set(ids(before)).size).toBe(10_000);
    expect(existsSync(spool)).toBe(false);
  }, 90_000);
});
