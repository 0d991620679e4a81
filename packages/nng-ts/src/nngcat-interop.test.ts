import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  Pair0,
  Pair1,
  Pub0,
  Pull0,
  Push0,
  Rep0,
  Req0,
  Respondent0,
  type Socket,
  Sub0,
  Surveyor0,
} from './index.js';
import {
  dataFile,
  freePort,
  hasNngcat,
  hexLine,
  type Nngcat,
  nngcat as spawnNngcat,
  nngcatSkipNote,
  stop,
  tempDir,
  until,
} from './test-support/nngcat.js';

// Every message crosses with bytes that text handling would mangle: NUL, 0xff, a newline.
const PAYLOAD = Buffer.from([0x6e, 0x6e, 0x67, 0x00, 0xff, 0x0a, 0x22, 0x74, 0x73]);
const REPLY = Buffer.from([0x72, 0x65, 0x00, 0x70, 0x80, 0x01]);

const tmp = tempDir();
afterAll(() => tmp.cleanup());
/** The sockets and nngcat processes of one test, closed and killed when it finishes. */
function scope(onTestFinished: (fn: () => Promise<void>) => void) {
  const sockets: Socket[] = [];
  const procs: Nngcat[] = [];
  onTestFinished(async () => {
    await Promise.all(sockets.map((s) => s.close()));
    await Promise.all(procs.map(stop));
  });
  return {
    track<S extends Socket>(s: S): S {
      sockets.push(s);
      return s;
    },
    nngcat(args: string[]): Nngcat {
      const p = spawnNngcat(args);
      procs.push(p);
      return p;
    },
  };
}

let seq = 0;
/** An address for one side to listen on and the other to dial. */
async function address(transport: 'tcp' | 'ipc'): Promise<string> {
  if (transport === 'ipc') return `ipc://${join(tmp.dir, `s${seq++}.ipc`)}`;
  return `tcp://127.0.0.1:${await freePort()}`;
}

/** Listens (port 0 for TCP, reading the bound port back) or dials, and returns the nngcat side's address flag. */
async function connect(
  sock: Socket,
  transport: 'tcp' | 'ipc',
  weListen: boolean,
): Promise<string[]> {
  if (weListen) {
    const url = transport === 'tcp' ? 'tcp://127.0.0.1:0' : await address('ipc');
    const l = await sock.listen(url);
    if (transport === 'tcp') expect(l.port).toBeGreaterThan(0);
    return ['--dial', l.url];
  }
  const url = await address(transport);
  await sock.dial(url, { block: false });
  return ['--listen', url];
}

const cases = [
  ['tcp', true],
  ['tcp', false],
  ['ipc', true],
  ['ipc', false],
] as const;

