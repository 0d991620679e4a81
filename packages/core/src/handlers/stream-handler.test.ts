import { createWriteStream, mkdtempSync, openSync, readFileSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Destination } from '../destination/destination.js';
import { type DropReport, FdDestination } from '../destination/fd-destination.js';
import { MemoryDestination } from '../destination/memory-destination.js';
import {
  NodeStreamDestination,
  type WritableLike,
} from '../destination/node-stream-destination.js';
import { WARNING } from '../levels.js';
import { type LogRecord, makeLogRecord } from '../record.js';
import { StreamHandler } from './stream-handler.js';
import { hasPython, runPython, vsCPython } from './test-support/python.js';

const dir = mkdtempSync(join(tmpdir(), 'logweave-sh-'));
const rec = (msg: string): LogRecord =>
  makeLogRecord({ msg, levelno: WARNING, levelname: 'WARNING' });

/** Exposes the destination and collects handleError calls. */
class Probe<S extends WritableLike = WritableLike> extends StreamHandler<S> {
  errors: unknown[] = [];
  get dest(): Destination {
    return this.destination;
  }
  override handleError(_record: LogRecord, error?: unknown): void {
    this.errors.push(error);
  }
}

describe('StreamHandler.emit()', () => {
  it('when the stream is a plain object writes message + terminator at once', () => {
    const out: string[] = [];
    const h = new StreamHandler({ write: (s: string) => out.push(s) });
    h.handle(rec('one'));
    h.handle(rec('two'));
    expect(out).toEqual(['one\n', 'two\n']);
  });

  it('when terminator is changed on the instance or the prototype uses it', () => {
    const out: string[] = [];
    const h = new StreamHandler({ write: (s: string) => out.push(s) });
    h.terminator = ' | ';
    h.handle(rec('a'));
    const saved = StreamHandler.prototype.terminator;
    StreamHandler.prototype.terminator = '\r\n';
    try {
      const g = new StreamHandler({ write: (s: string) => out.push(s) });
      g.handle(rec('b'));
    } finally {
      StreamHandler.prototype.terminator = saved;
    }
    expect(out).toEqual(['a | ', 'b\r\n']);
  });

  it('when the stream is a Destination writes to it and flush() flushes it', () => {
    const d = new MemoryDestination();
    const h = new StreamHandler(d);
    h.handle(rec('m'));
    expect(d.text).toBe('m\n');
    expect(d.flushedText).toBe('');
    h.flush();
    expect(d.flushedText).toBe('m\n');
    h.close();
    expect(d.closed).toBe(false);
  });

  it('when the stream throws passes the error to handleError()', () => {
    const boom = new Error('disk on fire');
    const h = new Probe({
      write: () => {
        throw boom;
      },
    });
    h.handle(rec('x'));
    expect(h.errors).toEqual([boom]);
  });

  it('when the stream is null reports CPython AttributeError text through handleError()', () => {
    const h = new Probe(new MemoryDestination());
    h.setStream(null);
    h.handle(rec('x'));
    expect(String(h.errors[0])).toContain("'NoneType' object has no attribute 'write'");
  });
});

describe('StreamHandler.setStream()', () => {
  it('when the stream changes flushes the old one and returns it', () => {
    const a = new MemoryDestination();
    const b = new MemoryDestination();
    const h = new StreamHandler(a);
    h.handle(rec('1'));
    expect(h.setStream(b)).toBe(a);
    expect(a.flushedText).toBe('1\n');
    h.handle(rec('2'));
    expect(b.text).toBe('2\n');
    expect(h.stream).toBe(b);
  });

  it('when the stream is the current one returns null and does nothing', () => {
    const a = new MemoryDestination();
    const h = new StreamHandler(a);
    expect(h.setStream(a)).toBeNull();
    expect(a.flushCalls).toBe(0);
  });
});

describe('StreamHandler destinations', () => {
  it('new StreamHandler() when given no stream uses process.stderr', () => {
    expect(new StreamHandler().stream).toBe(process.stderr);
    expect(new StreamHandler(null).stream).toBe(process.stderr);
  });

  it('handlers on process.stdout share one buffered fd destination', () => {
    const a = new Probe(process.stdout);
    const b = new Probe(process.stdout);
    expect(a.dest).toBeInstanceOf(FdDestination);
    expect(a.dest).toBe(b.dest);
    expect((a.dest as FdDestination).fd).toBe(1);
    expect(new Probe(process.stderr).dest).not.toBe(a.dest);
  });

  it('when the stream has an fd writes through a buffered fd destination', () => {
    const path = join(dir, 'fd.log');
    const h = new Probe({ fd: openSync(path, 'w'), write: () => expect.fail('bypassed') });
    expect(h.dest).toBeInstanceOf(FdDestination);
    h.handle(rec('via fd'));
    expect(readFileSync(path, 'utf8')).toBe('');
    h.flush();
    expect(readFileSync(path, 'utf8')).toBe('via fd\n');
  });

  it('when the stream is an fs.WriteStream still opening buffers, then writes to its fd', async () => {
    const path = join(dir, 'pending.log');
    const ws = createWriteStream(path);
    const h = new Probe(ws);
    h.handle(rec('before open'));
    await once(ws, 'open');
    h.handle(rec('after open'));
    h.flush();
    expect(readFileSync(path, 'utf8')).toBe('before open\nafter open\n');
    h.handle(rec('at end'));
    ws.end();
    await once(ws, 'close');
    expect(readFileSync(path, 'utf8')).toBe('before open\nafter open\nat end\n');
    h.handle(rec('after close'));
    expect(String(h.errors[0])).toContain('I/O operation on closed file.');
  });

  it('when the stream is a Writable without an fd calls write() per record', async () => {
    const pt = new PassThrough();
    const h = new Probe(pt);
    expect(h.dest).toBeInstanceOf(NodeStreamDestination);
    h.handle(rec('p'));
    expect(pt.read()?.toString()).toBe('p\n');
  });

  it('when a Writable fails emits no uncaught error, reports once and counts drops', async () => {
    const w = new Writable({
      write(_chunk, _enc, cb) {
        cb(new Error('EIO-like failure'));
      },
    });
    const reports: DropReport[] = [];
    const d = new NodeStreamDestination(w, { onDrop: (r) => reports.push(r) });
    const h = new Probe(d);
    h.handle(rec('lost'));
    await new Promise((r) => setTimeout(r, 10));
    expect(w.destroyed).toBe(true);
    h.handle(rec('after'));
    expect(d.dropped).toBe(2);
    expect(String(d.lastError)).toContain('EIO-like failure');
    expect(reports.map((r) => r.reason)).toEqual(['error']);
    expect(h.errors).toEqual([]);
  });
});

describe.skipIf(!hasPython)(vsCPython('StreamHandler.toString() against CPython repr'), () => {
  it('names <stderr>, <stdout>, and nothing for other streams', () => {
    const expected = runPython<string[]>(
      `import logging, sys, io
h = logging.StreamHandler(sys.stdout); h.setLevel(logging.WARNING)
emit([repr(logging.StreamHandler()), repr(h), repr(logging.StreamHandler(io.StringIO()))])`,
    );
    const h = new StreamHandler(process.stdout);
    h.setLevel(WARNING);
    expect([
      String(new StreamHandler()),
      String(h),
      String(new StreamHandler(new MemoryDestination())),
    ]).toEqual(expected);
  });
});
