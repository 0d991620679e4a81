import { type ChildProcess, spawn } from 'node:child_process';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getHandlerByName, getLogger, resetLogging, snapshotLogging } from '@logweave/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listen, sendConfig, stopListening } from './config-server.js';
import { configState } from './state.js';
import { hasCPython, NO_CPYTHON, PYTHON } from './test-support/differential.js';

const KEY = Buffer.from('a shared secret');
const sign = (b: Buffer): Buffer =>
  Buffer.concat([createHmac('sha256', KEY).update(b).digest(), b]);
const verify = (b: Buffer): Buffer | null => {
  const sig = b.subarray(0, 32);
  const body = b.subarray(32);
  const want = createHmac('sha256', KEY).update(body).digest();
  return sig.length === 32 && timingSafeEqual(sig, want) ? body : null;
};
const PY_VERIFY = `
import hmac, hashlib
KEY = b'a shared secret'
def verify(b):
    sig, body = b[:32], b[32:]
    return body if hmac.compare_digest(sig, hmac.new(KEY, body, hashlib.sha256).digest()) else None
`;

let restore: () => void;
let dir: string;
const children: ChildProcess[] = [];
beforeEach(() => {
  restore = snapshotLogging();
  resetLogging();
  configState().handlers.clear();
  dir = mkdtempSync(join(tmpdir(), 'logweave-listen-'));
});
afterEach(async () => {
  await stopListening();
  for (const c of children.splice(0)) c.kill('SIGKILL');
  restore();
  rmSync(dir, { recursive: true, force: true });
});

const jsonConfig = (file: string) => ({
  version: 1,
  formatters: { f: { format: '%(levelname)s %(name)s %(message)s' } },
  handlers: { file: { class: 'logging.FileHandler', filename: file, formatter: 'f' } },
  root: { level: 'INFO', handlers: ['file'] },
});
const iniConfig = (file: string) => `[loggers]
keys=root
[handlers]
keys=file
[formatters]
keys=f
[logger_root]
level=INFO
handlers=file
[handler_file]
class=FileHandler
formatter=f
args=(${JSON.stringify(file)}, 'a')
[formatter_f]
format=%(levelname)s %(name)s %(message)s
`;

function applied(l: { count: number }, n: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const t0 = Date.now();
    const poll = () => {
      if (l.count >= n) resolve();
      else if (Date.now() - t0 > 10_000) reject(new Error('configuration not applied within 10 s'));
      else setTimeout(poll, 10);
    };
    poll();
  });
}

function runPython(code: string): {
  child: ChildProcess;
  lines: AsyncIterableIterator<string>;
  done: Promise<string>;
} {
  const child = spawn(PYTHON, ['-u', '-c', code], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  let err = '';
  const waiting: ((line: string) => void)[] = [];
  const queued: string[] = [];
  child.stdout!.on('data', (d: Buffer) => {
    out += d;
    const parts = out.split('\n');
    out = parts.pop()!;
    for (const p of parts) {
      const w = waiting.shift();
      if (w) w(p);
      else queued.push(p);
    }
  });
  child.stderr!.on('data', (d: Buffer) => (err += d));
  const done = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`python timed out: ${err}`)), 15_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(err);
      else reject(new Error(`python exited ${code}: ${err}`));
    });
  });
  const lines = (async function* () {
    for (;;) yield queued.shift() ?? (await new Promise<string>((r) => waiting.push(r)));
  })();
  return { child, lines, done };
}

