import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INFO, makeLogRecord } from '@logweave/core';
import { SocketHandler } from '@logweave/handlers-net';
import { afterEach, describe, expect, it } from 'vitest';
import { loadListenerConfig } from './listener-config.js';
import { LogListener } from './log-listener.js';
import type { TcpSource } from './sources/tcp-source.js';
import { checkSequences, listenerYaml, readRotated } from './test-support/files.js';

/** Connects, writes `bytes`, and resolves when the listener has closed the connection (or after 3 s). */
function badClient(port: number, bytes: Buffer, keepOpen = false): Promise<void> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1', () => s.write(bytes));
    s.on('error', () => {});
    s.on('data', () => {});
    const t = setTimeout(() => {
      s.destroy();
      resolve();
    }, 3000);
    s.on('close', () => {
      clearTimeout(t);
      resolve();
    });
    if (keepOpen) {
      clearTimeout(t);
      resolve();
    }
  });
}

function frame(payload: Buffer): Buffer {
  const b = Buffer.alloc(4 + payload.length);
  b.writeUInt32BE(payload.length, 0);
  payload.copy(b, 4);
  return b;
}

describe('LogListener with bad clients', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('garbage bytes, a huge length prefix, and a hostile pickle are refused and counted; two good clients lose nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lw-listener-bad-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'listener.yaml'), listenerYaml(dir));
    const errors: string[] = [];
    const listener = new LogListener(loadListenerConfig(join(dir, 'listener.yaml')), {
      onError: (source, e) => errors.push(`${source}: ${(e as Error).message}`),
    });
    const addr = await listener.start();
    const port = listener.source<TcpSource>('tcp')?.port as number;
    const handlers = ['a', 'b'].map(
      () => new SocketHandler('127.0.0.1', port, { serializer: 'json', bufferSize: 10_000 }),
    );
    try {
      // Records go straight to the handlers: through a logger of this process, the listener
      // (which dispatches to the logger a record names) would hand them back to them.
      const sendHalf = (from: number): void => {
        for (let i = from; i < from + 2500; i++) {
          for (const [k, id] of ['a', 'b'].entries()) {
            const r = makeLogRecord({ name: `good.${id}`, levelno: INFO, levelname: 'INFO' });
            r.msg = 'seq %d';
            r.args = [i];
            handlers[k]?.handle(r);
          }
        }
      };
      sendHalf(0);
      await Promise.all([
        // An HTTP request: its first four bytes read as a length of 1.2 GB.
        badClient(port, Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n')),
        // The largest length prefix there is.
        badClient(port, Buffer.from([0xff, 0xff, 0xff, 0xff, 1, 2, 3])),
        // A pickle that would call os.system: refused, the connection goes on with the next frame.
        badClient(
          port,
          Buffer.concat([
            frame(Buffer.from("cos\nsystem\n(S'echo pwned'\ntR.", 'latin1')),
            frame(Buffer.from('{"name":"bad.after","levelno":20,"msg":"seq 0"}')),
          ]),
          true,
        ),
      ]);
      sendHalf(2500);
      await Promise.all(handlers.map((h) => h.flushAsync(30_000)));
      for (let i = 0; i < 200 && listener.metrics.received < 10_001; i++) {
        await new Promise((r) => setTimeout(r, 25));
      }
      const text = await (await fetch(`${addr.http}/metrics`)).text();
      await listener.stop();
      const lines = readRotated(dir, 'app.log');
      expect(lines.length).toBe(10_001);
      const seqs = checkSequences(lines);
      expect(seqs.get('good.a')?.seen.size).toBe(5000);
      expect(seqs.get('good.b')?.seen.size).toBe(5000);
      expect(seqs.get('bad.after')?.seen.size).toBe(1);
      expect(text).toContain('logweave_listener_source_frames_refused_total{source="tcp"} 3\n');
      expect(text).toContain('logweave_listener_records_received_total 10001\n');
      expect(errors).toHaveLength(3);
      expect(errors.filter((e) => /exceeds maxFrameSize/.test(e))).toHaveLength(2);
      expect(errors.filter((e) => /opcode GLOBAL is refused/.test(e))).toHaveLength(1);
    } finally {
      for (const h of handlers) h.close();
      await listener.stop();
    }
  });
});
