import { describe, expect, it } from 'vitest';
import { makeLogRecord } from '../record.js';
import { BufferingHandler } from './buffering-handler.js';

// The CPython comparison of BufferingHandler's buffering runs in memory-handler.test.ts.

describe('BufferingHandler subclasses', () => {
  class BatchHandler extends BufferingHandler {
    readonly batches: string[][] = [];
    override flush(): void {
      if (this.buffer.length > 0) this.batches.push(this.buffer.map((r) => this.format(r)));
      this.buffer.length = 0;
    }
  }

  it('flush() overridden receives full batches at capacity, and the rest on close()', () => {
    const h = new BatchHandler(2);
    for (const m of ['a', 'b', 'c', 'd', 'e']) h.handle(makeLogRecord({ msg: m }));
    expect(h.batches).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    h.close();
    expect(h.batches.at(-1)).toEqual(['e']);
    expect(h._closed).toBe(true);
  });

  it('shouldFlush() is called with each record after it was buffered', () => {
    const seen: [string, number][] = [];
    class Spy extends BufferingHandler {
      override shouldFlush(record: ReturnType<typeof makeLogRecord>): boolean {
        seen.push([String(record.msg), this.buffer.length]);
        return false;
      }
    }
    const h = new Spy(1);
    h.handle(makeLogRecord({ msg: 'x' }));
    h.handle(makeLogRecord({ msg: 'y' }));
    expect(seen).toEqual([
      ['x', 1],
      ['y', 2],
    ]);
  });
});
