/**
 * `node dist/socket-latency.js [calls]`: the latency of `logger.info` through a handlers-net
 * `SocketHandler` (and `DatagramHandler`) while the peer is unreachable (issue 10: `emit` p99
 * < 50 µs). Each situation runs in this process with a fresh handler and logger; the program
 * makes `calls` calls (default 100,000), 10 per 1 ms timer tick so that the event loop runs
 * between them (connects, timeouts, retries and writes happen during the measurement, as in an
 * application), timing each `logger.info('hello world %d', i)` with `performance.now()`.
 *
 * Situations (every peer on 127.0.0.1; the peers are a small `python3` program, so that their
 * sockets are outside this event loop):
 * - `blackhole`: a server socket with `listen(0)` that never calls `accept()`; the program first
 *   opens connections until one stays unconnected for 300 ms (the accept queue is full and
 *   the kernel drops further SYNs), so the handler's connect never completes (it times out
 *   after `connectTimeout`, 1 s here, and is retried with the backoff);
 * - `no-read`: a server that accepts and never reads: the socket buffers fill, writes stay
 *   unfinished (`writeTimeout`, 2 s here, then reconnect), the handler's buffer fills and
 *   records are dropped;
 * - `refused`: a port with nothing listening (connect refused at once, backoff);
 * - `floor`: a handler whose `emit` only calls `record.getMessage()`: the logger's own cost and
 *   the machine's noise under the same pacing, the floor any handler sits on;
 * - `reading`: the connected baseline, a server that reads and discards everything;
 * - `datagram-unbound`: `DatagramHandler` to a UDP port with nothing bound.
 * Prints a table (µs) and one JSON line per situation.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer, type Socket, connect as tcpConnect } from 'node:net';
import { createSocket } from 'node:dgram';
import { getLogger, Handler, INFO, type Logger, type LogRecord } from '@logweave/core';
import { DatagramHandler, SocketHandler } from '@logweave/handlers-net';

const calls = Number(process.argv[2] ?? 100_000);
const only = process.argv[3]?.split(',');
const PER_TICK = 10;

const PEER = `
import socket, sys, threading, time
mode = sys.argv[1]
s = socket.socket()
s.bind(('127.0.0.1', 0))
s.listen(0 if mode == 'blackhole' else 16)
print(s.getsockname()[1], flush=True)
def serve(c):
    if mode == 'reading':
        while c.recv(1 << 16):
            pass
    else:
        time.sleep(3600)
if mode != 'blackhole':
    def loop():
        while True:
            c, _ = s.accept()
            threading.Thread(target=serve, args=(c,), daemon=True).start()
    threading.Thread(target=loop, daemon=True).start()
sys.stdin.read()
`;

async function startPeer(mode: string): Promise<{ port: number; child: ChildProcess }> {
  const child = spawn('python3', ['-c', PEER, mode], { stdio: ['pipe', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.stdout?.once('data', (d: Buffer) => resolve(Number(String(d).trim())));
  });
  return { port, child };
}

/** Opens connections to `port` until one stays pending for 300 ms; returns them all. */
async function fillBacklog(port: number): Promise<Socket[]> {
  const socks: Socket[] = [];
  for (let i = 0; i < 64; i++) {
    const s = tcpConnect({ host: '127.0.0.1', port });
    s.on('error', () => {});
    socks.push(s);
    const connected = await new Promise<boolean>((resolve) => {
      const t = setTimeout(() => resolve(false), 300);
      s.once('connect', () => {
        clearTimeout(t);
        resolve(true);
      });
    });
    if (!connected) return socks;
  }
  throw new Error('blackhole: the backlog never filled');
}

async function freeTcpPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

async function freeUdpPort(): Promise<number> {
  const s = createSocket('udp4');
  await new Promise<void>((r) => s.bind(0, '127.0.0.1', () => r()));
  const port = s.address().port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

function pct(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] as number;
}

interface Result {
  situation: string;
  calls: number;
  p50us: number;
  p99us: number;
  p999us: number;
  maxUs: number;
  sent: number;
  dropped: number;
  note: string;
}

/** Makes `n` calls, `PER_TICK` per 1 ms timer tick, timing each into `ms` (milliseconds). */
async function paced(logger: Logger, n: number, ms: Float64Array | null): Promise<void> {
  let i = 0;
  await new Promise<void>((resolve) => {
    const step = (): void => {
      const end = Math.min(n, i + PER_TICK);
      for (; i < end; i++) {
        const t0 = performance.now();
        logger.info('hello world %d', i);
        if (ms !== null) ms[i] = performance.now() - t0;
      }
      if (i < n) setTimeout(step, 1);
      else resolve();
    };
    setTimeout(step, 1);
  });
}

