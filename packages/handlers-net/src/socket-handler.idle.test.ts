import type { Socket } from 'node:net';
import { getLogger, Handler, type LogRecord, resetLogging, snapshotLogging } from '@logweave/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LogRecordSocketReceiver } from './log-record-socket-receiver.js';
import { SocketHandler } from './socket-handler.js';

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

/** A receiver on 127.0.0.1 that records each accepted connection and when the client ended it. */
async function receiver() {
  const rx = new LogRecordSocketReceiver({ host: '127.0.0.1', port: 0, logname: 'idle.rx' });
  const { port } = await rx.listen();
  const list = new ListHandler();
  const log = getLogger('idle.rx');
  log.propagate = false;
  log.addHandler(list);
  const conns: { socket: Socket; endedAt: number | null }[] = [];
  rx.server.on('connection', (socket: Socket) => {
    const c = { socket, endedAt: null as number | null };
    conns.push(c);
    socket.on('end', () => {
      c.endedAt = Date.now();
    });
  });
  return { rx, port: port as number, list, conns };
}

describe('SocketHandler idleTimeout', () => {
  it('closes an idle connection after the timeout; the next record reconnects and arrives', async () => {
    const { rx, port, list, conns } = await receiver();
    const h = new SocketHandler('127.0.0.1', port, { idleTimeout: 500 });
    const log = getLogger('idle.sender');
    log.propagate = false;
    log.addHandler(h);
    try {
      log.warning('first');
      await waitUntil(() => list.records.length === 1, 'the first record');
      const deliveredAt = Date.now();
      expect(conns).toHaveLength(1);
      // Nothing more is logged: the handler ends the connection by itself.
      await waitUntil(() => conns[0]?.endedAt != null, 'the idle connection to be ended');
      // Timers never fire early (a loaded machine only makes them late).
      expect((conns[0]?.endedAt as number) - deliveredAt).toBeGreaterThanOrEqual(450);
      await waitUntil(() => h.sock === null, 'the handler to drop its socket');
      expect(rx.connections).toBe(0);

      log.warning('second');
      await waitUntil(() => list.records.length === 2, 'the second record');
      expect(conns).toHaveLength(2); // a new connection carried it
      expect(list.records.map((r) => r.getMessage())).toEqual(['first', 'second']);
      expect(h.dropped).toBe(0);
      expect(h.sent).toBe(2);
    } finally {
      h.close();
      await rx.close();
    }
  }, 60_000);

  it('keeps a connection open while it is not idle, and forever with the default (0)', async () => {
    const { rx, port, list, conns } = await receiver();
    const h = new SocketHandler('127.0.0.1', port); // idleTimeout 0: never closed for idleness
    const log = getLogger('idle.default');
    log.propagate = false;
    log.addHandler(h);
    try {
      log.warning('one');
      await waitUntil(() => list.records.length === 1, 'the first record');
      await new Promise((r) => setTimeout(r, 1500));
      expect(conns[0]?.endedAt).toBeNull();
      log.warning('two');
      await waitUntil(() => list.records.length === 2, 'the second record');
      expect(conns).toHaveLength(1); // the same connection carried both
    } finally {
      h.close();
      await rx.close();
    }
  }, 60_000);
});
