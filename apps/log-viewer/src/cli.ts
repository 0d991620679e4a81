#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { basicConfig, DEBUG, getLogger } from '@logweave/core';
import { startViewer } from './viewer-server.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8080' },
    host: { type: 'string', default: '127.0.0.1' },
    flood: { type: 'boolean', default: false },
  },
});
basicConfig({ level: DEBUG, format: '%(asctime)s %(threadName)-12s %(levelname)-8s %(message)s' });
const viewer = await startViewer({
  port: Number(values.port),
  host: values.host,
  allowFlood: values.flood,
});
getLogger('viewer.main').info('log viewer on %s (Ctrl-C to stop)', viewer.url);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    viewer.close().then(() => process.exit(0));
  });
}