describe('listen() and sendConfig()', () => {
  it('applies JSON and INI frames, reads a header split across packets, and rejects unverified bytes', async () => {
    const file = join(dir, 'out.log');
    const state = { count: 0, errors: [] as string[] };
    const l = listen(0, {
      verify,
      onApplied: () => state.count++,
      onError: (e) => state.errors.push(e.message),
    });
    await l.ready;
    await sendConfig(jsonConfig(file), { port: l.port, sign });
    await applied(state, 1);
    getLogger('a').info('after json');
    // A frame written one byte at a time: CPython's listener would misread the header.
    const body = sign(Buffer.from(iniConfig(file)));
    const frame = Buffer.concat([Buffer.alloc(4), body]);
    frame.writeUInt32BE(body.length, 0);
    const s = connect(l.port, '127.0.0.1');
    await new Promise((r) => s.once('connect', r));
    for (const b of frame.subarray(0, 6)) {
      s.write(Buffer.from([b]));
      await new Promise((r) => setTimeout(r, 5));
    }
    s.end(frame.subarray(6));
    await applied(state, 2);
    getLogger('b').warning('after ini');
    await sendConfig(jsonConfig(join(dir, 'unsigned.log')), { port: l.port });
    await new Promise((r) => setTimeout(r, 100));
    expect(state.errors).toEqual(['the configuration was rejected by verify']);
    expect(getHandlerByName('file')!.constructor.name).toBe('FileHandler');
    getHandlerByName('file')!.flush();
    expect(readFileSync(file, 'utf8')).toBe('INFO a after json\nWARNING b after ini\n');
  });

  it('closes a connection whose length header exceeds maxBytes without reading it', async () => {
    const errors: string[] = [];
    const l = listen(0, { maxBytes: 100, onError: (e) => errors.push(e.message) });
    await l.ready;
    await sendConfig('x'.repeat(101), { port: l.port }).catch(() => {});
    await new Promise((r) => setTimeout(r, 50));
    expect(errors[0]).toMatch(/101 bytes exceeds maxBytes \(100\)/);
  });

  describe.each([
    ['JSON', false],
    ['INI', false],
    ['JSON', true],
    ['INI', true],
  ])('interop with CPython 3.11 (%s, HMAC verify: %s)', (kind, signed) => {
    it.skipIf(!hasCPython)(
      hasCPython ? 'our sendConfig() → CPython logging.config.listen()' : `skipped: ${NO_CPYTHON}`,
      async () => {
        const file = join(dir, 'py.log');
        const code = `${PY_VERIFY}
import logging, logging.config, time, sys
t = logging.config.listen(0, verify=${signed ? 'verify' : 'None'})
t.start(); t.ready.wait(5)
print(t.port, flush=True)
deadline = time.time() + 10
while not logging.root.handlers and time.time() < deadline:
    time.sleep(0.01)
logging.getLogger('from.python').warning('configured by node')
logging.config.stopListening(); t.join(5)
logging.shutdown()
`;
        const py = runPython(code);
        const port = Number((await py.lines.next()).value);
        const cfg = kind === 'JSON' ? jsonConfig(file) : iniConfig(file);
        await sendConfig(cfg, { port, sign: signed ? sign : undefined });
        await py.done;
        expect(readFileSync(file, 'utf8')).toBe('WARNING from.python configured by node\n');
      },
    );

    it.skipIf(!hasCPython)(
      hasCPython ? 'CPython client → our listen()' : `skipped: ${NO_CPYTHON}`,
      async () => {
        const file = join(dir, 'node.log');
        const state = { count: 0 };
        const l = listen(0, { verify: signed ? verify : null, onApplied: () => state.count++ });
        await l.ready;
        const cfg = kind === 'JSON' ? JSON.stringify(jsonConfig(file)) : iniConfig(file);
        const code = `${PY_VERIFY}
import socket, struct
data = ${JSON.stringify(cfg)}.encode('utf-8')
${signed ? 'data = hmac.new(KEY, data, hashlib.sha256).digest() + data' : ''}
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.connect(('127.0.0.1', ${l.port}))
s.send(struct.pack('>L', len(data)))
s.send(data)
s.close()
`;
        await runPython(code).done;
        await applied(state, 1);
        getLogger('from.node').warning('configured by python');
        getHandlerByName('file')!.flush();
        expect(readFileSync(file, 'utf8')).toBe('WARNING from.node configured by python\n');
      },
    );
  });
});
