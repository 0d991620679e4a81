import { EventEmitter } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { getLogger, INFO, resetLogging, WorkerQueueHandler } from '@logweave/core';
import { afterEach, describe, expect, it } from 'vitest';
import { bindContext, bindEmitter } from './bind.js';
import { ContextFilter } from './context-filter.js';
import { ContextVar } from './context-var.js';

afterEach(() => resetLogging());

const REQUESTS = 10_000;
const PER_REQUEST = ['start', 'parsed', 'audit', 'timer', 'pool', 'end'];

/** A promise pool: tasks run later, from the pool's own chain (where context is lost). */
class PromisePool {
  #running = 0;
  readonly #waiting: (() => void)[] = [];
  constructor(readonly size: number) {}
  run<T>(task: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const start = () => {
        this.#running++;
        task()
          .then(resolve, reject)
          .finally(() => {
            this.#running--;
            this.#waiting.shift()?.();
          });
      };
      if (this.#running < this.size) start();
      else this.#waiting.push(start);
    });
  }
}

/** The body-parsing stream: collects chunks, parses JSON, logs from its own callbacks. */
function jsonBody(onParsed: (body: { id: string }) => void): Transform {
  const chunks: Buffer[] = [];
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      chunks.push(chunk);
      cb();
    },
    flush(cb) {
      onParsed(JSON.parse(Buffer.concat(chunks).toString('utf8')) as { id: string });
      cb();
    },
  });
}

describe('no cross-talk under real I/O', () => {
  it(`${REQUESTS.toLocaleString('en')} concurrent HTTP requests: body stream, shared emitter, timers, promise pool, worker-thread QueueHandler`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ctx-load-'));
    const path = join(dir, 'load.log');
    const requestId = new ContextVar<string>('requestId', { default: '-' });
    const logger = getLogger('load');
    logger.setLevel(INFO);
    logger.propagate = false;
    logger.addFilter(new ContextFilter([requestId]));
    const handler = new WorkerQueueHandler({
      target: new URL('./test-support/load-target.ts', import.meta.url),
      options: { path },
      flushTimeout: 60_000,
    });
    logger.addHandler(handler);

    // Registered outside any request; emitted synchronously inside each one.
    const bus = new EventEmitter();
    bus.on('audit', (id: string) => logger.info('audit %s', id));
    const pool = new PromisePool(16);

    const server = createServer((req, res) => {
      const id = String(req.headers['x-request-id']);
      requestId.run(id, async () => {
        try {
          // Listeners added by pipeline() run from the socket's chain unless bound.
          bindEmitter(req);
          logger.info('start %s', id);
          let body = { id: '' };
          await pipeline(
            req,
            jsonBody((b) => {
              body = b;
              logger.info('parsed %s', b.id);
            }),
          );
          bus.emit('audit', body.id);
          await new Promise<void>((r) =>
            setTimeout(() => {
              logger.info('timer %s', id);
              r();
            }, Number(id) % 5),
          );
          await pool.run(
            bindContext(async () => {
              await new Promise((r) => setImmediate(r));
              logger.info('pool %s', id);
            }),
          );
          logger.info('end %s', id);
          res.end(id);
        } catch (e) {
          res.statusCode = 500;
          res.end(String(e));
        }
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    const agent = new Agent({ keepAlive: true, maxSockets: 128 });
    const send = (id: string) =>
      new Promise<string>((resolve, reject) => {
        const body = JSON.stringify({ id });
        const req = request(
          {
            host: '127.0.0.1',
            port,
            method: 'POST',
            agent,
            headers: { 'x-request-id': id, 'content-type': 'application/json' },
          },
          (res) => {
            let text = '';
            res.setEncoding('utf8');
            res.on('data', (c: string) => (text += c));
            res.on('end', () => resolve(text));
          },
        );
        req.on('error', reject);
        // Two writes: the body arrives in separate chunks at least sometimes.
        req.write(body.slice(0, 5));
        req.end(body.slice(5));
      });
    try {
      const ids = Array.from({ length: REQUESTS }, (_, i) => String(i));
      const replies = await Promise.all(ids.map(send));
      expect(replies).toEqual(ids);
    } finally {
      agent.destroy();
      await new Promise((r) => server.close(r));
      handler.close();
      logger.removeHandler(handler);
    }
    const lines = readFileSync(path, 'utf8').split('\n').filter(Boolean);
    const perRequest = new Map<string, string[]>();
    const foreign: string[] = [];
    for (const line of lines) {
      const [rid, msg] = line.split('|') as [string, string];
      const [what, id] = msg.split(' ') as [string, string];
      if (rid !== id) foreign.push(line);
      const list = perRequest.get(id) ?? [];
      list.push(what);
      perRequest.set(id, list);
    }
    expect(foreign.slice(0, 5)).toEqual([]);
    expect(lines.length).toBe(REQUESTS * PER_REQUEST.length);
    const wrong = [...perRequest].filter(([, w]) => w.join() !== PER_REQUEST.join());
    expect(wrong.slice(0, 5)).toEqual([]);
    expect(perRequest.size).toBe(REQUESTS);
    rmSync(dir, { recursive: true, force: true });
  }, 180_000);
});
