import { connect, type Socket } from 'node:net';
import { getLogger, Handler, type LogRecord, resetLogging, snapshotLogging } from '@logweave/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LogRecordSocketReceiver } from './log-record-socket-receiver.js';
import { picklePlain } from './pickle-writer.js';

class ListHandler extends Handler {
  readonly records: LogRecord[] = [];
  override emit(record: LogRecord): void {
    this.records.push(record);
  }
}

let restore: () => void;
beforeEach(() => {
  restore = snapshotLogging();
  resetLogging();
});
afterEach(() => restore());

async function waitUntil(cond: () => boolean, what: string, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

function frame(payload: Buffer): Buffer {
  const b = Buffer.alloc(4 + payload.length);
  b.writeUInt32BE(payload.length, 0);
  payload.copy(b, 4);
  return b;
}

describe('LogRecordStreamHandler frameTimeout', () => {
  it('does not close a client whose frame arrived in time while the receiver itself was busy', async () => {
    const errors: unknown[] = [];
    const rx = new LogRecordSocketReceiver({
      host: '127.0.0.1',
      port: 0,
      logname: 'busy.rx',
      frameTimeout: 200,
      onError: (e) => errors.push(e),
    });
    const { port } = await rx.listen();
    const list = new ListHandler();
    const log = getLogger('busy.rx');
    log.propagate = false;
    log.addHandler(list);
    const serverSide: Socket[] = [];
    let reads = 0;
    rx.server.on('connection', (s: Socket) => {
      serverSide.push(s);
      s.on('data', () => reads++);
    });
    const client = await new Promise<Socket>((resolve, reject) => {
      const s = connect(port as number, '127.0.0.1', () => resolve(s));
      s.on('error', reject);
    });
    let clientClosed = false;
    client.on('close', () => {
      clientClosed = true;
    });
    try {
      const f = frame(picklePlain({ name: 'busy', levelno: 30, msg: 'whole' }));
      client.write(f.subarray(0, 10));
      await waitUntil(() => reads === 1, 'the first half to be read'); // the frame timer runs
      // The rest reaches the receiver's kernel buffer at once; then this process (the
      // receiver) is busy for well over frameTimeout before it can read it.
      client.write(f.subarray(10));
      const until = Date.now() + 600;
      while (Date.now() < until) {
        // busy
      }
      await waitUntil(() => list.records.length === 1, 'the record');
      await new Promise((r) => setTimeout(r, 300)); // past any late timer
      expect(list.records[0]?.getMessage()).toBe('whole');
      expect(errors).toEqual([]);
      expect(rx.refused).toBe(0);
      expect(clientClosed).toBe(false);
    } finally {
      client.destroy();
      await rx.close();
    }
  });

  it('still closes a client that stalls mid-frame for longer than frameTimeout', async () => {
    const errors: unknown[] = [];
    const rx = new LogRecordSocketReceiver({
      host: '127.0.0.1',
      port: 0,
      frameTimeout: 200,
      onError: (e) => errors.push(e),
    });
    const { port } = await rx.listen();
    const client = await new Promise<Socket>((resolve, reject) => {
      const s = connect(port as number, '127.0.0.1', () => resolve(s));
      s.on('error', reject);
    });
    const closed = new Promise((r) => client.on('close', r));
    try {
      client.write(frame(picklePlain({ name: 'stall', levelno: 30, msg: 'x' })).subarray(0, 10));
      await closed;
      expect(rx.refused).toBe(1);
      expect(String(errors[0])).toMatch(/took more than 200 ms to arrive/);
    } finally {
      client.destroy();
      await rx.close();
    }
  });
});
