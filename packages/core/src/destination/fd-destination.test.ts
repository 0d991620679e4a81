import { execFileSync } from 'node:child_process';
import {
  closeSync,
  constants,
  fstatSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type DropReport, FdDestination } from './fd-destination.js';
import { TextCodec } from './text-codec.js';

const dir = mkdtempSync(join(tmpdir(), 'logweave-fd-'));
let n = 0;
const fresh = (): { path: string; fd: number } => {
  const path = join(dir, `f${n++}.log`);
  return { path, fd: openSync(path, 'w') };
};
const nextTurn = (): Promise<void> => new Promise((r) => setImmediate(r));
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const opened: number[] = [];
afterAll(() => {
  for (const fd of opened) {
    try {
      closeSync(fd);
    } catch {
      // already closed
    }
  }
});

/** A non-blocking pipe inside this process: a FIFO opened at both ends with O_NONBLOCK. */
function pipe(): { r: number; w: number } {
  const path = join(dir, `fifo${n++}`);
  execFileSync('mkfifo', [path]);
  const r = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  const w = openSync(path, constants.O_WRONLY | constants.O_NONBLOCK);
  opened.push(r, w);
  return { r, w };
}

function readAll(fd: number): string {
  const chunks: Buffer[] = [];
  const buf = Buffer.alloc(65536);
  for (;;) {
    try {
      const got = readSync(fd, buf, 0, buf.length, null);
      if (got === 0) break;
      chunks.push(Buffer.from(buf.subarray(0, got)));
    } catch (e) {
      if ((e as { code?: string }).code === 'EAGAIN') break;
      throw e;
    }
  }
  return Buffer.concat(chunks).toString();
}

describe('FdDestination buffering', () => {
  it('write() when below minLength keeps chunks in memory until flushSync()', () => {
    const { path, fd } = fresh();
    const d = new FdDestination(fd, { ownsFd: true });
    d.write('a\n');
    d.write('b\n');
    expect(readFileSync(path, 'utf8')).toBe('');
    expect(d.pendingLength).toBe(4);
    d.flushSync();
    expect(readFileSync(path, 'utf8')).toBe('a\nb\n');
    d.closeSync();
  });

  it('write() when minLength is reached writes everything buffered', () => {
    const { path, fd } = fresh();
    const d = new FdDestination(fd, { ownsFd: true, minLength: 6 });
    d.write('abc');
    expect(readFileSync(path, 'utf8')).toBe('');
    d.write('def');
    expect(readFileSync(path, 'utf8')).toBe('abcdef');
    d.closeSync();
  });

  it('write() when minLength is 0 writes every chunk at once', () => {
    const { path, fd } = fresh();
    const d = new FdDestination(fd, { ownsFd: true, minLength: 0 });
    d.write('x');
    expect(readFileSync(path, 'utf8')).toBe('x');
    d.closeSync();
  });

  it('write() when the event-loop turn ends has written the chunks', async () => {
    const { path, fd } = fresh();
    const d = new FdDestination(fd, { ownsFd: true });
    d.write('later\n');
    await nextTurn();
    await nextTurn();
    expect(readFileSync(path, 'utf8')).toBe('later\n');
    d.closeSync();
  });

  it('write() when given non-ASCII text writes UTF-8, and the codec when one is set', () => {
    const a = fresh();
    const utf8 = new FdDestination(a.fd, { ownsFd: true });
    utf8.write('\u00e9\u{1f600}');
    utf8.closeSync();
    expect(readFileSync(a.path).toString('hex')).toBe('c3a9f09f9880');
    const b = fresh();
    const latin1 = new FdDestination(b.fd, { ownsFd: true, codec: new TextCodec('latin-1') });
    latin1.write('\u00e9');
    latin1.closeSync();
    expect(readFileSync(b.path).toString('hex')).toBe('e9');
  });

  it('write() when the codec rejects the text throws and buffers nothing', () => {
    const { path, fd } = fresh();
    const d = new FdDestination(fd, { ownsFd: true, codec: new TextCodec('ascii') });
    expect(() => d.write('caf\u00e9')).toThrow(
      "'ascii' codec can't encode character '\\xe9' in position 3: ordinal not in range(128)",
    );
    d.closeSync();
    expect(readFileSync(path, 'utf8')).toBe('');
  });
});

