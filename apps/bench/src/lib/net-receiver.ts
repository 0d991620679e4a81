/**
 * The receiving end of the network scenarios, in its own process (forked by
 * {@link startReceiver}) so that it does not share the measured process's event loop. It
 * writes one line per message received (UDP datagram, LF-delimited TCP frame, or OTLP
 * LogRecord) to the output file, which the runner counts like any other scenario's.
 *
 * Protocol (IPC): it sends `{ port }` once listening; on `{ expect: n }` it waits until it has
 * n messages (or 30 s without progress), closes the file and answers `{ done: count }`.
 */
import { createWriteStream } from 'node:fs';
import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import * as dgram from 'node:dgram';
import * as http from 'node:http';
import * as net from 'node:net';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

/** What the receiver listens for. */
export type ReceiverMode = 'udp' | 'tcp' | 'otlp';

/** A running receiver. */
export interface Receiver {
  port: number;
  /** Waits until `n` messages arrived (or no progress for 30 s); returns the count. */
  finish(n: number): Promise<number>;
}

/** Forks the receiver process for `mode`, writing to `file`. */
export async function startReceiver(mode: ReceiverMode, file: string): Promise<Receiver> {
  const child = fork(fileURLToPath(import.meta.url), [mode, file], {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m) => resolve((m as { port: number }).port));
    child.once('exit', (c) => reject(new Error(`receiver exited (${c})`)));
  });
  return {
    port,
    finish(n) {
      return new Promise((resolve) => {
        child.once('message', (m) => {
          resolve((m as { done: number }).done);
          child.disconnect();
        });
        child.send({ expect: n });
      });
    },
  };
}

function serve(mode: ReceiverMode, file: string): void {
  const out = createWriteStream(file);
  let count = 0;
  const line = (s: string) => {
    count++;
    out.write(`${s.replace(/\n/g, ' ')}\n`);
  };
  let listening: Promise<number>;
  if (mode === 'udp') {
    const s = dgram.createSocket({ type: 'udp4', recvBufferSize: 32 * 1024 * 1024 });
    s.on('message', (m) => line(m.toString('utf8')));
    listening = new Promise((r) => s.bind(0, '127.0.0.1', () => r(s.address().port)));
  } else if (mode === 'tcp') {
    const srv = net.createServer((c) => {
      let rest = '';
      c.setEncoding('utf8');
      c.on('data', (d: string) => {
        const parts = (rest + d).split('\n');
        rest = parts.pop() ?? '';
        for (const p of parts) line(p);
      });
      c.on('end', () => {
        if (rest !== '') line(rest);
      });
    });
    listening = new Promise((r) =>
      srv.listen(0, '127.0.0.1', () => r((srv.address() as net.AddressInfo).port)),
    );
  } else {
    const require = createRequire(import.meta.url);
    const root = require('otlp-proto-decoder/build/src/generated/root.js');
    const Req = root.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
    const srv = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        let raw = Buffer.concat(chunks);
        if (req.headers['content-encoding'] === 'gzip') raw = gunzipSync(raw);
        const json = (req.headers['content-type'] ?? '').includes('json');
        const body = json
          ? JSON.parse(raw.toString('utf8'))
          : Req.toObject(Req.decode(raw), { longs: String });
        for (const rl of body.resourceLogs ?? []) {
          for (const sl of rl.scopeLogs ?? []) {
            for (const lr of sl.logRecords ?? []) line(String(lr.body?.stringValue ?? ''));
          }
        }
        res.setHeader('Content-Type', json ? 'application/json' : 'application/x-protobuf');
        res.end(json ? '{}' : '');
      });
    });
    listening = new Promise((r) =>
      srv.listen(0, '127.0.0.1', () => r((srv.address() as net.AddressInfo).port)),
    );
  }
  void listening.then((port) => process.send?.({ port }));
  process.on('message', (m: { expect: number }) => {
    let last = count;
    let idle = 0;
    const tick = setInterval(() => {
      if (count >= m.expect || idle >= 3000) {
        clearInterval(tick);
        out.end(() => {
          process.send?.({ done: count }, () => process.exit(0));
        });
        return;
      }
      idle = count === last ? idle + 1 : 0;
      last = count;
    }, 10);
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.send) {
  serve(process.argv[2] as ReceiverMode, process.argv[3] as string);
}
