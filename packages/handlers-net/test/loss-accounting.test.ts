import {
  getLogger,
  Handler,
  kw,
  type LogRecord,
  resetLogging,
  snapshotLogging,
} from '@logweave/core';
import { LogRecordSocketReceiver, type NetDropReport, SocketHandler } from '@logweave/handlers-net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

/** Counts records per sender and notes duplicates (a record delivered twice). */
class Tally extends Handler {
  readonly seen = new Map<string, Set<number>>();
  duplicates = 0;
  override emit(record: LogRecord): void {
    const who = String(record.sender);
    let s = this.seen.get(who);
    if (s === undefined) this.seen.set(who, (s = new Set()));
    const seq = record.seq as number;
    if (s.has(seq)) this.duplicates++;
    s.add(seq);
  }
  delivered(who: string): number {
    return this.seen.get(who)?.size ?? 0;
  }
}

let restore: () => void;
beforeEach(() => {
  restore = snapshotLogging();
  resetLogging();
});
afterEach(() => restore());

const TOTAL = 100_000;
const RATE = 5_000; // records per second, per sender

describe('SocketHandler loss accounting across receiver restarts', () => {
  it(`100,000 records at ~5,000/s while the receiver restarts every 2 s: delivered + reported dropped = sent; with a buffer sized for the outage, delivered = sent`, async () => {
    const tally = new Tally();
    getLogger('rx').addHandler(tally);
    let receiver = new LogRecordSocketReceiver({ host: '127.0.0.1', port: 0, logname: 'rx' });
    const { port } = await receiver.listen();
    const reports: Record<string, NetDropReport[]> = { small: [], big: [] };
    const small = new SocketHandler('127.0.0.1', port as number, {
      ack: true,
      bufferSize: 1000,
      retryStart: 0.2,
      retryMax: 0.4,
      onDrop: (r) => reports.small?.push(r),
    });
    const big = new SocketHandler('127.0.0.1', port as number, {
      ack: true,
      bufferSize: TOTAL,
      maxBufferBytes: 256 * 1024 * 1024,
      retryStart: 0.2,
      retryMax: 0.4,
      onDrop: (r) => reports.big?.push(r),
    });
    const senders = { small, big };
    const logs = Object.entries(senders).map(([name, h]) => {
      const log = getLogger(`loss.${name}`);
      log.setLevel('INFO');
      log.propagate = false;
      log.addHandler(h);
      return [name, log] as const;
    });

    // Restart the receiver every 2 s (down for 250 ms each time), while sending.
    let restarts = 0;
    let sending = true;
    const restarter = (async () => {
      while (sending) {
        await new Promise((r) => setTimeout(r, 2000));
        if (!sending) break;
        await receiver.close();
        restarts++;
        await new Promise((r) => setTimeout(r, 250));
        receiver = new LogRecordSocketReceiver({ host: '127.0.0.1', port, logname: 'rx' });
        await receiver.listen();
      }
    })();

    const t0 = Date.now();
    let sent = 0;
    while (sent < TOTAL) {
      const due = Math.min(TOTAL, Math.floor(((Date.now() - t0) / 1000) * RATE));
      for (; sent < due; sent++) {
        for (const [name, log] of logs)
          log.info('record %d', sent, kw({ extra: { seq: sent, sender: name } }));
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    sending = false;
    await restarter;
    expect(restarts).toBeGreaterThanOrEqual(5);
    const drained = await Promise.all([small.flushAsync(40_000), big.flushAsync(40_000)]);
    expect(drained).toEqual([true, true]);

    const smallDelivered = tally.delivered('small');
    const bigDelivered = tally.delivered('big');
    const lastSmall = reports.small?.at(-1);
    const reasons = new Set(reports.big?.map((r) => r.reason));
    console.log(
      `loss accounting: ${restarts} restarts; small buffer: ${smallDelivered} delivered + ${small.dropped} dropped (${reports.small?.length} reports, ${small.resent} resent); big buffer: ${bigDelivered} delivered, ${big.dropped} dropped, ${big.resent} resent (${[...reasons].join(', ')})`,
    );
    // Every record is either delivered or reported as dropped, never both, never twice.
    expect(tally.duplicates).toBe(0);
    expect(small.dropped).toBeGreaterThan(0);
    expect(smallDelivered + small.dropped).toBe(TOTAL);
    expect(lastSmall?.dropped).toBe(small.dropped);
    // Reported per state change, not per record.
    // (loss starts as 'peer unreachable', may turn to 'buffer full' while reconnecting, ends)
    expect(reports.small?.length).toBeLessThanOrEqual(8 * (restarts + 1));
    expect(reports.small?.length).toBeLessThan(small.dropped / 100);
    expect(bigDelivered).toBe(TOTAL);
    expect(big.dropped).toBe(0);
    expect(big.resent).toBeGreaterThanOrEqual(0);
    small.close();
    big.close();
    await receiver.close();
  }, 150_000);
});
