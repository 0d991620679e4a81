import { describe, expect, it } from 'vitest';
import { makeLogRecord } from '../record.js';
import { NullHandler } from './null-handler.js';

describe('NullHandler', () => {
  it('handle() when filters are set neither filters nor emits and returns false', () => {
    const h = new NullHandler();
    let filtered = 0;
    h.addFilter(() => {
      filtered++;
      return true;
    });
    expect(h.handle(makeLogRecord({ msg: 'x' }))).toBe(false);
    expect(filtered).toBe(0);
  });

  it('emit(), flush() and close() when called do nothing and do not throw', () => {
    const h = new NullHandler();
    expect(() => {
      h.emit(makeLogRecord({ msg: 'x' }));
      h.flush();
      h.close();
    }).not.toThrow();
  });
});