async function measure(situation: string, handler: Handler, note: () => string): Promise<Result> {
  const logger = getLogger(`latency.${situation}`);
  logger.setLevel(INFO);
  logger.propagate = false;
  logger.addHandler(handler);
  // Warm-up (JIT) at the same pace, outside the measurement, then the measured calls.
  await paced(logger, 2000, null);
  const h = handler as unknown as { sent?: number; dropped?: number };
  const sent0 = h.sent ?? 0;
  const dropped0 = h.dropped ?? 0;
  const ns = new Float64Array(calls);
  await paced(logger, calls, ns);
  const result: Result = {
    situation,
    calls,
    p50us: 0,
    p99us: 0,
    p999us: 0,
    maxUs: 0,
    sent: h.sent === undefined ? -1 : h.sent - sent0,
    dropped: h.dropped === undefined ? -1 : h.dropped - dropped0,
    note: note(),
  };
  logger.removeHandler(handler);
  handler.close();
  ns.sort();
  result.p50us = pct(ns, 0.5) * 1000;
  result.p99us = pct(ns, 0.99) * 1000;
  result.p999us = pct(ns, 0.999) * 1000;
  result.maxUs = (ns[ns.length - 1] as number) * 1000;
  return result;
}

const quiet = { onDrop: () => {} };
const tcpOptions = { ...quiet, connectTimeout: 1000, writeTimeout: 2000 };

function sockState(h: SocketHandler): string {
  const s = h.sock;
  if (s === null) return 'no socket';
  return s.connecting ? 'connecting' : 'connected';
}

/** The floor: a handler whose `emit` only formats the message (what every handler pays). */
class MessageOnlyHandler extends Handler {
  override emit(record: LogRecord): void {
    record.getMessage();
  }
}

const situations: Record<string, () => Promise<Result>> = {
  async floor() {
    return measure('floor', new MessageOnlyHandler(), () => 'getMessage() only, no I/O');
  },
  async reading() {
    const peer = await startPeer('reading');
    const h = new SocketHandler('127.0.0.1', peer.port, tcpOptions);
    const r = await measure('reading', h, () => `socket ${sockState(h)}`);
    peer.child.kill();
    return r;
  },
  async blackhole() {
    const peer = await startPeer('blackhole');
    const fill = await fillBacklog(peer.port);
    const h = new SocketHandler('127.0.0.1', peer.port, tcpOptions);
    const r = await measure(
      'blackhole',
      h,
      () => `${fill.length - 1} connections fill the backlog; handler socket ${sockState(h)}`,
    );
    for (const s of fill) s.destroy();
    peer.child.kill();
    return r;
  },
  async 'no-read'() {
    const peer = await startPeer('no-read');
    const h = new SocketHandler('127.0.0.1', peer.port, tcpOptions);
    const r = await measure('no-read', h, () => `handler socket ${sockState(h)}`);
    peer.child.kill();
    return r;
  },
  async refused() {
    const port = await freeTcpPort();
    const h = new SocketHandler('127.0.0.1', port, tcpOptions);
    return measure('refused', h, () => `handler socket ${sockState(h)}`);
  },
  async 'datagram-unbound'() {
    const port = await freeUdpPort();
    const h = new DatagramHandler('127.0.0.1', port, quiet);
    return measure('datagram-unbound', h, () => 'UDP, nothing bound');
  },
};

const results: Result[] = [];
for (const [name, run] of Object.entries(situations)) {
  if (only !== undefined && !only.includes(name)) continue;
  results.push(await run());
}
const f = (x: number): string => x.toFixed(1);
console.log(
  '| situation | calls | p50 µs | p99 µs | p99.9 µs | max µs | sent | dropped | state at end |',
);
console.log('| :-- | --: | --: | --: | --: | --: | --: | --: | :-- |');
for (const r of results) {
  console.log(
    `| ${r.situation} | ${r.calls} | ${f(r.p50us)} | ${f(r.p99us)} | ${f(r.p999us)} | ${f(r.maxUs)} | ${r.sent} | ${r.dropped} | ${r.note} |`,
  );
}
for (const r of results) console.log(JSON.stringify(r));
process.exit(0);
