import { fork } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LogListener, loadListenerConfig, type TcpSource } from '@logweave/log-listener';
import type { Recipe } from '../../recipe.js';

const workerScript = fileURLToPath(
  new URL(`./worker-process.${import.meta.url.endsWith('.ts') ? 'ts' : 'js'}`, import.meta.url),
);

const WORKERS = 3;
const REQUESTS = 100;

/** The listener's configuration file (apps/log-listener's format): TCP in, one rotating file out. */
function listenerYaml(outDir: string): string {
  return `sources:
  tcp: { host: 127.0.0.1, port: 0 }
http: { host: 127.0.0.1, port: 0 }
logging:
  version: 1
  disable_existing_loggers: false
  formatters:
    detailed:
      format: '%(asctime)s %(name)-12s %(levelname)-8s %(process)d %(message)s'
  handlers:
    file:
      class: logging.handlers.RotatingFileHandler
      filename: ${JSON.stringify(join(outDir, 'app.log'))}
      maxBytes: 10000
      backupCount: 10
      formatter: detailed
  root:
    level: DEBUG
    handlers: [file]
`;
}

function runWorker(port: number, name: string): Promise<number | null> {
  const child = fork(workerScript, [String(port), name, String(REQUESTS)]);
  return new Promise((resolve) => child.on('close', resolve));
}

/** A client that sends an HTTP request to the logging port: refused, and nothing else breaks. */
function badClient(port: number): Promise<void> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1', () => s.write('GET / HTTP/1.1\r\n\r\n'));
    s.on('error', () => {});
    s.on('close', () => resolve());
    s.resume();
  });
}

/**
 * Recipe 9: the socket listener as a long-running service (apps/log-listener). The demo
 * starts it from its YAML file, lets worker processes log to it over TCP with SocketHandler
 * (and one confused client send it an HTTP request), scrapes its metrics endpoint, stops it
 * gracefully and prints what it wrote.
 */
export const socketListener: Recipe = {
  number: 9,
  id: 'socket-listener',
  title: 'Running a logging socket listener in production',
  packages: ['apps/log-listener', 'handlers-net', 'handlers-file', 'config'],
  async run({ outDir }) {
    const configFile = join(outDir, 'listener.yaml');
    writeFileSync(configFile, listenerYaml(outDir));
    const listener = new LogListener(loadListenerConfig(configFile), {
      onError: (source, e) =>
        process.stdout.write(`listener refused (${source}): ${(e as Error).message}\n`),
    });
    const addresses = await listener.start();
    const port = listener.source<TcpSource>('tcp')?.port as number;
    process.stdout.write(
      `listener started: sources ${Object.keys(addresses.sources).join(', ')}, /healthz and /metrics\n`,
    );
    const health = await fetch(`${addresses.http}/healthz`);
    process.stdout.write(`GET /healthz: ${health.status} ${(await health.text()).trim()}\n`);

    const names = Array.from({ length: WORKERS }, (_, k) => `worker${k + 1}`);
    const [codes] = await Promise.all([
      Promise.all(names.map((n) => runWorker(port, n))),
      badClient(port),
    ]);
    process.stdout.write(`${WORKERS} workers exited with ${codes.join(', ')}\n`);
    const expected = WORKERS * (REQUESTS + 1);
    for (let i = 0; i < 400 && listener.metrics.received < expected; i++) {
      await new Promise((r) => setTimeout(r, 25));
    }
    const metrics = await (await fetch(`${addresses.http}/metrics`)).text();
    process.stdout.write('GET /metrics (records and refusals):\n');
    for (const line of metrics.split('\n')) {
      if (/^logweave_listener_(records_received_total|source_\w+_total)/.test(line))
        process.stdout.write(`  ${line}\n`);
    }

    await listener.stop();
    const s = listener.metrics.summary();
    process.stdout.write(
      `stopped: ${s.received} records received, ${s.refused} frame(s) refused, ${s.handlerErrors} handler errors\n`,
    );
    const files = readdirSync(outDir)
      .filter((n) => n.startsWith('app.log'))
      .sort();
    let lines = 0;
    for (const f of files) lines += readFileSync(join(outDir, f), 'utf8').split('\n').length - 1;
    process.stdout.write(`${lines} lines in app.log and ${files.length - 1} rotated backups\n`);
  },
};
