import { randomBytes } from 'node:crypto';
import { connect, createServer, type Server, type Socket as NetSocket } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Pull0, Push0, ProtocolError, type Socket } from './index.js';
import { encodeSpHeader } from './sp-header.js';
import { tempDir, until } from './test-support/nngcat.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const WATCHED = new Set([
  'TCPSocketWrap',
  'TCPServerWrap',
  'PipeWrap',
  'PipeServerWrap',
  'Timeout',
]);

/** Whether no watched handle kind is more numerous than in `baseline`. */
function noneAbove(baseline: Record<string, number>): boolean {
  const now = resources();
  return Object.keys(now).every((k) => now[k]! <= (baseline[k] ?? 0));
}

/** Counts of the handle kinds a socket could leak. */
function resources(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of process.getActiveResourcesInfo())
    if (WATCHED.has(r)) counts[r] = (counts[r] ?? 0) + 1;
  return counts;
}

function frame(body: Buffer, ipc = false): Buffer {
  const len = Buffer.alloc(8);
  len.writeUInt32BE(body.length, 4);
  return Buffer.concat([ipc ? Buffer.from([1]) : Buffer.alloc(0), len, body]);
}

/** Opens a raw connection to `url` and waits for it to connect. */
function raw(url: string): Promise<NetSocket> {
  const ipc = url.startsWith('ipc://');
  const c = ipc
    ? connect({ path: url.slice(6) })
    : connect({ host: '127.0.0.1', port: Number(url.split(':').pop()) });
  c.on('error', () => {});
  return new Promise((resolve) => c.once('connect', () => resolve(c)));
}

interface Case {
  name: string;
  send: (c: NetSocket, ipc: boolean) => void;
  error: RegExp;
  /** Messages sent validly before the hostile bytes, which must still be received. */
  before?: number;
}

const cases: Case[] = [
  { name: 'random bytes', send: (c) => c.write(randomBytes(64)), error: /bad magic|not an SP/ },
  {
    name: 'an HTTP request',
    send: (c) => c.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n'),
    error: /not an SP connection/,
  },
  {
    name: 'non-zero reserved bytes',
    send: (c) => c.write(Buffer.from([0, 0x53, 0x50, 0, 0, 0x50, 0, 7])),
    error: /reserved/,
  },
  {
    name: 'the wrong protocol (pub0 to a pull0)',
    send: (c) => c.write(encodeSpHeader('pub0')),
    error: /peer speaks pub0, but pull0 only talks to push0/,
  },
  {
    name: 'a half header, then hanging up',
    send: (c) => c.end(Buffer.from([0, 0x53, 0x50, 0])),
    error: /before sending its SP header/,
  },
  {
    name: 'a 2^63 length, after two good messages',
    before: 2,
    send: (c, ipc) => {
      const huge = Buffer.alloc(ipc ? 9 : 8);
      if (ipc) huge[0] = 1;
      huge.writeBigUInt64BE(2n ** 63n, ipc ? 1 : 0);
      c.write(
        Buffer.concat([
          encodeSpHeader('push0'),
          frame(Buffer.from('one'), ipc),
          frame(Buffer.from('two'), ipc),
          huge,
        ]),
      );
    },
    error: /9223372036854775808 bytes, more than recvMaxSize \(1048576\)/,
  },
  {
    name: 'a length just over recvMaxSize',
    send: (c, ipc) => {
      const h = Buffer.alloc(ipc ? 9 : 8);
      if (ipc) h[0] = 1;
      h.writeUInt32BE(1048577, ipc ? 5 : 4);
      c.write(Buffer.concat([encodeSpHeader('push0'), h]));
    },
    error: /1048577 bytes, more than recvMaxSize/,
  },
  {
    name: 'a peer that vanishes mid-message, after one good message',
    before: 1,
    send: (c, ipc) => {
      const body = Buffer.alloc(100, 0x61);
      const cut = frame(body, ipc).subarray(0, (ipc ? 9 : 8) + 40);
      c.write(Buffer.concat([encodeSpHeader('push0'), frame(Buffer.from('one'), ipc), cut]), () =>
        c.destroy(),
      );
    },
    error: /in the middle of a message \(40 bytes received\)/,
  },
];

