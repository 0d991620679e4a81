import { spawnSync } from 'node:child_process';
import * as dgram from 'node:dgram';
import { fileURLToPath } from 'node:url';
import * as net from 'node:net';
import { join } from 'node:path';
import { Formatter, makeLogRecord, LoggingKeyError, LoggingValueError } from '@logweave/core';
import { afterEach, describe, expect, it } from 'vitest';
import type { NetDropReport } from '../drop-accounting.js';
import { tempDir, waitFor } from '../test-support/ports.js';
import { SysLogHandler } from './sys-log-handler.js';
import { frameSyslogMessage } from './syslog-framing.js';

const py = spawnSync(
  'python3',
  [fileURLToPath(new URL('./fixtures/cpython-syslog.py', import.meta.url))],
  {
    encoding: 'utf8',
    env: { ...process.env, PYTHONIOENCODING: 'utf-8' },
  },
);
const hasPython = py.status === 0;
const cpython = hasPython ? JSON.parse(py.stdout) : null;
const vsPy = (t: string) =>
  hasPython ? t : `${t} (skipped: python3 is not on PATH: ${py.stderr ?? ''})`;
// The records of fixtures/cpython-syslog.py.
const DATA: [string, number, string][] = [
  ['WARNING', 30, 'h\u00e9llo'],
  ['INFO', 20, 'plain'],
  ['CRITICAL', 50, 'x'],
];
const records = () =>
  DATA.map(([levelname, levelno, msg]) =>
    makeLogRecord({ name: 'app.db', levelname, levelno, msg }),
  );

const open: { close(): void }[] = [];
afterEach(() => {
  for (const o of open.splice(0)) o.close();
});

async function udpSink(): Promise<{ port: number; got: Buffer[] }> {
  const s = dgram.createSocket('udp4');
  const got: Buffer[] = [];
  s.on('message', (m) => got.push(m));
  await new Promise<void>((r) => s.bind(0, '127.0.0.1', r));
  open.push(s);
  return { port: s.address().port, got };
}

async function tcpSink(path?: string): Promise<{ port: number; bytes: () => Buffer }> {
  const chunks: Buffer[] = [];
  const srv = net.createServer((c) => c.on('data', (d) => chunks.push(d)));
  await new Promise<void>((r) => (path ? srv.listen(path, r) : srv.listen(0, '127.0.0.1', r)));
  open.push(srv);
  const a = srv.address();
  return { port: typeof a === 'object' && a ? a.port : 0, bytes: () => Buffer.concat(chunks) };
}

describe('SysLogHandler tables and priority encoding', () => {
  it.skipIf(!hasPython)(
    vsPy(
      "facility_names, priority_names, priority_map, encodePriority and mapPriority equal CPython's",
    ),
    () => {
      const h = new SysLogHandler({ address: ['127.0.0.1', 9] });
      expect(SysLogHandler.facility_names).toEqual(cpython.facility_names);
      expect(SysLogHandler.priority_names).toEqual(cpython.priority_names);
      expect(h.priority_map).toEqual(cpython.priority_map);
      const enc = ['local3', 'user', 0, 23].flatMap((f) =>
        ['debug', 'crit', 'warning', 3].map((p) => h.encodePriority(f, p)),
      );
      expect(enc).toEqual(cpython.encode);
      expect(
        ['DEBUG', 'INFO', 'WARNING', 'ERROR', 'CRITICAL', 'TRACE', 'Level 5'].map((n) =>
          h.mapPriority(n),
        ),
      ).toEqual(cpython.map);
      h.close();
    },
  );

  it('encodePriority() with an unknown name throws LoggingKeyError, as CPython raises KeyError', () => {
    const h = new SysLogHandler({ address: ['127.0.0.1', 9] });
    expect(() => h.encodePriority('local9', 'info')).toThrow(LoggingKeyError);
    expect(() => h.encodePriority('user', 'loud')).toThrow(LoggingKeyError);
    h.close();
  });

  it('a bad facility, socktype, framing or address throws at construction', () => {
    expect(() => new SysLogHandler({ facility: 'local9' })).toThrow(LoggingKeyError);
    expect(() => new SysLogHandler({ facility: 24 })).toThrow(LoggingValueError);
    expect(() => new SysLogHandler({ socktype: 'sctp' as 'udp' })).toThrow(/socktype/);
    expect(() => new SysLogHandler({ framing: 'crlf' as 'lf' })).toThrow(/framing/);
    expect(() => new SysLogHandler({ address: ['127.0.0.1', 70000] })).toThrow(/address/);
  });
});

