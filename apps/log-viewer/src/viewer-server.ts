import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getLogger, type Logger } from '@logweave/core';
import { BackgroundWork } from './background-work.js';
import { LEVELS, pick } from './levels.js';
import { RecordHub, type RecordHubOptions } from './record-hub.js';
import { ViewerHandler } from './viewer-handler.js';

/** Options of {@link startViewer}. */
export interface ViewerOptions extends RecordHubOptions {
  /** Port to listen on; 0 picks a free one. @default 8080 */
  port?: number;
  /** Address to listen on (loopback only by default). @default '127.0.0.1' */
  host?: string;
  /** The logger whose records the page shows (its handler is added here). @default the root */
  logger?: Logger;
  /** Serve `POST /api/flood?rate=N&seconds=S`, a load generator for tests and demos. @default false */
  allowFlood?: boolean;
}

/** A running viewer. */
export interface Viewer {
  readonly url: string;
  readonly hub: RecordHub;
  readonly handler: ViewerHandler;
  readonly work: BackgroundWork;
  /** Records the flood generator has logged so far. */
  readonly flooded: number;
  /** Stops background work, ends every page's stream and closes the server. */
  close(): Promise<void>;
}

const PUBLIC = new URL('../public/', import.meta.url);
const STATIC: Record<string, string> = {
  '/': 'index.html',
  '/app.js': 'app.js',
  '/app.css': 'app.css',
};
const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
};

/**
 * Starts the viewer: a small HTTP server with the page, its event stream (`GET /events`) and
 * the buttons' endpoints (`POST /api/work`, `POST /api/log`), and a {@link ViewerHandler} on
 * `options.logger` that feeds the page.
 */
export async function startViewer(options: ViewerOptions = {}): Promise<Viewer> {
  const hub = new RecordHub(options);
  const handler = new ViewerHandler(hub);
  const target = options.logger ?? getLogger();
  target.addHandler(handler);
  const work = new BackgroundWork();
  const mainLogger = getLogger('viewer.main');
  let flooded = 0;
  const floods = new Set<NodeJS.Timeout>();

  // Logs `rate` records a second for `seconds`, in 10 ms ticks, from the main flow.
  const flood = (rate: number, seconds: number): void => {
    const floodLogger = getLogger('viewer.flood');
    const total = Math.round(rate * seconds);
    const started = performance.now();
    let sent = 0;
    const timer = setInterval(() => {
      const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * rate));
      while (sent < due) {
        floodLogger.info('flood record %d of %d', ++sent, total);
        flooded++;
      }
      if (sent >= total) {
        clearInterval(timer);
        floods.delete(timer);
      }
    }, 10);
    floods.add(timer);
  };

  const server: Server = createServer((req, res) => {
    route(req, res).catch((e) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(e));
    });
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://viewer');
    const file = STATIC[url.pathname];
    if (req.method === 'GET' && file !== undefined) {
      const body = await readFile(new URL(file, PUBLIC));
      res.writeHead(200, {
        'content-type': TYPES[file.split('.').pop()!]!,
        'cache-control': 'no-store',
      });
      res.end(body);
    } else if (req.method === 'GET' && url.pathname === '/events') {
      hub.attach(res);
    } else if (req.method === 'GET' && url.pathname === '/api/stats') {
      json(res, 200, {
        published: hub.published,
        clients: hub.clients,
        droppedForSlowClients: hub.droppedForSlowClients,
        workers: work.running,
        flooded,
      });
    } else if (req.method === 'POST' && url.pathname === '/api/work') {
      const thread = await work.start(Number(url.searchParams.get('count') ?? 20));
      mainLogger.info('Started background work in %s', thread);
      json(res, 202, { thread });
    } else if (req.method === 'POST' && url.pathname === '/api/log') {
      const level = pick(LEVELS);
      mainLogger.log(level, 'Manually logged!');
      json(res, 202, { level });
    } else if (req.method === 'POST' && url.pathname === '/api/flood' && options.allowFlood) {
      const rate = Number(url.searchParams.get('rate') ?? 5000);
      const seconds = Number(url.searchParams.get('seconds') ?? 10);
      if (!(rate > 0 && rate <= 100_000 && seconds > 0 && seconds <= 60)) {
        json(res, 400, { error: 'rate must be in (0, 100000] and seconds in (0, 60]' });
        return;
      }
      flood(rate, seconds);
      json(res, 202, { total: Math.round(rate * seconds) });
    } else {
      json(res, 404, { error: `no route for ${req.method} ${url.pathname}` });
    }
  }

  server.listen(options.port ?? 8080, options.host ?? '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;

  return {
    url: `http://${host}:${port}/`,
    hub,
    handler,
    work,
    get flooded() {
      return flooded;
    },
    async close() {
      for (const t of floods) clearInterval(t);
      await work.stop();
      target.removeHandler(handler);
      hub.close();
      handler.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
