import { type LogRecord, Logger, resetLogging } from '@logweave/core';
import { afterEach, describe, expect, it } from 'vitest';
import { ZeroMQSocketHandler } from './zeromq-socket-handler.js';
import { ZeroMQSocketListener } from './zeromq-socket-listener.js';

describe('ZeroMQSocketHandler.close() in waitForSubscriber mode', () => {
  afterEach(() => resetLogging());

  it('keeps records logged before the first subscriber until it subscribes, even when closed at once', async () => {
    for (let round = 0; round < 5; round++) {
      const got: string[] = [];
      const handler = new ZeroMQSocketHandler('tcp://127.0.0.1:*', {
        waitForSubscriber: 5000,
        closeTimeout: 5000,
      });
      await handler.ready;
      const log = new Logger(`close-wait-${round}`);
      log.propagate = false;
      log.addHandler(handler);
      log.warning('record %d', round);
      // Closed before any subscriber exists: a PUB socket would discard the record, so it
      // must stay queued until the listener below subscribes.
      const closed = handler.aclose();
      await new Promise((r) => setTimeout(r, 100));
      const listener = new ZeroMQSocketListener(handler.socket.lastEndpoint!, {
        handle: (r: LogRecord) => got.push(r.getMessage()),
      });
      listener.start();
      await closed;
      expect(await handler.subscribed).toBe(true);
      for (let i = 0; i < 300 && got.length < 1; i++) await new Promise((r) => setTimeout(r, 10));
      await listener.stop();
      expect(got).toEqual([`record ${round}`]);
      expect(handler.dropped).toBe(0);
    }
  }, 60_000);
});
