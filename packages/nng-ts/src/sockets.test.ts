import { connect, type Socket as NetSocket } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  AddressInUse,
  AddressInvalid,
  BadState,
  Bus0,
  Closed,
  ConnectionRefused,
  NotSupported,
  Pair1,
  Pub0,
  Pull0,
  Push0,
  Rep0,
  Req0,
  type Socket,
  Sub0,
  Surveyor0,
  Respondent0,
  Timeout,
  ProtocolError,
} from './index.js';
import { encodeSpHeader } from './sp-header.js';
import { freePort, tempDir, until } from './test-support/nngcat.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
const open: Socket[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});
function track<S extends Socket>(s: S): S {
  open.push(s);
  return s;
}

/** A raw peer announcing `proto`, collecting the frames it receives (TCP framing). */
async function rawPeer(url: string, proto: Parameters<typeof encodeSpHeader>[0]) {
  const c: NetSocket = connect({ host: '127.0.0.1', port: Number(url.split(':').pop()) });
  c.on('error', () => {});
  let buf = Buffer.alloc(0);
  c.on('data', (d: Buffer) => (buf = Buffer.concat([buf, d])));
  await new Promise((r) => c.once('connect', r));
  c.write(encodeSpHeader(proto));
  const frames = (): Buffer[] => {
    const out: Buffer[] = [];
    for (let off = 8; off + 8 <= buf.length; ) {
      const len = Number(buf.readBigUInt64BE(off));
      if (off + 8 + len > buf.length) break;
      out.push(buf.subarray(off + 8, off + 8 + len));
      off += 8 + len;
    }
    return out;
  };
  return { c, frames, header: () => buf.subarray(0, 8) };
}

function frame(body: Buffer): Buffer {
  const len = Buffer.alloc(8);
  len.writeUInt32BE(body.length, 4);
  return Buffer.concat([len, body]);
}

describe('addresses', () => {
  it('listens on tcp://127.0.0.1:0, tcp://[::1]:0 and tcp://*:0 and reports the bound port', async () => {
    const pull = track(new Pull0({ recvTimeout: 5000 }));
    const v4 = await pull.listen('tcp://127.0.0.1:0');
    const v6 = await pull.listen('tcp://[::1]:0');
    const any = await pull.listen('tcp://*:0');
    expect(v6.url).toBe(`tcp://[::1]:${v6.port}`);
    expect(any.url).toBe(`tcp://*:${any.port}`);
    for (const url of [v4.url, v6.url, `tcp://127.0.0.1:${any.port}`]) {
      const push = track(new Push0({ dial: url }));
      await push.send(url);
      expect((await pull.recv()).toString()).toBe(url);
    }
  });

  it('rejects bad URLs with AddressInvalid, naming the URL', async () => {
    const s = track(new Pull0());
    for (const url of [
      'localhost:80',
      'udp://127.0.0.1:1',
      'tcp://127.0.0.1',
      'tcp://h:99999',
      'ipc://',
    ]) {
      await expect(s.listen(url)).rejects.toThrow(AddressInvalid);
    }
    await expect(s.dial('inproc://x')).rejects.toThrow(/unsupported transport "inproc"/);
  });

  it('reports AddressInUse for a taken TCP port and a live IPC path, and replaces a stale IPC file', async () => {
    const a = track(new Pull0());
    const l = await a.listen('tcp://127.0.0.1:0');
    await expect(track(new Pull0()).listen(l.url)).rejects.toThrow(AddressInUse);
    const path = join(tmp.dir, 'inuse.ipc');
    await a.listen(`ipc://${path}`);
    await expect(track(new Pull0()).listen(`ipc://${path}`)).rejects.toThrow(AddressInUse);
  });

  it('dial({ block: true }) rejects with ConnectionRefused when nobody listens', async () => {
    const port = await freePort();
    const push = track(new Push0());
    await expect(push.dial(`tcp://127.0.0.1:${port}`, { block: true })).rejects.toThrow(
      ConnectionRefused,
    );
    expect(push.dialers).toEqual([]);
  });
});