describe.each(['tcp', 'ipc'] as const)(
  'Pull0 listening on %s against hostile peers',
  (transport) => {
    let n = 0;
    for (const c of cases) {
      it(`drops ${c.name} with a clear ProtocolError, keeps what it accepted, still serves good peers, and leaks nothing`, async () => {
        const baseline = resources();
        const pull = new Pull0({ recvTimeout: 5000 });
        const errors: Error[] = [];
        pull.on('pipe-error', (e) => errors.push(e));
        const l = await pull.listen(
          transport === 'tcp' ? 'tcp://127.0.0.1:0' : `ipc://${join(tmp.dir, `h${n++}.ipc`)}`,
        );
        const bad = await raw(l.url);
        c.send(bad, transport === 'ipc');
        expect(await until(() => errors.length > 0)).toBe(true);
        expect(errors[0]).toBeInstanceOf(ProtocolError);
        expect(errors[0]!.message).toMatch(c.error);
        expect(pull.lastError).toBe(errors[0]);
        for (let i = 0; i < (c.before ?? 0); i++)
          expect((await pull.recv()).toString()).toBe(['one', 'two'][i]);
        bad.destroy();
        // A well-behaved peer is still served.
        const push = new Push0({ dial: l.url });
        await push.send('after');
        expect((await pull.recv()).toString()).toBe('after');
        await push.close();
        await pull.close();
        expect(await until(() => noneAbove(baseline), 100, 20), JSON.stringify(resources())).toBe(
          true,
        );
      });
    }

    it('drops a peer that sends half a header and then nothing, after handshakeTimeout', async () => {
      const baseline = resources();
      const pull = new Pull0({ handshakeTimeout: 200 });
      const errors: Error[] = [];
      pull.on('pipe-error', (e) => errors.push(e));
      const l = await pull.listen(
        transport === 'tcp' ? 'tcp://127.0.0.1:0' : `ipc://${join(tmp.dir, `h${n++}.ipc`)}`,
      );
      const bad = await raw(l.url);
      bad.write(Buffer.from([0, 0x53]));
      expect(await until(() => errors.length > 0)).toBe(true);
      expect(errors[0]!.message).toBe('no SP header from the peer within 200 ms');
      bad.destroy();
      await pull.close();
      expect(await until(() => noneAbove(baseline), 100, 20), JSON.stringify(resources())).toBe(
        true,
      );
    });
  },
);

describe('a dialing socket against a hostile server', () => {
  it('reports each bad answer, redials with backoff, and close() leaves no socket or timer behind', async () => {
    const baseline = resources();
    let accepted = 0;
    const server: Server = createServer((c) => {
      accepted++;
      c.on('error', () => {});
      c.resume();
      c.end(randomBytes(32));
    });
    await new Promise<void>((r) => server.listen({ host: '127.0.0.1', port: 0 }, r));
    const port = (server.address() as { port: number }).port;
    const push: Socket = new Push0({ reconnectTimeMin: 20, reconnectTimeMax: 80 });
    const errors: Error[] = [];
    push.on('pipe-error', (e) => errors.push(e));
    await push.dial(`tcp://127.0.0.1:${port}`);
    expect(await until(() => accepted >= 3 && errors.length >= 3)).toBe(true);
    expect(errors.every((e) => e instanceof ProtocolError)).toBe(true);
    expect(push.pipes).toEqual([]);
    await push.close();
    await new Promise<void>((r) => server.close(() => r()));
    expect(await until(() => noneAbove(baseline), 100, 20), JSON.stringify(resources())).toBe(true);
  });
});
