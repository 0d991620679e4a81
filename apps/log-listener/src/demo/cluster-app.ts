#!/usr/bin/env node
import cluster from 'node:cluster';
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import { getLogger, INFO } from '@logweave/core';
import { SocketHandler } from '@logweave/handlers-net';

/**
 * The demo web app of recipe 9: a `node:cluster` HTTP server whose workers each log every
 * request to the listener with a `SocketHandler` (JSON frames, acknowledged, so a listener
 * restart loses nothing). The primary prints `listening <url>` once the workers serve, and on
 * SIGTERM/SIGINT stops them; each worker closes its server and delivers what it has kept
 * before it exits.
 *
 *   logweave-listener-demo --port 8080 --workers 4 --listener-port 9020
 */
const { values } = parseArgs({
  options: {
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string', default: '8080' },
    workers: { type: 'string', default: '2' },
    'listener-host': { type: 'string', default: '127.0.0.1' },
    'listener-port': { type: 'string', default: '9020' },
  },
});

if (cluster.isPrimary) {
  const n = Number(values.workers);
  let announced = false;
  cluster.on('listening', (_w, address) => {
    if (announced) return;
    announced = true;
    process.stdout.write(`listening http://${values.host}:${address.port}\n`);
  });
  for (let i = 0; i < n; i++) cluster.fork();
  let stopping = false;
  const stop = (): void => {
    stopping = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.send('stop');
  };
  // The primary holds the shared listening socket: exit once the last worker is gone.
  cluster.on('exit', () => {
    if (stopping && Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
  });
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
} else {
  const id = cluster.worker?.id ?? 0;
  const handler = new SocketHandler(values['listener-host'], Number(values['listener-port']), {
    serializer: 'json',
    ack: true,
    bufferSize: 10_000,
  });
  const root = getLogger();
  root.setLevel(INFO);
  root.addHandler(handler);
  const log = getLogger(`webapp.worker${id}`);
  const server = createServer((req, res) => {
    res.end(`hello from worker ${id}\n`);
    log.info('%s %s %d', req.method, req.url, res.statusCode);
  });
  server.listen(Number(values.port), values.host, () => log.info('worker %d serving', id));
  // The primary also forwards SIGINT from a terminal to the whole group: stop on either.
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    server.close();
    server.closeAllConnections();
    log.info('worker %d stopping', id);
    handler.flushAsync(10_000).then(() => {
      handler.close();
      process.exit(0);
    });
  };
  process.on('message', (m) => {
    if (m === 'stop') stop();
  });
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
