import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  getLogger,
  Handler,
  kw,
  type LogRecord,
  resetLogging,
  snapshotLogging,
} from '@logweave/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LogRecordSocketReceiver } from './log-record-socket-receiver.js';
import { SocketHandler } from './socket-handler.js';
import { PY_RECEIVER, PY_SENDER, type Typed, typedJs } from './test-support/peers.js';
import { hasIPv6, hasPython, startPython } from './test-support/python.js';

class ListHandler extends Handler {
  readonly records: LogRecord[] = [];
  override emit(record: LogRecord): void {
    this.records.push(record);
  }
}

let restore: () => void;
let dir: string;
beforeEach(() => {
  restore = snapshotLogging();
  resetLogging();
  dir = mkdtempSync(join(tmpdir(), 'lw-net-'));
});
afterEach(() => {
  restore();
  rmSync(dir, { recursive: true, force: true });
});

type Transport = 'tcp 127.0.0.1' | 'tcp ::1' | 'unix socket';
const transports: { name: Transport; skip: string | null }[] = [
  { name: 'tcp 127.0.0.1', skip: hasPython ? null : 'python3 >= 3.11 is not on PATH' },
  {
    name: 'tcp ::1',
    skip: !hasPython
      ? 'python3 >= 3.11 is not on PATH'
      : hasIPv6
        ? null
        : 'IPv6 loopback ::1 is not available',
  },
  { name: 'unix socket', skip: hasPython ? null : 'python3 >= 3.11 is not on PATH' },
];

function title(t: string, skip: string | null): string {
  return skip === null ? t : `${t} (skipped: ${skip})`;
}

async function waitUntil(cond: () => boolean, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Compares a record received here with the typed dict CPython sent, field by field. */
function expectSameRecord(record: LogRecord, sent: Typed): void {
  const dict = sent[1] as Record<string, Typed>;
  for (const [k, v] of Object.entries(dict)) {
    expect([k, typedJs(record[k], k)]).toEqual([k, v]);
  }
  expect(record.getMessage()).toBe((dict.msg as Typed)[1]);
}

describe('CPython 3.11 SocketHandler → LogRecordSocketReceiver', () => {
  for (const { name, skip } of transports) {
    it.skipIf(skip !== null)(
      title(
        `rebuilds every record field by field over ${name} (non-ASCII, big ints, exc_text, a 5,000-char message)`,
        skip,
      ),
      async () => {
        const path = join(dir, 'r.sock');
        const host = name === 'tcp ::1' ? '::1' : '127.0.0.1';
        const receiver = new LogRecordSocketReceiver(
          name === 'unix socket' ? { path } : { host, port: 0 },
        );
        const addr = await receiver.listen();
        const list = new ListHandler();
        getLogger('interop').addHandler(list);
        try {
          const py = startPython(PY_SENDER, [
            'stream',
            name === 'unix socket' ? path : host,
            name === 'unix socket' ? '' : String(addr.port),
          ]);
          const code = await py.exited;
          expect(code).toBe(0);
          const sent = py.lines.map((l) => JSON.parse(l) as Typed);
          expect(sent).toHaveLength(4);
          await waitUntil(() => list.records.length >= 4);
          expect(list.records).toHaveLength(4);
          for (const [i, r] of list.records.entries()) expectSameRecord(r, sent[i] as Typed);
          const [first, long, failed, last] = list.records as [
            LogRecord,
            LogRecord,
            LogRecord,
            LogRecord,
          ];
          expect(first.getMessage()).toBe('Zoë has 3 items');
          expect(first.user).toBe('日本語 ✓');
          expect(first.big).toBe(2n ** 70n);
          expect(first.flag).toBe(true);
          expect(long.getMessage()).toBe('x'.repeat(5000));
          expect(failed.exc_text).toMatch(
            /^Traceback \(most recent call last\):[\s\S]*ZeroDivisionError: division by zero$/,
          );
          expect(last.levelname).toBe('DEBUG');
          expect(last.n).toBe(-7);
          expect(receiver.refused).toBe(0);
        } finally {
          await receiver.close();
        }
      },
    );
  }
});

describe("SocketHandler → the cookbook's CPython receiver", () => {
  for (const { name, skip } of transports) {
    it.skipIf(skip !== null)(
      title(`is unpickled by CPython into the same record over ${name}, with Python's types`, skip),
      async () => {
        const path = join(dir, 'py.sock');
        const host = name === 'tcp ::1' ? '::1' : '127.0.0.1';
        const py = startPython(PY_RECEIVER, name === 'unix socket' ? [path, 'unix'] : [host, '0']);
        try {
          const ready = await py.waitFor(/^READY/);
          const h =
            name === 'unix socket'
              ? new SocketHandler(path, null)
              : new SocketHandler(host, Number(ready.split(' ')[1]));
          const log = getLogger('interop.js');
          log.setLevel('DEBUG');
          log.propagate = false;
          log.addHandler(h);
          const sentDicts: Record<string, unknown>[] = [];
          const orig = h.makePickle.bind(h);
          h.makePickle = (r: LogRecord) => {
            const frame = orig(r);
            sentDicts.push({
              ...r,
              msg: r.getMessage(),
              args: null,
              exc_info: null,
              message: undefined,
            });
            return frame;
          };
          log.info(
            '%s has %d items',
            'Zoë',
            3,
            kw({
              extra: {
                user: '日本語 ✓',
                big: 2n ** 70n,
                flag: true,
                ratio: 0.5,
                tags: ['a', 1],
                ctx: { k: 'v' },
              },
            }),
          );
          log.warning('x'.repeat(5000));
          log.error('failed: %s', 'division', kw({ exc_info: new RangeError('out of range') }));
          log.debug('done', kw({ extra: { n: -7, whole: 2 } }));
          expect(await h.flushAsync(10_000)).toBe(true);
          const lines = await py.waitLines(5);
          const got = lines.slice(1).map((l) => JSON.parse(l) as { dict: Typed; message: string });
          expect(got).toHaveLength(4);
          got.forEach((g, i) => {
            const ours = sentDicts[i] as Record<string, unknown>;
            const theirs = g.dict[1] as Record<string, Typed>;
            for (const [k, v] of Object.entries(ours)) {
              if (k === 'message') continue;
              expect([k, theirs[k]]).toEqual([k, typedJs(v, k)]);
            }
            expect(g.message).toBe(ours.msg);
          });
          const first = got[0]?.dict[1] as Record<string, Typed>;
          expect(first.created?.[0]).toBe('float');
          expect(first.msecs?.[0]).toBe('float');
          expect(first.relativeCreated?.[0]).toBe('float');
          expect(first.levelno).toEqual(['int', '20']);
          expect(first.flag).toEqual(['bool', true]);
          expect(first.big).toEqual(['int', (2n ** 70n).toString()]);
          expect(first.user).toEqual(['str', '日本語 ✓']);
          expect('message' in first).toBe(false);
          const failed = got[2]?.dict[1] as Record<string, Typed>;
          expect(failed.exc_text?.[1]).toMatch(/^RangeError: out of range\n\s+at /);
          expect(got[2]?.message).toBe('failed: division');
          expect(h.dropped).toBe(0);
          h.close();
        } finally {
          py.kill();
        }
      },
    );
  }
});
