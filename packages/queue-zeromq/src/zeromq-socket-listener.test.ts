import { type LogRecord, LoggingValueError } from '@logweave/core';
import * as zmq from 'zeromq';
import { afterEach, describe, expect, it } from 'vitest';
import { until } from './test-support/peers.js';
import { ZeroMQSocketListener } from './zeromq-socket-listener.js';

const opened: { close(): unknown }[] = [];
afterEach(async () => {
  for (const o of opened.splice(0)) await o.close();
});

async function pushAndListener(options: Record<string, unknown> = {}) {
  const push = new zmq.Push();
  opened.push({ close: () => push.close() });
  await push.bind('tcp://127.0.0.1:*');
  const records: LogRecord[] = [];
  const rejects: string[] = [];
  const listener = new ZeroMQSocketListener(
    push.lastEndpoint!,
    { handle: (r: LogRecord) => records.push(r) },
    {
      socketType: 'pull',
      onReject: (f: Buffer, e: Error) => rejects.push(`${f.length}: ${e.message}`),
      ...options,
    },
  );
  opened.push({ close: () => listener.stop() });
  listener.start();
  return { push, listener, records, rejects };
}

describe('ZeroMQSocketListener options', () => {
  it('rejects a bad endpoint or socket type, and topics on PULL', () => {
    expect(() => new ZeroMQSocketListener('nowhere')).toThrow(LoggingValueError);
    expect(
      () => new ZeroMQSocketListener('tcp://127.0.0.1:1', { socketType: 'pub' as never }),
    ).toThrow(/socketType must be 'sub' or 'pull'/);
    expect(
      () => new ZeroMQSocketListener('tcp://127.0.0.1:1', { socketType: 'pull', topics: ['a'] }),
    ).toThrow(/topics need socketType sub/);
  });
});

describe('ZeroMQSocketListener with bad frames', () => {
  it('skips and counts frames that are not a JSON object, and goes on', async () => {
    const { push, listener, records, rejects } = await pushAndListener();
    await push.send('not json');
    await push.send('[1, 2]');
    await push.send('null');
    await push.send(Buffer.from([0xff, 0xfe, 0x00]));
    await push.send('{"name": "ok", "msg": "fine", "levelno": 20, "levelname": "INFO", "x": NaN}');
    expect(await until(() => records.length === 1)).toBe(true);
    expect(listener.rejected).toBe(4);
    expect(listener.received).toBe(5);
    expect(rejects).toEqual([
      expect.stringMatching(/^8: /),
      '6: the frame is not a JSON object',
      '4: the frame is not a JSON object',
      expect.stringMatching(/^3: /),
    ]);
    expect(records[0]!.getMessage()).toBe('fine');
    expect((records[0] as unknown as { x: number }).x).toBeNaN();
  });

  it('drops a peer that sends a frame over maxMessageSize (never buffered) and serves the others', async () => {
    const records: LogRecord[] = [];
    const listener = new ZeroMQSocketListener(
      'tcp://127.0.0.1:*',
      { handle: (r: LogRecord) => records.push(r) },
      { socketType: 'pull', bind: true, maxMessageSize: 1024 },
    );
    opened.push({ close: () => listener.stop() });
    await listener.ready;
    listener.start();
    const hostile = new zmq.Push({ linger: 0 });
    const good = new zmq.Push({ linger: 0 });
    opened.push(hostile, good);
    hostile.connect(listener.socket.lastEndpoint!);
    await hostile.send(`{"msg": "${'x'.repeat(4096)}"}`);
    await hostile.send('{"msg": "after the oversized frame"}');
    good.connect(listener.socket.lastEndpoint!);
    await good.send('{"msg": "from the good peer"}');
    expect(await until(() => records.length >= 1)).toBe(true);
    await new Promise((r) => setTimeout(r, 100));
    expect(records.map((r) => r.getMessage())).toEqual(['from the good peer']);
    expect(listener.rejected).toBe(0);
  });
});

describe('ZeroMQSocketListener.stop()', () => {
  it('handles every frame that has arrived before it resolves', async () => {
    const { push, listener, records } = await pushAndListener();
    const N = 2000;
    for (let i = 0; i < N; i++) await push.send(`{"msg": "r${i}"}`);
    await until(() => records.length > 0);
    await new Promise((r) => setTimeout(r, 50)); // the rest reach the listener's socket
    await listener.stop();
    expect(records.length).toBe(N);
    expect(records.at(-1)!.getMessage()).toBe(`r${N - 1}`);
    expect(listener.socket.closed).toBe(true);
  });

  it('resolves at once when nothing is arriving, and when never started', async () => {
    const { listener } = await pushAndListener();
    await listener.stop();
    expect(listener.socket.closed).toBe(true);
    const idle = new ZeroMQSocketListener('tcp://127.0.0.1:1');
    await idle.stop();
    expect(idle.socket.closed).toBe(true);
  });
});
