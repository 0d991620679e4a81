import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { RecordHub } from './record-hub.js';
import type { ViewRecord } from './view-record.js';

const rec = (seq: number): ViewRecord => ({
  seq,
  created: 0,
  levelno: 20,
  levelname: 'INFO',
  name: 'x',
  threadName: 'MainThread',
  message: `m${seq}`,
  text: `m${seq}`,
});

/** Reads the SSE stream of `hub` until `until` holds for the received text. */
async function readEvents(hub: RecordHub, act: () => void, until: (text: string) => boolean) {
  const server = createServer((_req, res) => hub.attach(res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  const res = await fetch(`http://127.0.0.1:${port}/`);
  const reader = res.body!.getReader();
  let text = '';
  act();
  const deadline = Date.now() + 10_000;
  while (!until(text) && Date.now() < deadline) {
    const { value, done } = await reader.read();
    if (done) break;
    text += Buffer.from(value).toString('utf8');
  }
  await reader.cancel();
  server.closeAllConnections();
  server.close();
  return text;
}

describe('RecordHub', () => {
  it('sends records in batches, as JSON arrays of one `records` event per flush', async () => {
    const hub = new RecordHub({ flushMs: 20 });
    const text = await readEvents(
      hub,
      () => {
        for (let i = 1; i <= 3; i++) hub.publish(rec(i));
      },
      (t) => t.includes('m3'),
    );
    const events = text.split('\n\n').filter(Boolean);
    expect(events[0]).toBe('event: hello\ndata: {"published":0}');
    expect(events[1]).toBe(`event: records\ndata: ${JSON.stringify([rec(1), rec(2), rec(3)])}`);
    hub.close();
  });

  it('gives a page that connects later the recent history', async () => {
    const hub = new RecordHub({ history: 2 });
    for (let i = 1; i <= 5; i++) hub.publish(rec(i));
    hub.flush();
    const text = await readEvents(
      hub,
      () => {},
      (t) => t.includes('m5'),
    );
    expect(text).toContain(`event: records\ndata: ${JSON.stringify([rec(4), rec(5)])}`);
    hub.close();
  });

  it('drops and counts batches for a page that stops reading, and tells it the count', () => {
    const hub = new RecordHub({ maxClientBacklog: 10 });
    const writes: string[] = [];
    let backlog = 100;
    const res = {
      get writableLength() {
        return backlog;
      },
      writeHead() {},
      write(s: string) {
        writes.push(s);
        return true;
      },
      on() {},
      end() {},
    };
    hub.attach(res as never);
    hub.publish(rec(1));
    hub.publish(rec(2));
    hub.flush();
    expect(hub.droppedForSlowClients).toBe(2);
    backlog = 0;
    hub.publish(rec(3));
    hub.flush();
    expect(writes.slice(1)).toEqual([
      'event: gap\ndata: {"dropped":2}\n\n',
      `event: records\ndata: ${JSON.stringify([rec(3)])}\n\n`,
    ]);
  });
});
