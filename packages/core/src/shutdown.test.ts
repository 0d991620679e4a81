import { describe, expect, it } from 'vitest';
import { Handler } from './handler.js';
import type { LogRecord } from './record.js';
import { shutdown } from './shutdown.js';

const log: string[] = [];

class Recording extends Handler {
  constructor(
    readonly label: string,
    readonly failFlush = false,
  ) {
    super();
  }
  override emit(_record: LogRecord): void {}
  override flush(): void {
    log.push(`flush ${this.label}`);
    if (this.failFlush) throw new Error('flush failed');
  }
  override close(): void {
    log.push(`close ${this.label}`);
    super.close();
  }
}

const ours = (): string[] => log.filter((e) => / (a|b|c)$/.test(e));

describe('shutdown()', () => {
  it('when handlers exist flushes then closes each, newest first', () => {
    log.length = 0;
    const a = new Recording('a');
    const b = new Recording('b');
    const c = new Recording('c');
    shutdown();
    expect(ours()).toEqual(['flush c', 'close c', 'flush b', 'close b', 'flush a', 'close a']);
    expect([a._closed, b._closed, c._closed]).toEqual([true, true, true]);
  });

  it('when a flush throws ignores the error and goes on with older handlers', () => {
    log.length = 0;
    const handlers = [new Recording('a'), new Recording('b', true), new Recording('c')];
    expect(() => shutdown(handlers)).not.toThrow();
    expect(log).toEqual(['flush c', 'close c', 'flush b', 'flush a', 'close a']);
  });

  it('when given weak references shuts down the live ones', () => {
    log.length = 0;
    const a = new Recording('a');
    shutdown([new WeakRef(a)]);
    expect(log).toEqual(['flush a', 'close a']);
  });
});
