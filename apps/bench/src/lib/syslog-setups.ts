/**
 * The setups of the `syslog-udp` and `syslog-tcp` scenarios:
 * `info('hello world')` as RFC 3164 syslog messages to a receiver process on loopback, which
 * writes one line per message received; the runner counts them.
 * - `logweave`: `SysLogHandler` (UDP, or TCP with LF framing), ident `bench: `;
 * - `pino`: `pino-syslog` (RFC 3164) piped into `pino-socket`, in pino's transport worker;
 * - `winston`: `winston-syslog` (RFC 3164; `eol: '\n'` on TCP).
 * The timed region ends when the receiver has every message.
 */
import { createRequire } from 'node:module';
import type { Setup } from './harness.js';
import { infoSession } from './logweave.js';
import { startReceiver } from './net-receiver.js';

const require = createRequire(import.meta.url);

/** One setup per library, for TCP (`tcp`) or UDP. */
export const syslogSetups = (tcp: boolean): Record<string, Setup> => ({
  async logweave(file, name) {
    const { SysLogHandler } = await import('@logweave/handlers-net');
    const rx = await startReceiver(tcp ? 'tcp' : 'udp', file);
    const handler = new SysLogHandler({
      address: ['127.0.0.1', rx.port],
      socktype: tcp ? 'tcp' : 'udp',
      framing: 'lf',
      facility: 'local0',
      maxBuffer: 64 * 1024 * 1024,
    });
    handler.ident = 'bench: ';
    return infoSession(name, handler, async (calls) => {
      await handler.drain();
      handler.close();
      await rx.finish(calls);
    });
  },
  async pino(file, name) {
    const pino = require('pino') as typeof import('pino');
    const rx = await startReceiver(tcp ? 'tcp' : 'udp', file);
    const transport = pino.transport({
      pipeline: [
        {
          target: 'pino-syslog',
          options: {
            enablePipelining: true,
            modern: false,
            appname: 'bench',
            facility: 16,
            newline: true,
          },
        },
        {
          target: 'pino-socket',
          options: { address: '127.0.0.1', port: rx.port, mode: tcp ? 'tcp' : 'udp' },
        },
      ],
    });
    const logger = pino.default({ name }, transport);
    let n = 0;
    return {
      run(k) {
        n += k;
        for (let i = 0; i < k; i++) logger.info('hello world');
      },
      async close() {
        await new Promise<void>((r) => {
          transport.once('close', () => r());
          transport.end();
        });
        await rx.finish(n);
      },
    };
  },
  async winston(file, name) {
    const winston = require('winston') as typeof import('winston');
    require('winston-syslog');
    const rx = await startReceiver(tcp ? 'tcp' : 'udp', file);
    type SyslogTransport = import('winston').transport & { close(): void };
    const Syslog = (
      winston.transports as unknown as Record<string, new (o: object) => SyslogTransport>
    ).Syslog as new (
      o: object,
    ) => SyslogTransport;
    const transport = new Syslog({
      host: '127.0.0.1',
      port: rx.port,
      protocol: tcp ? 'tcp4' : 'udp4',
      type: 'RFC3164',
      app_name: name,
      facility: 'local0',
      eol: '\n',
    });
    const logger = winston.createLogger({
      levels: winston.config.syslog.levels,
      transports: [transport],
    });
    let n = 0;
    return {
      run(k) {
        n += k;
        for (let i = 0; i < k; i++) logger.info('hello world');
      },
      async close() {
        await rx.finish(n);
        transport.close();
        // winston-syslog's TCP socket outlives close(): end the process once the result is out.
        if (tcp && name !== 'warm') setTimeout(() => process.exit(0), 500);
      },
    };
  },
});
