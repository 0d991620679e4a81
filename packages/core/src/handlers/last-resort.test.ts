import { afterEach, describe, expect, it, vi } from 'vitest';
import { WARNING } from '../levels.js';
import { makeLogRecord } from '../record.js';
import { lastResort, StderrHandler } from './last-resort.js';
import { StreamHandler } from './stream-handler.js';
import { hasPython, runPython, vsCPython } from './test-support/python.js';

const rec = (msg: string) => makeLogRecord({ msg, levelno: WARNING, levelname: 'WARNING' });

afterEach(() => {
  vi.restoreAllMocks();
});

describe('lastResort', () => {
  it('is a StreamHandler at WARNING', () => {
    expect(lastResort).toBeInstanceOf(StreamHandler);
    expect(lastResort.level).toBe(WARNING);
  });

  it('emit() when process.stderr.write is spied on writes through it at once', () => {
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    lastResort.handle(rec('no handlers here'));
    expect(spy).toHaveBeenCalledWith('no handlers here\n');
  });

  it('emit() when process.stderr is replaced writes to the new stream', () => {
    const saved = Object.getOwnPropertyDescriptor(process, 'stderr')!;
    const out: string[] = [];
    Object.defineProperty(process, 'stderr', {
      configurable: true,
      value: { write: (s: string) => out.push(s) },
    });
    try {
      expect(lastResort.stream).toBe(process.stderr);
      lastResort.handle(rec('to the replacement'));
    } finally {
      Object.defineProperty(process, 'stderr', saved);
    }
    expect(out).toEqual(['to the replacement\n']);
  });

  it('stream when assigned stays the current process.stderr', () => {
    const h = new StderrHandler();
    h.stream = { write: () => true };
    expect(h.stream).toBe(process.stderr);
    expect(h.setStream({ write: () => true })).toBe(process.stderr);
    expect(h.stream).toBe(process.stderr);
  });

  it.skipIf(!hasPython)(vsCPython('toString() matches the repr of CPython _StderrHandler'), () => {
    const [expected] = runPython<string[]>('import logging\nemit([repr(logging.lastResort)])');
    expect(String(lastResort)).toBe(expected!.replace('_StderrHandler', 'StderrHandler'));
  });
});
