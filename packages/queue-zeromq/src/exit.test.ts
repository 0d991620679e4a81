import { spawn } from 'node:child_process';
import { join } from 'node:path';
import * as zmq from 'zeromq';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from './test-support/peers.js';

const CHILD = join(import.meta.dirname, 'test-support', 'exit-child.ts');

interface ChildRun {
  code: number | null;
  /** ms from the child's last logging call to its 'exit' event. */
  exitAfterMs: number;
  /** ms from the child's last logging call to the end of the process, seen from here. */
  goneAfterMs: number;
  sent: number;
  dropped: number;
  stderr: string;
}

function runChild(args: string[]): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--conditions=@logweave/source', CHILD, ...args],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    let doneAt = 0;
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (d: string) => {
      out += d;
      const m = /DONE (\d+)/.exec(out);
      if (m !== null && doneAt === 0) doneAt = Number(m[1]);
    });
    child.stderr.on('data', (d: string) => {
      err += d;
    });
    const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('exit', (code) => {
      const exitedAt = Date.now();
      clearTimeout(killer);
      const m = /COUNTS (\d+) (\d+)/.exec(out);
      const e = /EXIT (\d+)/.exec(out);
      resolve({
        code,
        exitAfterMs: (e === null ? Number.NaN : Number(e[1])) - doneAt,
        goneAfterMs: exitedAt - doneAt,
        sent: m === null ? -1 : Number(m[1]),
        dropped: m === null ? -1 : Number(m[2]),
        stderr: err,
      });
    });
  });
}

const sockets: zmq.Socket[] = [];
afterEach(() => {
  for (const s of sockets.splice(0)) s.close();
});

describe('a process that logs through ZeroMQSocketHandler and ends', () => {
  const DEADLINE = 500;
  const cases: [string, string[]][] = [
    ['PUSH binding, no puller ever connects', ['push', 'bind']],
    ['PUSH connecting to a port nobody listens on', ['push', 'connect']],
    ['PUB waiting for a subscriber that never comes', ['pub', 'bind']],
  ];
  for (const [title, [type, side]] of cases) {
    // Timed on a shared machine: a late timer gets a second chance.
    it(`exits within closeTimeout + 100 ms with no peer: ${title}`, { retry: 2 }, async () => {
      const port = await freePort();
      const wait = type === 'pub' ? ['10000'] : [];
      const r = await runChild([
        `tcp://127.0.0.1:${port}`,
        type!,
        side!,
        String(DEADLINE),
        '5000',
        'natural',
        ...wait,
      ]);
      expect(r.code).toBe(0);
      console.log(
        `${title}: 'exit' ${r.exitAfterMs} ms and process gone ${r.goneAfterMs} ms after the last logging call (closeTimeout ${DEADLINE} ms)`,
      );
      expect(r.exitAfterMs).toBeLessThanOrEqual(DEADLINE + 100);
      // Node's and libzmq's teardown after 'exit' is not ours to time, but it must not hang.
      expect(r.goneAfterMs).toBeLessThanOrEqual(DEADLINE + 2000);
      expect(r.sent + r.dropped).toBe(5000);
      if (type === 'push') {
        expect(r.dropped).toBeGreaterThan(0);
        expect(r.stderr).toMatch(
          /record\(s\) were still queued at the close deadline and were dropped/,
        );
      }
    });
  }

  it('with a peer, loses nothing it queued before the end (20,000 records, PUSH connecting)', async () => {
    const pull = new zmq.Pull();
    sockets.push(pull);
    await pull.bind('tcp://127.0.0.1:*');
    let got = 0;
    let last = '';
    const rx = (async () => {
      while (got < 20_000) {
        const [m] = await pull.receive();
        last = m!.toString();
        got++;
      }
    })();
    const r = await runChild([pull.lastEndpoint!, 'push', 'connect', '10000', '20000', 'natural']);
    await Promise.race([rx, new Promise((res) => setTimeout(res, 10_000))]);
    expect(r.code).toBe(0);
    expect(r.sent).toBe(20_000);
    expect(r.dropped).toBe(0);
    expect(got).toBe(20_000);
    expect(JSON.parse(last).message).toBe('record 19999');
  });

  it('on process.exit(), sends what the socket takes at once and counts and reports the rest', async () => {
    const pull = new zmq.Pull();
    sockets.push(pull);
    await pull.bind('tcp://127.0.0.1:*');
    let got = 0;
    const rx = (async () => {
      for (;;) {
        await pull.receive();
        got++;
      }
    })();
    rx.catch(() => {});
    const r = await runChild([pull.lastEndpoint!, 'push', 'connect', '2000', '20000', 'exit']);
    expect(r.code).toBe(0);
    expect(r.sent + r.dropped).toBe(20_000);
    expect(r.sent).toBeGreaterThan(0);
    if (r.dropped > 0) expect(r.stderr).toMatch(/still queued when the process exited/);
    const t = Date.now();
    while (got < r.sent && Date.now() - t < 10_000) await new Promise((res) => setTimeout(res, 10));
    expect(got).toBe(r.sent);
  });
});
