import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { snapshotLogging } from '@logweave/core';
import { decodeRecord } from '@logweave/handlers-net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as user from '../test/fixtures/user/custom.js';
import { fileConfig } from './file-config.js';
import {
  type DiffCase,
  type DiffResult,
  hasCPython,
  NO_CPYTHON,
  runCPython,
  runOurs,
} from './test-support/differential.js';

// Differential of the classes that live in @logweave/handlers-file and @logweave/handlers-net:
// the same dictConfig / fileConfig under CPython 3.11 and here give the same topology (each
// handler's own state as Python holds it), the same files, and the same records at loopback
// receivers this test starts.

const fixtures = new URL('../test/fixtures/', import.meta.url);
const userNames = JSON.parse(readFileSync(new URL('user/names.json', fixtures), 'utf8')) as Record<
  string,
  string
>;
const ourNames = Object.fromEntries(
  Object.entries(userNames).map(([py, js]) => [py, (user as Record<string, unknown>)[js]]),
);
const root = mkdtempSync(join(tmpdir(), 'logweave-config-hpkg-'));

/** Loopback receivers: pickled records over TCP and UDP, and raw syslog datagrams. */
interface Receivers {
  tcp: Server;
  udp: UdpSocket;
  syslog: UdpSocket;
  syslog2: UdpSocket;
  unix: Server;
  ports: { tcp: number; udp: number; syslog: number; syslog2: number };
  got: { tcp: string[]; udp: string[]; syslog: string[]; syslog2: string[]; unix: string[] };
}
/** A unix stream socket in the test's temp dir, standing for `/dev/log` (never touched). */
const DEVLOG = join(root, 'devlog.sock');
let rx: Receivers;

function line(payload: Uint8Array): string {
  const r = decodeRecord(payload);
  return `${r.name} ${r.levelname} ${r.getMessage()}`;
}

async function startReceivers(): Promise<Receivers> {
  const got = {
    tcp: [] as string[],
    udp: [] as string[],
    syslog: [] as string[],
    syslog2: [] as string[],
    unix: [] as string[],
  };
  const unix = createServer((sock) => {
    let buf = '';
    sock.on('data', (d) => {
      buf += d.toString('latin1');
      let i = buf.indexOf('\0');
      while (i >= 0) {
        got.unix.push(buf.slice(0, i + 1));
        buf = buf.slice(i + 1);
        i = buf.indexOf('\0');
      }
    });
    sock.on('error', () => {});
  });
  await new Promise<void>((res) => unix.listen(DEVLOG, res));
  const tcp = createServer((sock) => {
    let buf = Buffer.alloc(0);
    sock.on('data', (d) => {
      buf = Buffer.concat([buf, d]);
      while (buf.length >= 4 && buf.length >= 4 + buf.readUInt32BE(0)) {
        const n = buf.readUInt32BE(0);
        got.tcp.push(line(buf.subarray(4, 4 + n)));
        buf = buf.subarray(4 + n);
      }
    });
    sock.on('error', () => {});
  });
  await new Promise<void>((res) => tcp.listen(0, '127.0.0.1', res));
  const udpOn = async (f: (m: Buffer) => void): Promise<UdpSocket> => {
    const s = createSocket('udp4');
    s.on('message', f);
    await new Promise<void>((res) => s.bind(0, '127.0.0.1', res));
    return s;
  };
  const udp = await udpOn((m) => got.udp.push(line(m.subarray(4))));
  const syslog = await udpOn((m) => got.syslog.push(m.toString('latin1')));
  const syslog2 = await udpOn((m) => (got.syslog2 as string[]).push(m.toString('latin1')));
  const port = (s: UdpSocket) => s.address().port;
  return {
    tcp,
    udp,
    syslog,
    syslog2,
    unix,
    ports: {
      tcp: (tcp.address() as { port: number }).port,
      udp: port(udp),
      syslog: port(syslog),
      syslog2: port(syslog2),
    },
    got: got as Receivers['got'],
  };
}

