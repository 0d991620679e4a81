import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INFO, type LogRecord, makeLogRecord } from '@logweave/core';
import { DatagramHandler } from '@logweave/handlers-net';
import { NNGSocketHandler } from '@logweave/queue-nng';
import { ZeroMQSocketHandler } from '@logweave/queue-zeromq';
import { afterEach, describe, expect, it } from 'vitest';
import { loadListenerConfig } from './listener-config.js';
import { LogListener } from './log-listener.js';
import type { UdpSource } from './sources/udp-source.js';
import { checkSequences, listenerYaml, readRotated } from './test-support/files.js';

function record(name: string, i: number): LogRecord {
  const r = makeLogRecord({ name, levelno: INFO, levelname: 'INFO' });
  r.msg = 'seq %d';
  r.args = [i];
  return r;
}

const N = 200;

describe('LogListener sources other than TCP', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it(`UDP (DatagramHandler), ZeroMQ PULL (ZeroMQSocketHandler PUSH) and NNG SUB (NNGSocketHandler): ${N} records each dispatched to the file and counted per source`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lw-listener-src-'));
    dirs.push(dir);
    const zport = 20000 + (process.pid % 20000);
    const extra = `  udp: { host: 127.0.0.1, port: 0 }
  zeromq: { uri: 'tcp://127.0.0.1:${zport}', socketType: pull }
  nng: { url: 'tcp://127.0.0.1:0' }
`;
    writeFileSync(join(dir, 'listener.yaml'), listenerYaml(dir, { extraSources: extra }));
    const listener = new LogListener(loadListenerConfig(join(dir, 'listener.yaml')));
    const addr = await listener.start();
    const udpPort = listener.source<UdpSource>('udp')?.receiver.socket.address().port as number;
    const nngUrl = addr.sources.nng as string;
    const udp = new DatagramHandler('127.0.0.1', udpPort);
    const zmq = new ZeroMQSocketHandler(`tcp://127.0.0.1:${zport}`, {
      socketType: 'push',
      bind: false,
    });
    const nng = new NNGSocketHandler(nngUrl);
    try {
      for (let i = 0; i < N; i++) {
        udp.handle(record('via.udp', i));
        zmq.handle(record('via.zeromq', i));
        nng.handle(record('via.nng', i));
        // UDP has no flow control: pace it so loopback buffers never overflow.
        if (i % 20 === 19) await new Promise((r) => setTimeout(r, 5));
      }
      await Promise.all([zmq.aclose(), nng.flushAsync(10_000)]);
      for (let i = 0; i < 400 && listener.metrics.received < 3 * N; i++) {
        await new Promise((r) => setTimeout(r, 25));
      }
      await listener.stop();
      const seqs = checkSequences(readRotated(dir, 'app.log'));
      expect(
        ['via.udp', 'via.zeromq', 'via.nng'].map((n) => [n, seqs.get(n)?.seen.size ?? 0]),
      ).toEqual([
        ['via.udp', N],
        ['via.zeromq', N],
        ['via.nng', N],
      ]);
      expect(listener.metrics.summary().sources).toEqual({
        tcp: { received: 0, refused: 0 },
        udp: { received: N, refused: 0 },
        zeromq: { received: N, refused: 0 },
        nng: { received: N, refused: 0 },
      });
    } finally {
      udp.close();
      zmq.close();
      nng.close();
      await listener.stop();
    }
  });
});
