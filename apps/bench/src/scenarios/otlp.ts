/**
 * `otlp`: `info('hello world')` exported as OpenTelemetry logs over OTLP/HTTP to a receiver
 * process that decodes every request (official protobuf definitions, or JSON) and writes one
 * line per LogRecord; the timed region ends when the receiver has them all.
 * - `logweave`: `OTLPHandler` (protobuf, batches of 512);
 * - `logweave-json`: `OTLPHandler` with `protocol: 'http/json'`;
 * - `winston-otel`: winston with `@opentelemetry/winston-transport` into the official SDK
 *   (`LoggerProvider` + `BatchLogRecordProcessor` + `exporter-logs-otlp-http`, JSON, batches of 512).
 */
import { createRequire } from 'node:module';
import { runScenario, type Setup } from '../lib/harness.js';
import { infoSession } from '../lib/logweave.js';
import { startReceiver } from '../lib/net-receiver.js';

const require = createRequire(import.meta.url);

function logweave(protocol: 'http/protobuf' | 'http/json'): Setup {
  return async (file, name) => {
    const { OTLPHandler } = await import('@logweave/handlers-net');
    const rx = await startReceiver('otlp', file);
    const handler = new OTLPHandler({
      url: `http://127.0.0.1:${rx.port}/v1/logs`,
      protocol,
      resource: { 'service.name': 'bench' },
      maxQueueRecords: 1_000_000,
    });
    return infoSession(name, handler, async (calls) => {
      await handler.drain();
      handler.close();
      await rx.finish(calls);
    });
  };
}

const setups: Record<string, Setup> = {
  logweave: logweave('http/protobuf'),
  'logweave-json': logweave('http/json'),
  async 'winston-otel'(file, name) {
    const winston = require('winston') as typeof import('winston');
    const { logs } = await import('@opentelemetry/api');
    const { LoggerProvider, BatchLogRecordProcessor } = await import('@opentelemetry/sdk-logs');
    const { OTLPLogExporter } = await import('@opentelemetry/exporter-logs-otlp-http');
    const { resourceFromAttributes } = await import('@opentelemetry/resources');
    const { OpenTelemetryTransportV3 } = await import('@opentelemetry/winston-transport');
    const rx = await startReceiver('otlp', file);
    const provider = new LoggerProvider({
      resource: resourceFromAttributes({ 'service.name': 'bench' }),
      processors: [
        new BatchLogRecordProcessor({
          exporter: new OTLPLogExporter({ url: `http://127.0.0.1:${rx.port}/v1/logs` }),
          maxQueueSize: 1_000_000,
          maxExportBatchSize: 512,
        } as never),
      ],
    });
    logs.setGlobalLoggerProvider(provider);
    const logger = winston.createLogger({
      defaultMeta: { logger: name },
      transports: [new OpenTelemetryTransportV3()],
    });
    let n = 0;
    return {
      run(k) {
        n += k;
        for (let i = 0; i < k; i++) logger.info('hello world');
      },
      async close() {
        await provider.forceFlush();
        await rx.finish(n);
        await provider.shutdown();
        logs.disable();
      },
    };
  },
};

await runScenario(setups);