/** Waits (bounded) until every receiver holds at least `n` messages, then takes them. */
async function drain(n: number): Promise<Receivers['got']> {
  const deadline = Date.now() + 15_000;
  const full = () => Object.values(rx.got).every((a) => a.length >= n);
  while (!full() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  await new Promise((r) => setTimeout(r, 50));
  const out = structuredClone(rx.got);
  for (const a of Object.values(rx.got)) a.length = 0;
  return out;
}

const FMT = { format: '%(name)s %(levelname)s %(message)s' };
const CALLS = ['root', 'app', 'app.sub', 'net', 'net.child'];
// Handlers that must not receive records here are attached to `quiet`: it exists (so its
// handlers are described) but no call logs to it.
const PREEXISTING = ['app', 'quiet'];
const QUIET = { level: 'CRITICAL', handlers: [] as string[], propagate: false };

/** The dictConfig cases; `P` stands for the receivers' ports (filled once they listen). */
function dictCases(P: Receivers['ports']): { id: string; config: Record<string, unknown> }[] {
  const base = (handlers: Record<string, unknown>, loggers: Record<string, unknown>) => ({
    version: 1,
    formatters: { f: FMT },
    handlers,
    loggers,
  });
  return [
    {
      id: 'dict:RotatingFileHandler (maxBytes/backupCount keywords, records crossing rollovers)',
      config: {
        ...base(
          {
            rot: {
              class: 'logging.handlers.RotatingFileHandler',
              filename: 'rot.log',
              maxBytes: 300,
              backupCount: 3,
              formatter: 'f',
            },
            rot0: {
              class: 'logging.handlers.RotatingFileHandler',
              filename: 'plain.log',
              mode: 'w',
              level: 'WARNING',
            },
          },
          { app: { handlers: ['rot0'] } },
        ),
        root: { level: 'DEBUG', handlers: ['rot'] },
      },
    },
    {
      id: 'dict:TimedRotatingFileHandler (when/interval/backupCount/utc/atTime)',
      config: base(
        {
          t1: {
            class: 'logging.handlers.TimedRotatingFileHandler',
            filename: 't1.log',
            when: 'midnight',
            backupCount: 7,
            utc: true,
            atTime: 'ext://__main__.AT_0330',
          },
          t2: {
            class: 'logging.handlers.TimedRotatingFileHandler',
            filename: 't2.log',
            when: 'm',
            interval: 30,
          },
          t3: {
            class: 'logging.handlers.TimedRotatingFileHandler',
            filename: 't3.log',
            when: 'W2',
            backupCount: 2,
            utc: false,
            delay: true,
          },
          t4: {
            class: 'logging.handlers.TimedRotatingFileHandler',
            filename: 't4.log',
            when: 'D',
            interval: 2,
            encoding: 'utf-8',
          },
        },
        { quiet: { ...QUIET, handlers: ['t1', 't2', 't3', 't4'] } },
      ),
    },
    {
      id: 'dict:TimedRotatingFileHandler with an invalid when is rejected by both',
      config: base(
        {
          t: { class: 'logging.handlers.TimedRotatingFileHandler', filename: 'x.log', when: 'W7' },
        },
        { quiet: { ...QUIET, handlers: ['t'] } },
      ),
    },
    {
      id: 'dict:WatchedFileHandler (output)',
      config: {
        ...base(
          {
            w: {
              class: 'logging.handlers.WatchedFileHandler',
              filename: 'watched.log',
              mode: 'w',
              formatter: 'f',
              level: 'INFO',
            },
          },
          {},
        ),
        root: { level: 'DEBUG', handlers: ['w'] },
      },
    },
    {
      id: 'dict:SocketHandler, DatagramHandler, SysLogHandler to loopback receivers',
      config: base(
        {
          sock: { class: 'logging.handlers.SocketHandler', host: '127.0.0.1', port: P.tcp },
          dgram: { class: 'logging.handlers.DatagramHandler', host: '127.0.0.1', port: P.udp },
          sys1: {
            class: 'logging.handlers.SysLogHandler',
            address: ['127.0.0.1', P.syslog],
            facility: 'local3',
            formatter: 'f',
          },
          sys2: {
            class: 'logging.handlers.SysLogHandler',
            address: ['127.0.0.1', P.syslog2],
            facility: 17,
            level: 'DEBUG',
          },
          sys3: {
            class: 'logging.handlers.SysLogHandler',
            address: DEVLOG,
            facility: 'local7',
            formatter: 'f',
          },
        },
        {
          net: {
            level: 'DEBUG',
            handlers: ['sock', 'dgram', 'sys1', 'sys2', 'sys3'],
            propagate: false,
          },
        },
      ),
    },
    {
      id: 'dict:HTTPHandler and SMTPHandler (topology: host, url, method, mailhost, credentials, secure)',
      config: base(
        {
          http1: {
            class: 'logging.handlers.HTTPHandler',
            host: 'localhost:9022',
            url: '/log',
            method: 'POST',
            secure: true,
            credentials: ['user', 'pw'],
          },
          http2: { class: 'logging.handlers.HTTPHandler', host: '127.0.0.1', url: '/x' },
          smtp1: {
            class: 'logging.handlers.SMTPHandler',
            mailhost: ['localhost', 2525],
            fromaddr: 'app@example.org',
            toaddrs: ['a@example.org', 'b@example.org'],
            subject: 'Houston',
            credentials: ['user', 'pw'],
            secure: [],
            timeout: 3.5,
            level: 'ERROR',
          },
          smtp2: {
            class: 'logging.handlers.SMTPHandler',
            mailhost: 'localhost',
            fromaddr: 'app@example.org',
            toaddrs: 'ops@example.org',
            subject: 'one',
          },
        },
        { quiet: { ...QUIET, handlers: ['http1', 'http2', 'smtp1', 'smtp2'] } },
      ),
    },
    {
      id: 'dict:MemoryHandler targets: a RotatingFileHandler and a SysLogHandler',
      config: {
        ...base(
          {
            mem: {
              class: 'logging.handlers.MemoryHandler',
              capacity: 4,
              // A number: CPython 3.11's dictConfig leaves a level name here a string, and
              // its MemoryHandler then raises a TypeError from the logging call.
              flushLevel: 40,
              target: 'rot',
            },
            rot: {
              class: 'logging.handlers.RotatingFileHandler',
              filename: 'mem-rot.log',
              maxBytes: 200,
              backupCount: 2,
              formatter: 'f',
            },
            mem2: {
              class: 'logging.handlers.MemoryHandler',
              capacity: 100,
              target: 'smtp',
            },
            smtp: {
              class: 'logging.handlers.SMTPHandler',
              mailhost: 'localhost',
              fromaddr: 'a@example.org',
              toaddrs: ['b@example.org'],
              subject: 's',
            },
          },
          { quiet: { ...QUIET, handlers: ['mem2'] } },
        ),
        root: { level: 'DEBUG', handlers: ['mem'] },
      },
    },
  ];
}

function iniCases(P: Receivers['ports']): { id: string; ini: string }[] {
  const ini = (handlers: Record<string, string>, loggers: string, extra = ''): string => {
    const keys = Object.keys(handlers);
    return [
      '[loggers]',
      `keys=root${loggers ? `,${loggers}` : ''}`,
      '[handlers]',
      `keys=${keys.join(',')}`,
      '[formatters]',
      'keys=f',
      '[formatter_f]',
      `format=${FMT.format}`,
      ...keys.map((k) => `[handler_${k}]\n${handlers[k]}`),
      extra,
    ].join('\n');
  };
  return [
    {
      id: 'ini:RotatingFileHandler (maxBytes/backupCount positional and as kwargs)',
      ini: ini(
        {
          rot: "class=handlers.RotatingFileHandler\nformatter=f\nargs=('rot.log', 'a', 300, 2)",
          rot2: "class=logging.handlers.RotatingFileHandler\nlevel=ERROR\nargs=('rot2.log',)\nkwargs={'maxBytes': 150, 'backupCount': 1, 'mode': 'w'}",
        },
        '',
        '[logger_root]\nlevel=DEBUG\nhandlers=rot,rot2',
      ),
    },
    {
      id: 'ini:TimedRotatingFileHandler and WatchedFileHandler',
      ini: ini(
        {
          t1: "class=handlers.TimedRotatingFileHandler\nargs=('t1.log', 'midnight', 1, 5, None, False, True)",
          t2: "class=handlers.TimedRotatingFileHandler\nargs=('t2.log',)\nkwargs={'when': 'H', 'interval': 6, 'backupCount': 2}",
          w: "class=handlers.WatchedFileHandler\nformatter=f\nlevel=INFO\nargs=('w.log', 'w')",
        },
        'quiet',
        '[logger_root]\nlevel=DEBUG\nhandlers=w\n[logger_quiet]\nlevel=CRITICAL\nhandlers=t1,t2\npropagate=0\nqualname=quiet',
      ),
    },
    {
      id: 'ini:SocketHandler, DatagramHandler, SysLogHandler (tuple address, facility constant, handlers.socket.SOCK_DGRAM)',
      ini: ini(
        {
          sock: `class=handlers.SocketHandler\nargs=('127.0.0.1', ${P.tcp})`,
          dgram: `class=handlers.DatagramHandler\nargs=('127.0.0.1', ${P.udp})`,
          sys1: `class=handlers.SysLogHandler\nformatter=f\nargs=(('127.0.0.1', ${P.syslog}), handlers.SysLogHandler.LOG_LOCAL0, handlers.socket.SOCK_DGRAM)`,
          sys2: `class=handlers.SysLogHandler\nkwargs={'address': ('127.0.0.1', ${P.syslog2}), 'facility': 'daemon'}`,
          sys3: `class=handlers.SysLogHandler\nformatter=f\nargs=('${DEVLOG}', 'auth')`,
        },
        'net',
        '[logger_root]\nhandlers=\n[logger_net]\nlevel=DEBUG\nhandlers=sock,dgram,sys1,sys2,sys3\npropagate=0\nqualname=net',
      ),
    },
    {
      id: 'ini:HTTPHandler, SMTPHandler and a MemoryHandler targeting a RotatingFileHandler',
      ini: ini(
        {
          http: "class=handlers.HTTPHandler\nargs=('localhost:9022', '/log', 'GET')\nkwargs={'secure': True, 'credentials': ('u', 'p')}",
          smtp: "class=handlers.SMTPHandler\nlevel=WARN\nargs=(('localhost', 2525), 'from@abc', ['user1@abc', 'user2@xyz'], 'Logger Subject', ('u', 'p'), ())\nkwargs={'timeout': 10.0}",
          mem: 'class=handlers.MemoryHandler\ntarget=rot\nargs=(3, ERROR)',
          rot: "class=handlers.RotatingFileHandler\nformatter=f\nargs=('mem.log', 'a', 250, 1)",
        },
        'quiet',
        '[logger_root]\nlevel=DEBUG\nhandlers=mem\n[logger_quiet]\nlevel=CRITICAL\nhandlers=http,smtp\npropagate=0\nqualname=quiet',
      ),
    },
  ];
}

const DICT_IDS = dictCases({ tcp: 0, udp: 0, syslog: 0, syslog2: 0 }).map((c) => c.id);
const INI_IDS = iniCases({ tcp: 0, udp: 0, syslog: 0, syslog2: 0 }).map((c) => c.id);
const NET_IDS = new Set([DICT_IDS[4]!, INI_IDS[2]!]);

const cases = new Map<string, DiffCase>();
const python = new Map<string, DiffResult>();
const pyReceived = new Map<string, Receivers['got']>();
let restore: () => void;

function toCase(id: string, c: { config?: unknown; ini?: string }): DiffCase {
  return c.ini !== undefined
    ? { id, kind: 'ini', ini: c.ini, preexisting: PREEXISTING, calls: CALLS, workdir: '' }
    : {
        id,
        kind: 'dict',
        configs: [c.config],
        preexisting: PREEXISTING,
        calls: CALLS,
        workdir: '',
      };
}
const dirOf = (side: string, id: string) => join(root, side, id.replace(/[^A-Za-z0-9]+/g, '_'));

beforeAll(async () => {
  restore = snapshotLogging();
  rx = await startReceivers();
  for (const c of dictCases(rx.ports)) cases.set(c.id, toCase(c.id, c));
  for (const c of iniCases(rx.ports)) cases.set(c.id, toCase(c.id, c));
  if (!hasCPython) return;
  const user = { module: new URL('user/custom.py', fixtures).pathname, names: userNames };
  // One CPython process per network case, so that each one's records can be told apart.
  const plain = [...cases.values()].filter((c) => !NET_IDS.has(c.id));
  for (const r of runCPython(
    plain.map((c) => ({ ...c, workdir: dirOf('py', c.id) })),
    user,
  ))
    python.set(r.id, r);
  for (const id of NET_IDS) {
    const c = cases.get(id)!;
    const [r] = runCPython([{ ...c, workdir: dirOf('py', id) }], user);
    python.set(id, r!);
    pyReceived.set(id, await drain(10));
  }
}, 120_000);
afterAll(() => {
  restore();
  rx.tcp.close();
  rx.unix.close();
  for (const s of [rx.udp, rx.syslog, rx.syslog2]) s.close();
  rmSync(root, { recursive: true, force: true });
});

async function ours(c: DiffCase): Promise<DiffResult> {
  return runOurs(
    { ...c, workdir: dirOf('js', c.id) },
    c.kind === 'ini'
      ? async (cc, names) => {
          await fileConfig({ text: cc.ini! }, { names: { ...ourNames, ...names } });
        }
      : undefined,
    ourNames,
  );
}

async function compare(id: string): Promise<DiffResult> {
  const c = cases.get(id)!;
  const mine = await ours(c);
  // Without the optional node-unix-socket, a socket path is reached over a stream at once,
  // which SysLogHandler announces once on stderr (CPython falls back silently).
  if (mine.stderr)
    mine.stderr = mine.stderr.replace(
      /^logweave: SysLogHandler: node-unix-socket is not installed.*\n/m,
      '',
    );
  const theirs = python.get(id)!;
  expect(mine.error === null, `ours: ${mine.error} / CPython: ${theirs.error}`).toBe(
    theirs.error === null,
  );
  expect(mine).toEqual({ ...theirs, error: mine.error });
  return mine;
}

const title = (id: string) => (hasCPython ? id : `${id} (skipped: ${NO_CPYTHON})`);

describe('handler-package classes through dictConfig() and fileConfig(), against CPython 3.11', () => {
  for (const id of [...DICT_IDS, ...INI_IDS]) {
    it.skipIf(!hasCPython)(title(id), async () => {
      const mine = await compare(id);
      if (id.includes('invalid when')) expect(mine.error).toMatch(/W7|when/i);
      if (id.includes('Rotating') && !id.includes('Timed')) {
        // The scripted calls really crossed rollovers: backups exist.
        expect(Object.keys(mine.files!).some((f) => /\.log\.1$/.test(f))).toBe(true);
      }
      if (NET_IDS.has(id)) {
        const got = await drain(10);
        const theirs = pyReceived.get(id)!;
        // 5 levels logged to `net` and to `net.child`, each handler at DEBUG.
        for (const k of ['tcp', 'udp', 'syslog', 'syslog2', 'unix'] as const) {
          expect(theirs[k].length, `CPython's ${k} records`).toBe(10);
          expect(got[k], k).toEqual(theirs[k]);
        }
        expect(got.syslog[0]).toMatch(/^<\d+>net DEBUG call \d+ at DEBUG from net\0$/);
      }
    });
  }
});