describe('redial', () => {
  it('a dialer started before its peer keeps trying and connects once the peer listens', async () => {
    const port = await freePort();
    const url = `tcp://127.0.0.1:${port}`;
    const push = track(new Push0({ reconnectTimeMin: 20, reconnectTimeMax: 100 }));
    const d = await push.dial(url);
    expect(await until(() => d.failures >= 2)).toBe(true);
    const pull = track(new Pull0({ listen: url, recvTimeout: 5000 }));
    await pull.ready;
    await push.send('late');
    expect((await pull.recv()).toString()).toBe('late');
  });

  it('backs off from reconnectTimeMin doubling to reconnectTimeMax', async () => {
    const port = await freePort();
    const fast = track(new Push0({ reconnectTimeMin: 10 }));
    const slow = track(new Push0({ reconnectTimeMin: 10, reconnectTimeMax: 400 }));
    const df = await fast.dial(`tcp://127.0.0.1:${port}`);
    const ds = await slow.dial(`tcp://127.0.0.1:${port}`);
    await new Promise((r) => setTimeout(r, 800));
    // 10, 20, 40, 80, 160, 320 ms: at most 7 attempts in 800 ms, against dozens at a fixed 10 ms.
    expect(ds.failures).toBeLessThanOrEqual(7);
    expect(df.failures).toBeGreaterThan(ds.failures);
  });
});

describe('errors', () => {
  it('recv() rejects with Timeout after recvTimeout, and waiting calls reject with Closed on close()', async () => {
    const pull = track(new Pull0({ recv_timeout: 50 }));
    await expect(pull.recv()).rejects.toThrow(Timeout);
    pull.recvTimeout = undefined;
    const waiting = pull.recv();
    await pull.close();
    await expect(waiting).rejects.toThrow(Closed);
    await expect(pull.recv()).rejects.toThrow(Closed);
    await expect(pull.listen('tcp://127.0.0.1:0')).rejects.toThrow(Closed);
  });

  it('send() on PUSH with no peer waits, then rejects with Timeout after sendTimeout', async () => {
    const push = track(new Push0({ sendTimeout: 50 }));
    await expect(push.send('x')).rejects.toThrow(Timeout);
  });

  it('rejects with NotSupported and BadState where the protocol forbids the call', async () => {
    await expect(track(new Pub0()).recv()).rejects.toThrow(NotSupported);
    await expect(track(new Sub0()).send('x')).rejects.toThrow(NotSupported);
    await expect(track(new Push0()).recv()).rejects.toThrow(NotSupported);
    await expect(track(new Pull0()).send('x')).rejects.toThrow(NotSupported);
    await expect(track(new Req0()).recv()).rejects.toThrow(BadState);
    await expect(track(new Rep0()).send('x')).rejects.toThrow(BadState);
    await expect(track(new Surveyor0()).recv()).rejects.toThrow(BadState);
    await expect(track(new Respondent0()).send('x')).rejects.toThrow(BadState);
  });

  it('a message longer than recvMaxSize drops the connection with a ProtocolError before allocating', async () => {
    const pull = track(new Pull0({ recvMaxSize: 100, recvTimeout: 5000 }));
    const errors: Error[] = [];
    pull.on('pipe-error', (e) => errors.push(e));
    const l = await pull.listen('tcp://127.0.0.1:0');
    const push = track(new Push0({ dial: l.url }));
    await push.send(Buffer.alloc(100));
    expect((await pull.recv()).length).toBe(100);
    await push.send(Buffer.alloc(101));
    expect(await until(() => errors.length > 0)).toBe(true);
    expect(errors[0]!.message).toBe(
      'peer announced a message of 101 bytes, more than recvMaxSize (100)',
    );
  });
});