describe('SysLogHandler bytes on the wire', () => {
  it.skipIf(!hasPython)(
    vsPy(
      "UDP datagrams are CPython's bytes (PRI, ident, UTF-8 text, NUL), with and without append_nul",
    ),
    async () => {
      for (const [key, setup] of [
        ['udp', (h: SysLogHandler) => (h.ident = 'myapp: ')],
        ['udp_nonul', (h: SysLogHandler) => (h.append_nul = false)],
      ] as const) {
        const sink = await udpSink();
        const h = new SysLogHandler({ address: ['127.0.0.1', sink.port], facility: 'local3' });
        setup(h);
        h.setFormatter(new Formatter('%(levelname)s %(name)s %(message)s'));
        for (const r of records()) h.emit(r);
        await h.drain();
        await waitFor(() => (sink.got.length >= 3 ? true : undefined));
        expect(sink.got.map((b) => b.toString('hex'))).toEqual(cpython[key]);
        h.close();
      }
    },
  );

  it.skipIf(!hasPython)(
    vsPy("TCP with framing 'nul' sends CPython's bytes (each message NUL-terminated)"),
    async () => {
      const sink = await tcpSink();
      const h = new SysLogHandler({
        address: ['127.0.0.1', sink.port],
        facility: 'local3',
        socktype: 'tcp',
      });
      h.ident = 'myapp: ';
      h.setFormatter(new Formatter('%(levelname)s %(name)s %(message)s'));
      for (const r of records()) h.emit(r);
      await h.drain();
      const want = cpython.tcp[0] as string;
      await waitFor(() => (sink.bytes().length >= want.length / 2 ? true : undefined));
      expect(sink.bytes().toString('hex')).toBe(want);
      h.close();
    },
  );

  it("frameSyslogMessage(): 'lf' and 'nul' escape LF and NUL inside the message; octet counting prefixes the byte length", () => {
    const m = Buffer.from('<13>a\nb\0c é', 'utf8');
    expect(frameSyslogMessage(m, 'lf').toString('utf8')).toBe('<13>a#012b#000c é\n');
    expect(frameSyslogMessage(m, 'nul').toString('utf8')).toBe('<13>a#012b#000c é\0');
    expect(frameSyslogMessage(m, 'octet-counting').toString('utf8')).toBe(
      `${m.length} <13>a\nb\0c é`,
    );
  });
});

describe('SysLogHandler on a unix socket path', () => {
  it('without node-unix-socket (unixDgram: null), a path that accepts streams is reached over a unix stream socket', async () => {
    const dir = tempDir('syslog-unix');
    const path = join(dir, 'log');
    const sink = await tcpSink(path);
    const h = new SysLogHandler({ address: path, unixDgram: null });
    h.emit(makeLogRecord({ levelname: 'ERROR', levelno: 40, msg: 'over a stream' }));
    await h.drain();
    await waitFor(() => (sink.bytes().length > 0 ? true : undefined));
    expect(sink.bytes().toString()).toBe('<11>over a stream\0');
    h.close();
  });

  it('without node-unix-socket and with fallback: false, the constructor says what to install', () => {
    expect(
      () => new SysLogHandler({ address: '/nonexistent/log', unixDgram: null, fallback: false }),
    ).toThrow(/node-unix-socket/);
  });
});

describe('SysLogHandler when the daemon is away', () => {
  it('TCP to a closed port: emit() never throws, records beyond maxBuffer are counted, loss is reported once', async () => {
    const reports: NetDropReport[] = [];
    const srv = net.createServer();
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    const port = (srv.address() as net.AddressInfo).port;
    await new Promise<void>((r) => srv.close(() => r()));
    const h = new SysLogHandler({
      address: ['127.0.0.1', port],
      socktype: 'tcp',
      maxBuffer: 100,
      onDrop: (r) => reports.push(r),
    });
    for (let i = 0; i < 50; i++)
      h.emit(makeLogRecord({ levelname: 'INFO', levelno: 20, msg: `record ${i}` }));
    // "<14>record N\0" is 13-14 bytes: 7 fit in 100 bytes, the other 43 are dropped at once.
    expect(h.dropped).toBe(43);
    expect(reports.map((r) => r.state)).toEqual(['dropping']);
    await h.drain();
    h.close();
    // The 7 buffered records are dropped at close, under a new reason.
    expect(h.dropped).toBe(50);
  });
});
