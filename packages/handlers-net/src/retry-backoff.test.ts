import { describe, expect, it } from 'vitest';
import { DropAccounting, type NetDropReport } from './drop-accounting.js';
import { RetryBackoff } from './retry-backoff.js';

describe('RetryBackoff', () => {
  it("follows CPython's SocketHandler schedule without jitter: 1, 2, 4 … capped at retryMax", () => {
    const b = new RetryBackoff({ jitter: 0 });
    expect(b.shouldAttempt(100)).toBe(true);
    const delays = [b.failed(100)];
    for (let i = 0; i < 6; i++) delays.push(b.failed(100));
    expect(delays).toEqual([1, 2, 4, 8, 16, 30, 30]);
    expect(b.shouldAttempt(129.9)).toBe(false);
    expect(b.shouldAttempt(130)).toBe(true);
    b.succeeded();
    expect(b.shouldAttempt(0)).toBe(true);
    expect(b.failed(0)).toBe(1);
  });

  it('adds at most `jitter` of the period at random', () => {
    const b = new RetryBackoff({ jitter: 0.5, random: () => 0.5 });
    expect(b.failed(0)).toBe(1.25);
    expect(b.retryTime).toBe(1.25);
  });
});

describe('DropAccounting', () => {
  it('reports once when loss starts, once when its reason changes and once on recovery', () => {
    const reports: NetDropReport[] = [];
    const d = new DropAccounting('T', (r) => reports.push(r));
    for (let i = 0; i < 5; i++) d.drop('peer unreachable');
    d.drop('buffer full', 3);
    expect(d.dropped).toBe(8);
    expect(d.dropping).toBe(true);
    d.delivered();
    d.delivered();
    expect(reports.map((r) => [r.state, r.reason, r.dropped, r.droppedInOutage])).toEqual([
      ['dropping', 'peer unreachable', 1, 1],
      ['dropping', 'buffer full', 8, 8],
      ['recovered', 'buffer full', 8, 8],
    ]);
  });
});