describe('REQ/REP', () => {
  it('REQ puts a 32-bit request id with the high bit set before the body, and takes only the matching reply', async () => {
    const req = track(new Req0({ recvTimeout: 5000 }));
    const l = await req.listen('tcp://127.0.0.1:0');
    const peer = await rawPeer(l.url, 'rep0');
    await req.send('ping');
    expect(await until(() => peer.frames().length === 1)).toBe(true);
    const sent = peer.frames()[0]!;
    expect(sent.length).toBe(8);
    expect(sent[0]! & 0x80).toBe(0x80);
    expect(sent.subarray(4).toString()).toBe('ping');
    const wrong = Buffer.from(sent.subarray(0, 4));
    wrong[3] = wrong[3]! ^ 1;
    peer.c.write(frame(Buffer.concat([wrong, Buffer.from('stale')])));
    peer.c.write(frame(Buffer.concat([sent.subarray(0, 4), Buffer.from('pong')])));
    expect((await req.recv()).toString()).toBe('pong');
    peer.c.destroy();
  });

  it('REQ resends after resendTime, and on another peer when its peer goes away', async () => {
    const req = track(new Req0({ resendTime: 100, recvTimeout: 5000 }));
    const l = await req.listen('tcp://127.0.0.1:0');
    const silent = await rawPeer(l.url, 'rep0');
    await req.send('again');
    expect(await until(() => silent.frames().length >= 2)).toBe(true);
    expect(silent.frames()[1]).toEqual(silent.frames()[0]);
    const rep = track(new Rep0({ dial: l.url, recvTimeout: 5000 }));
    expect(await until(() => req.pipes.length === 2)).toBe(true);
    silent.c.destroy();
    expect((await rep.recv()).toString()).toBe('again');
    await rep.send('answered');
    expect((await req.recv()).toString()).toBe('answered');
  });

  it('REP answers each of several requesters along its own route', async () => {
    const rep = track(new Rep0({ recvTimeout: 5000 }));
    const l = await rep.listen('tcp://127.0.0.1:0');
    const reqs = [0, 1, 2].map(() => track(new Req0({ dial: l.url, recvTimeout: 5000 })));
    await Promise.all(reqs.map((r, i) => r.send(`q${i}`)));
    for (let i = 0; i < 3; i++) {
      const q = (await rep.recv()).toString();
      await rep.send(`a${q.slice(1)}`);
    }
    expect(await Promise.all(reqs.map(async (r) => (await r.recv()).toString()))).toEqual([
      'a0',
      'a1',
      'a2',
    ]);
  });
});

describe('PUB/SUB', () => {
  it('PUB counts the messages a slow subscriber misses instead of dropping them silently', async () => {
    const pub = track(new Pub0({ sendHighWaterMark: 64 * 1024 }));
    const l = await pub.listen('tcp://127.0.0.1:0');
    const stalled = await rawPeer(l.url, 'sub0');
    stalled.c.pause();
    expect(await until(() => pub.pipes.length === 1)).toBe(true);
    const body = Buffer.alloc(16 * 1024);
    for (let i = 0; i < 2000; i++) {
      await pub.send(body);
      if (i % 50 === 0) await new Promise((r) => setImmediate(r));
    }
    expect(pub.stats.dropped).toBeGreaterThan(0);
    expect(pub.pipes[0]!.dropped).toBe(pub.stats.dropped);
    stalled.c.destroy();
  });

  it('SUB without subscriptions receives nothing; topics filter by prefix', async () => {
    const pub = track(new Pub0());
    const l = await pub.listen('tcp://127.0.0.1:0');
    const all = track(new Sub0({ dial: l.url, topics: '', recvTimeout: 5000 }));
    const some = track(new Sub0({ dial: l.url, topics: ['app.', 'db.'], recvTimeout: 5000 }));
    const none = track(new Sub0({ dial: l.url, recvTimeout: 200 }));
    expect(await until(() => pub.pipes.length === 3)).toBe(true);
    for (const m of ['x.1', 'app.2', 'ap', 'db.3']) await pub.send(m);
    const got = async (s: Sub0, n: number) => {
      const out: string[] = [];
      for (let i = 0; i < n; i++) out.push((await s.recv()).toString());
      return out;
    };
    expect(await got(all, 4)).toEqual(['x.1', 'app.2', 'ap', 'db.3']);
    expect(await got(some, 2)).toEqual(['app.2', 'db.3']);
    await expect(none.recv()).rejects.toThrow(Timeout);
  });

  it('SUB drops the oldest message when recv() falls behind by recvBufferSize, and counts it', async () => {
    const pub = track(new Pub0());
    const l = await pub.listen('tcp://127.0.0.1:0');
    const sub = track(new Sub0({ dial: l.url, topics: '', recvBufferSize: 3 }));
    expect(await until(() => pub.pipes.length === 1)).toBe(true);
    for (let i = 0; i < 5; i++) await pub.send(`m${i}`);
    expect(await until(() => sub.stats.dropped === 2)).toBe(true);
    const got: string[] = [];
    for (let i = 0; i < 3; i++) got.push((await sub.recv()).toString());
    expect(got).toEqual(['m2', 'm3', 'm4']);
  });
});