describe('FdDestination.closeSync()', () => {
  it('when it owns the fd flushes and closes it; later writes throw', () => {
    const { path, fd } = fresh();
    const d = new FdDestination(fd, { ownsFd: true });
    d.write('bye');
    d.closeSync();
    expect(readFileSync(path, 'utf8')).toBe('bye');
    expect(() => fstatSync(fd)).toThrow();
    expect(d.fd).toBe(-1);
    expect(() => d.write('x')).toThrow('I/O operation on closed file.');
    d.closeSync();
  });

  it('when the fd is borrowed flushes and leaves it open', () => {
    const { fd } = fresh();
    const d = new FdDestination(fd);
    d.write('x');
    d.closeSync();
    expect(() => fstatSync(fd)).not.toThrow();
    closeSync(fd);
  });
});

describe('FdDestination without an fd yet', () => {
  it('write() when the fd is null buffers until setFd()', () => {
    const { path, fd } = fresh();
    const d = new FdDestination(null);
    d.write('early\n');
    expect(d.fd).toBe(-1);
    d.flushSync();
    expect(d.pendingLength).toBe(6);
    d.setFd(fd);
    expect(readFileSync(path, 'utf8')).toBe('early\n');
    d.closeSync();
    closeSync(fd);
  });

  it('detach(false) when chunks are buffered drops and reports them once', () => {
    const reports: DropReport[] = [];
    const d = new FdDestination(null, { onDrop: (r) => reports.push(r) });
    d.write('a');
    d.write('b');
    d.detach(false);
    expect(d.dropped).toBe(2);
    expect(reports.map((r) => r.reason)).toEqual(['unopened']);
    expect(() => d.write('c')).toThrow('I/O operation on closed file.');
  });

  it('detach(true) when the fd is open writes what is buffered, then stops', () => {
    const { path, fd } = fresh();
    const d = new FdDestination(fd);
    d.write('kept');
    d.detach(true);
    expect(readFileSync(path, 'utf8')).toBe('kept');
    expect(() => d.write('c')).toThrow('I/O operation on closed file.');
    closeSync(fd);
  });
});

describe('FdDestination on a pipe', () => {
  it('write() when the reader is gone (EPIPE) reports once, counts drops and keeps working', () => {
    const { r, w } = pipe();
    closeSync(r);
    const reports: DropReport[] = [];
    const d = new FdDestination(w, { minLength: 0, onDrop: (x) => reports.push(x) });
    for (let i = 0; i < 5; i++) d.write(`record ${i}\n`);
    expect(d.dropped).toBe(5);
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ fd: w, reason: 'error', dropped: 1 });
    expect((d.lastError as { code?: string }).code).toBe('EPIPE');
    expect(() => d.write('still accepted\n')).not.toThrow();
    expect(d.dropped).toBe(6);
  });

  it('write() when the pipe is full keeps chunks, drops beyond maxLength, and recovers in order', async () => {
    const { r, w } = pipe();
    const reports: DropReport[] = [];
    const d = new FdDestination(w, {
      minLength: 0,
      maxLength: 50_000,
      onDrop: (x) => reports.push(x),
    });
    const line = (i: number): string => `${String(i).padStart(6, '0')}${'.'.repeat(993)}\n`;
    for (let i = 0; i < 200; i++) d.write(line(i)); // 200 kB: more than pipe + maxLength
    expect(d.dropped).toBeGreaterThan(0);
    expect(reports).toHaveLength(1);
    expect(reports[0]!.reason).toBe('full');
    const kept = 200 - d.dropped;
    let received = '';
    for (let tries = 0; tries < 400 && d.pendingLength > 0; tries++) {
      received += readAll(r);
      await sleep(5);
    }
    received += readAll(r);
    expect(d.pendingLength).toBe(0);
    const got = received.split('\n').filter(Boolean);
    expect(got).toHaveLength(kept);
    expect(got).toEqual(Array.from({ length: kept }, (_, i) => line(i).slice(0, -1)));
    // Recovered: the next outage is reported again.
    for (let i = 0; i < 200; i++) d.write(line(i));
    expect(reports).toHaveLength(2);
    readAll(r);
  });

  it('flushSync() when the pipe stays full gives up after flushTimeout and reports it', () => {
    const { w } = pipe();
    const reports: DropReport[] = [];
    const d = new FdDestination(w, { flushTimeout: 30, onDrop: (x) => reports.push(x) });
    d.write('x'.repeat(200_000));
    d.write('y');
    const start = Date.now();
    d.flushSync();
    expect(Date.now() - start).toBeGreaterThanOrEqual(25);
    expect(reports.map((x) => x.reason)).toEqual(['timeout']);
    expect(d.pendingLength).toBe(0);
  });
});