describe.skipIf(!hasNngcat)(`interop with libnng 1.5.2's nngcat${nngcatSkipNote}`, () => {
  describe.concurrent.each(cases)('over %s (nng-ts listens: %s)', (transport, weListen) => {
    it('Pub0 → nngcat --sub0: the subscriber prints exactly our bytes', async ({
      onTestFinished,
    }) => {
      const { track, nngcat } = scope(onTestFinished);
      const pub = track(new Pub0());
      const where = await connect(pub, transport, weListen);
      const sub = nngcat(['--sub0', ...where, '--subscribe', '', '--hex', '--count', '2']);
      // PUB drops what it sends before the subscriber is connected; publish until it has two.
      await until(() => {
        if (pub.pipes.length > 0) void pub.send(PAYLOAD);
        return sub.proc.exitCode !== null;
      });
      expect(await sub.exited).toBe(0);
      expect(sub.stdout()).toBe(`${hexLine(PAYLOAD)}\n${hexLine(PAYLOAD)}\n`);
    });

    it('nngcat --pub0 → Sub0: prefix filtering is local; matching messages arrive intact', async ({
      onTestFinished,
    }) => {
      const { track, nngcat } = scope(onTestFinished);
      const sub = track(new Sub0({ recvTimeout: 8000 }));
      sub.subscribe(PAYLOAD.subarray(0, 3));
      const where = await connect(sub, transport, weListen);
      const file = dataFile(tmp.dir, `pub${seq++}`, PAYLOAD);
      nngcat(['--pub0', ...where, '--file', file, '--interval', '1']);
      expect(await sub.recv()).toEqual(PAYLOAD);
      sub.unsubscribe(PAYLOAD.subarray(0, 3));
      sub.subscribe('zzz');
      sub.recvTimeout = 1500;
      await expect(sub.recv()).rejects.toThrow(/timed out/);
    });

    it('Push0 → nngcat --pull0: three messages arrive in order', async ({ onTestFinished }) => {
      const { track, nngcat } = scope(onTestFinished);
      const push = track(new Push0({ sendTimeout: 8000 }));
      const where = await connect(push, transport, weListen);
      const pull = nngcat(['--pull0', ...where, '--hex', '--count', '3']);
      for (let i = 0; i < 3; i++) await push.send(Buffer.concat([PAYLOAD, Buffer.from([i])]));
      expect(await pull.exited).toBe(0);
      expect(pull.stdout().split('\n').filter(Boolean)).toEqual(
        [0, 1, 2].map((i) => hexLine(Buffer.concat([PAYLOAD, Buffer.from([i])]))),
      );
    });

    it('nngcat --push0 → Pull0: the messages arrive intact', async ({ onTestFinished }) => {
      const { track, nngcat } = scope(onTestFinished);
      const pull = track(new Pull0({ recvTimeout: 8000 }));
      const where = await connect(pull, transport, weListen);
      const file = dataFile(tmp.dir, `push${seq++}`, PAYLOAD);
      const push = nngcat(['--push0', ...where, '--file', file, '--count', '2', '--interval', '1']);
      expect(await pull.recv()).toEqual(PAYLOAD);
      expect(await pull.recv()).toEqual(PAYLOAD);
      expect(await push.exited).toBe(0);
    });

    for (const [name, Pair, flag] of [
      ['Pair0', Pair0, '--pair0'],
      ['Pair1', Pair1, '--pair1'],
    ] as const) {
      it(`${name} ↔ nngcat ${flag}: messages cross both ways`, async ({ onTestFinished }) => {
        const { track, nngcat } = scope(onTestFinished);
        const pair = track(new Pair({ recvTimeout: 8000, sendTimeout: 8000 }));
        const where = await connect(pair, transport, weListen);
        const file = dataFile(tmp.dir, `pair${seq++}`, PAYLOAD);
        const peer = nngcat([
          flag,
          ...where,
          '--file',
          file,
          '--hex',
          '--count',
          '1',
          // nngcat waits this long (s) for our answer; generous for a loaded machine.
          '--interval',
          '3',
        ]);
        expect(await pair.recv()).toEqual(PAYLOAD);
        await pair.send(REPLY);
        expect(await peer.exited).toBe(0);
        expect(peer.stdout()).toBe(`${hexLine(REPLY)}\n`);
      });
    }

    it('Req0 → nngcat --rep0: the request and its reply cross intact', async ({
      onTestFinished,
    }) => {
      const { track, nngcat } = scope(onTestFinished);
      const req = track(new Req0({ recvTimeout: 8000, sendTimeout: 8000 }));
      const where = await connect(req, transport, weListen);
      const file = dataFile(tmp.dir, `rep${seq++}`, REPLY);
      const rep = nngcat(['--rep0', ...where, '--file', file, '--hex', '--count', '1']);
      await req.send(PAYLOAD);
      expect(await req.recv()).toEqual(REPLY);
      expect(await rep.exited).toBe(0);
      expect(rep.stdout()).toBe(`${hexLine(PAYLOAD)}\n`);
    });

    it('nngcat --req0 → Rep0: the reply goes back along the request route', async ({
      onTestFinished,
    }) => {
      const { track, nngcat } = scope(onTestFinished);
      const rep = track(new Rep0({ recvTimeout: 8000 }));
      const where = await connect(rep, transport, weListen);
      const file = dataFile(tmp.dir, `req${seq++}`, PAYLOAD);
      // nngcat waits for the reply until the interval (3 s) ends.
      const req = nngcat([
        '--req0',
        ...where,
        '--file',
        file,
        '--hex',
        '--count',
        '1',
        '--interval',
        '3',
      ]);
      expect(await rep.recv()).toEqual(PAYLOAD);
      await rep.send(REPLY);
      expect(await req.exited).toBe(0);
      expect(req.stdout()).toBe(`${hexLine(REPLY)}\n`);
    });

    it('Surveyor0 → nngcat --respondent0: the answer arrives within the survey', async ({
      onTestFinished,
    }) => {
      const { track, nngcat } = scope(onTestFinished);
      const surveyor = track(new Surveyor0({ surveyTime: 3000 }));
      const where = await connect(surveyor, transport, weListen);
      const file = dataFile(tmp.dir, `resp${seq++}`, REPLY);
      const resp = nngcat(['--respondent0', ...where, '--file', file, '--hex', '--count', '1']);
      expect(await until(() => surveyor.pipes.length > 0)).toBe(true);
      await surveyor.send(PAYLOAD);
      expect(await surveyor.recv()).toEqual(REPLY);
      expect(await resp.exited).toBe(0);
      expect(resp.stdout()).toBe(`${hexLine(PAYLOAD)}\n`);
    });

    it('nngcat --surveyor0 → Respondent0: our answer reaches the surveyor', async ({
      onTestFinished,
    }) => {
      const { track, nngcat } = scope(onTestFinished);
      const respondent = track(new Respondent0({ recvTimeout: 8000 }));
      const where = await connect(respondent, transport, weListen);
      const file = dataFile(tmp.dir, `surv${seq++}`, PAYLOAD);
      const surveyor = nngcat(['--surveyor0', ...where, '--file', file, '--hex', '--delay', '1']);
      expect(await respondent.recv()).toEqual(PAYLOAD);
      await respondent.send(REPLY);
      expect(await surveyor.exited).toBe(0);
      expect(surveyor.stdout()).toBe(`${hexLine(REPLY)}\n`);
    });
  });

  it('Push0 listening on tcp://[::1]:0 → nngcat --pull0 dialing over IPv6', async ({
    onTestFinished,
  }) => {
    const { track, nngcat } = scope(onTestFinished);
    const push = track(new Push0({ sendTimeout: 8000 }));
    const l = await push.listen('tcp://[::1]:0');
    expect(l.url).toMatch(/^tcp:\/\/\[::1\]:\d+$/);
    const pull = nngcat(['--pull0', '--dial', l.url, '--hex', '--count', '1']);
    await push.send(PAYLOAD);
    expect(await pull.exited).toBe(0);
    expect(pull.stdout()).toBe(`${hexLine(PAYLOAD)}\n`);
  });
});