describe('PAIR, BUS, SURVEY', () => {
  it('PAIR1 refuses a second peer while the first is connected', async () => {
    const a = track(new Pair1({ recvTimeout: 5000 }));
    const l = await a.listen('tcp://127.0.0.1:0');
    const b = track(new Pair1({ dial: l.url }));
    const c = track(new Pair1({ dial: l.url }));
    expect(await until(() => b.pipes.length === 1)).toBe(true);
    await new Promise((r) => setTimeout(r, 200));
    expect(a.pipes.length).toBe(1);
    expect(c.pipes.length).toBe(0);
    await b.send('first');
    expect((await a.recv()).toString()).toBe('first');
  });

  it('PAIR1 drops a peer sending a hop count above 255', async () => {
    const a = track(new Pair1());
    const errors: Error[] = [];
    a.on('pipe-error', (e) => errors.push(e));
    const l = await a.listen('tcp://127.0.0.1:0');
    const peer = await rawPeer(l.url, 'pair1');
    peer.c.write(frame(Buffer.from([0, 0, 1, 0, 0x41])));
    expect(await until(() => errors.length === 1)).toBe(true);
    expect(errors[0]).toBeInstanceOf(ProtocolError);
    expect(errors[0]!.message).toBe('pair1 hop count 256 is above 255');
  });

  it('BUS delivers each message to every directly connected peer, not back to the sender', async () => {
    const hub = track(new Bus0({ recvTimeout: 5000 }));
    const l = await hub.listen('tcp://127.0.0.1:0');
    const x = track(new Bus0({ dial: l.url, recvTimeout: 5000 }));
    const y = track(new Bus0({ dial: l.url, recvTimeout: 300 }));
    expect(await until(() => hub.pipes.length === 2)).toBe(true);
    await hub.send('from hub');
    expect((await x.recv()).toString()).toBe('from hub');
    expect((await y.recv()).toString()).toBe('from hub');
    await x.send('from x');
    expect((await hub.recv()).toString()).toBe('from x');
    await expect(y.recv()).rejects.toThrow(Timeout);
  });

  it('SURVEYOR collects every answer, then recv() rejects with Timeout when the survey ends', async () => {
    const s = track(new Surveyor0({ surveyTime: 300 }));
    const l = await s.listen('tcp://127.0.0.1:0');
    const rs = [0, 1].map(() => track(new Respondent0({ dial: l.url, recvTimeout: 5000 })));
    expect(await until(() => s.pipes.length === 2)).toBe(true);
    await s.send('who?');
    for (const [i, r] of rs.entries()) {
      expect((await r.recv()).toString()).toBe('who?');
      await r.send(`r${i}`);
    }
    const answers = [(await s.recv()).toString(), (await s.recv()).toString()].sort();
    expect(answers).toEqual(['r0', 'r1']);
    await expect(s.recv()).rejects.toThrow(Timeout);
  });
});

describe('flow control', () => {
  it('PUSH past sendHighWaterMark waits for room and resumes, in order, whether or not the stream pushed back', async () => {
    const pull = track(new Pull0({ recvTimeout: 10_000, recvBufferSize: 64 }));
    const l = await pull.listen('tcp://127.0.0.1:0');
    const push = track(new Push0({ dial: l.url, sendHighWaterMark: 2000, sendTimeout: 10_000 }));
    const n = 5000;
    const sending = (async () => {
      for (let i = 0; i < n; i++) await push.send(`${String(i).padStart(6, '0')}${'x'.repeat(94)}`);
    })();
    for (let i = 0; i < n; i++) {
      expect((await pull.recv()).subarray(0, 6).toString()).toBe(String(i).padStart(6, '0'));
    }
    await sending;
  });
});

describe('async iteration', () => {
  it('for await yields messages in order and ends when the socket closes', async () => {
    const pull = track(new Pull0());
    const l = await pull.listen('tcp://127.0.0.1:0');
    const push = track(new Push0({ dial: l.url }));
    for (let i = 0; i < 5; i++) await push.send(`n${i}`);
    const got: string[] = [];
    for await (const m of pull) {
      got.push(m.toString());
      if (got.length === 5) void pull.close();
    }
    expect(got).toEqual(['n0', 'n1', 'n2', 'n3', 'n4']);
  });
});
