import {
  getLogger,
  Handler,
  kw,
  type LogRecord,
  resetLogging,
  snapshotLogging,
} from '@logweave/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DatagramHandler } from './datagram-handler.js';
import { LogRecordDatagramReceiver } from './log-record-datagram-receiver.js';
import { PY_DGRAM_RECEIVER, PY_SENDER, type Typed, typedJs } from './test-support/peers.js';
import { hasIPv6, hasPython, startPython } from './test-support/python.js';

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

async function waitUntil(cond: () => boolean, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

const NO_PY = 'python3 >= 3.11 is not on PATH';

describe('CPython 3.11 DatagramHandler → LogRecordDatagramReceiver', () => {
  it.skipIf(!hasPython)(
    hasPython
      ? 'rebuilds every record field by field over udp 127.0.0.1 (length prefix kept in each datagram)'
      : `rebuilds every record over udp 127.0.0.1 (skipped: ${NO_PY})`,
    async () => {
      const receiver = new LogRecordDatagramReceiver({ host: '127.0.0.1', port: 0 });
      const { port } = await receiver.listen();
      const list = new ListHandler();
      getLogger('interop').addHandler(list);
      try {
        const py = startPython(PY_SENDER, ['dgram', '127.0.0.1', String(port)]);
        expect(await py.exited).toBe(0);
        const sent = py.lines.map((l) => JSON.parse(l) as Typed);
        expect(sent).toHaveLength(4);
        await waitUntil(() => list.records.length >= 4);
        for (const [i, r] of list.records.entries()) {
          for (const [k, v] of Object.entries((sent[i] as Typed)[1] as Record<string, Typed>)) {
            expect([k, typedJs(r[k], k)]).toEqual([k, v]);
          }
        }
        expect(list.records[0]?.getMessage()).toBe('Zoë has 3 items');
        expect(list.records[1]?.getMessage()).toBe('x'.repeat(5000));
        expect(receiver.refused).toBe(0);
      } finally {
        await receiver.close();
      }
    },
  );

  it.skip("over udp ::1 (skipped: CPython 3.11's DatagramHandler.makeSocket is IPv4-only, AF_INET)", () => {});
});

describe('DatagramHandler → a CPython UDP receiver', () => {
  for (const host of ['127.0.0.1', '::1']) {
    const skip = !hasPython
      ? NO_PY
      : host === '::1' && !hasIPv6
        ? 'IPv6 loopback ::1 is not available'
        : null;
    it.skipIf(skip !== null)(
      skip === null
        ? `is unpickled by CPython into the same record over udp ${host}`
        : `is unpickled by CPython over udp ${host} (skipped: ${skip})`,
      async () => {
        const py = startPython(PY_DGRAM_RECEIVER, [host]);
        try {
          const ready = await py.waitFor(/^READY/);
          const h = new DatagramHandler(host, Number(ready.split(' ')[1]));
          const log = getLogger('interop.udp');
          log.propagate = false;
          log.addHandler(h);
          log.warning(
            '%s → %d',
            'Zoë',
            5,
            kw({ extra: { big: 2n ** 64n, flag: false, ratio: 1.25 } }),
          );
          log.error('y'.repeat(5000), kw({ exc_info: new Error('boom') }));
          const lines = await py.waitLines(3);
          const got = lines.slice(1).map((l) => JSON.parse(l) as { dict: Typed; message: string });
          expect(got.map((g) => g.message)).toEqual(['Zoë → 5', 'y'.repeat(5000)]);
          const first = got[0]?.dict[1] as Record<string, Typed>;
          expect(first.big).toEqual(['int', (2n ** 64n).toString()]);
          expect(first.flag).toEqual(['bool', false]);
          expect(first.ratio).toEqual(typedJs(1.25));
          expect(first.created?.[0]).toBe('float');
          expect(first.msecs?.[0]).toBe('float');
          const failed = got[1]?.dict[1] as Record<string, Typed>;
          expect(String(failed.exc_text?.[1] ?? '')).toMatch(/^Error: boom\n/);
          expect(h.sent).toBe(2);
          expect(h.dropped).toBe(0);
          h.close();
        } finally {
          py.kill();
        }
      },
    );
  }
});

describe('DatagramHandler', () => {
  it('refuses a unix datagram socket (port null) at construction, naming the alternative', () => {
    expect(() => new DatagramHandler('/dev/log', null)).toThrow(
      /no unix datagram sockets.*SocketHandler\(path, null\)/,
    );
  });

  it('counts a record too large for one datagram as dropped, reported once', () => {
    const reports: string[] = [];
    const h = new DatagramHandler('127.0.0.1', 9, {
      onDrop: (r) => reports.push(`${r.state}:${r.reason}`),
    });
    const log = getLogger('udp.big');
    log.propagate = false;
    log.addHandler(h);
    log.error('z'.repeat(70_000));
    log.error('z'.repeat(70_000));
    expect(h.dropped).toBe(2);
    expect(reports).toEqual(['dropping:record too large for a datagram (over 65507 bytes)']);
    h.close();
  });
});
