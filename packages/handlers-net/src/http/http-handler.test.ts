import { spawn, spawnSync } from 'node:child_process';
import * as http from 'node:http';
import { makeLogRecord } from '@logweave/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NetDropReport } from '../drop-accounting.js';
import { HTTPHandler } from './http-handler.js';
import { pyUrlencode } from './py-form-encode.js';

const hasPython = spawnSync('python3', ['-c', 'import logging.handlers']).status === 0;
const vsPy = (t: string) => (hasPython ? t : `${t} (skipped: python3 is not on PATH)`);

/** The same record dict on both sides (CPython 3.11's attributes, in its order). */
const RECORD = {
  name: 'app.http',
  msg: 'user %s did %d things & more=yes',
  args: ['ann é/ü+', 3],
  levelname: 'WARNING',
  levelno: 30,
  pathname: '/srv/app/main.py',
  filename: 'main.py',
  module: 'main',
  exc_info: null,
  exc_text: null,
  stack_info: null,
  lineno: 42,
  funcName: 'handle',
  created: 1700000000.123456,
  msecs: 123,
  relativeCreated: 5.25,
  thread: 140000000000,
  threadName: 'MainThread',
  processName: 'MainProcess',
  process: 4242,
};

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}
let server: http.Server;
let port = 0;
const seen: Seen[] = [];
let mode: 'ok' | 'silent' | 'error' = 'ok';

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (d) => {
      body += d;
    });
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      if (mode === 'silent') return; // accept, then never answer
      res.statusCode = mode === 'error' ? 500 : 200;
      res.end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as { port: number }).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

/** Runs CPython's HTTPHandler with the same record against the test server. */
async function cpythonSends(method: string, url: string, credentials: boolean): Promise<Seen> {
  const before = seen.length;
  const code = `
import json, logging, logging.handlers, sys
d = json.loads(sys.argv[1])
d['args'] = tuple(d['args']); d['msecs'] = float(d['msecs'])
h = logging.handlers.HTTPHandler('127.0.0.1:${port}', ${JSON.stringify(url)}, method=${JSON.stringify(method)}, credentials=${credentials ? "('ann', 'pä:ss')" : 'None'})
h.emit(logging.makeLogRecord(d))
`;
  const child = spawn('python3', ['-c', code, JSON.stringify(RECORD)], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr.on('data', (d) => {
    err += d;
  });
  const status = await new Promise<number | null>((r) => child.on('exit', r));
  if (status !== 0 || seen.length !== before + 1) throw new Error(`python3 failed: ${err}`);
  return seen[before] as Seen;
}

async function oursSends(
  method: string,
  url: string,
  credentials: boolean,
  json = false,
): Promise<Seen> {
  const before = seen.length;
  const h = new HTTPHandler(
    `127.0.0.1:${port}`,
    url,
    method,
    false,
    credentials ? ['ann', 'pä:ss'] : null,
    null,
    { json },
  );
  h.emit(makeLogRecord(RECORD));
  await h.drain();
  h.close();
  expect(h.dropped).toBe(0);
  return seen[before] as Seen;
}

// CPython 3.11 has no taskName; logweave's records carry it (3.12's attribute), always last.
const withoutTaskName = (s: string) => s.replace(/&taskName=None$/, '');

describe('HTTPHandler against CPython 3.11', () => {
  it.skipIf(!hasPython)(
    vsPy('GET: the query string is byte for byte what CPython sends (plus taskName)'),
    async () => {
      const py = await cpythonSends('GET', '/log?src=py', false);
      const ours = await oursSends('GET', '/log?src=py', false);
      expect(ours.method).toBe('GET');
      expect(ours.url).toMatch(/&taskName=None$/);
      expect(withoutTaskName(ours.url)).toBe(py.url);
      expect(new URL(ours.url, 'http://x').searchParams.get('args')).toBe("('ann é/ü+', 3)");
    },
  );

  it.skipIf(!hasPython)(
    vsPy("POST: the form body, Content-type, Content-length and Basic credentials are CPython's"),
    async () => {
      const py = await cpythonSends('POST', '/log', true);
      const ours = await oursSends('POST', '/log', true);
      expect(withoutTaskName(ours.body)).toBe(py.body);
      expect(ours.headers['content-type']).toBe(py.headers['content-type']);
      expect(Number(ours.headers['content-length'])).toBe(Buffer.byteLength(ours.body));
      expect(ours.headers.authorization).toBe(py.headers.authorization);
      const fields = Object.fromEntries(new URLSearchParams(ours.body));
      expect(fields).toMatchObject({
        msg: RECORD.msg,
        levelno: '30',
        created: '1700000000.123456',
        msecs: '123.0',
        exc_info: 'None',
      });
    },
  );
});

describe('HTTPHandler', () => {
  it('json: true POSTs mapLogRecord() as JSON', async () => {
    const ours = await oursSends('POST', '/json', false, true);
    expect(ours.headers['content-type']).toBe('application/json');
    expect(JSON.parse(ours.body)).toMatchObject({ ...RECORD, taskName: null });
  });

  it('mapLogRecord() is an override point: a subclass chooses the fields', () => {
    class Small extends HTTPHandler {
      override mapLogRecord(r: ReturnType<typeof makeLogRecord>) {
        return { level: r.levelname, text: r.getMessage() };
      }
    }
    const h = new Small('h', '/');
    expect(h.encode(makeLogRecord(RECORD))).toBe(
      pyUrlencode({ level: 'WARNING', text: 'user ann é/ü+ did 3 things & more=yes' }),
    );
    expect(h.encode(makeLogRecord(RECORD))).toBe(
      'level=WARNING&text=user+ann+%C3%A9%2F%C3%BC%2B+did+3+things+%26+more%3Dyes',
    );
    h.close();
  });

  it("bad arguments throw as CPython's ValueError", () => {
    expect(() => new HTTPHandler('h', '/', 'PUT')).toThrow('method must be GET or POST');
    expect(() => new HTTPHandler('h', '/', 'GET', false, null, {})).toThrow(
      'context parameter only makes sense with secure=True',
    );
  });

  it('a server that accepts and never answers: emit() returns at once, the timeout counts the record as dropped', async () => {
    mode = 'silent';
    const reports: NetDropReport[] = [];
    const h = new HTTPHandler(`127.0.0.1:${port}`, '/slow', 'POST', false, null, null, {
      timeout: 0.3,
      onDrop: (r) => reports.push(r),
    });
    for (let i = 0; i < 5; i++) h.emit(makeLogRecord({ ...RECORD, msg: `slow ${i}` }));
    // emit() returned before any request settled: nothing waited for the network.
    expect(h.dropped).toBe(0);
    await h.drain();
    mode = 'ok';
    expect(h.dropped).toBe(5);
    expect(reports.length).toBe(1);
    h.close();
  });

  it('non-2xx answers and refused connections are counted, never thrown', async () => {
    mode = 'error';
    const h = new HTTPHandler(`127.0.0.1:${port}`, '/err', 'GET', false, null, null, {
      onDrop: () => {},
    });
    h.emit(makeLogRecord(RECORD));
    await h.drain();
    mode = 'ok';
    expect(h.dropped).toBe(1);
    h.close();
    const refused = new HTTPHandler('127.0.0.1:1', '/', 'GET', false, null, null, {
      onDrop: () => {},
    });
    refused.emit(makeLogRecord(RECORD));
    await refused.drain();
    expect(refused.dropped).toBe(1);
    refused.close();
  });
});
