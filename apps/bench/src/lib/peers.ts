/**
 * Each peer's idiomatic fastest file setup and its flush-and-close, shared by the scenario files
 * (which choose the layout and the logging call). Every `close` resolves only once the library
 * reports its bytes handed to the OS; the harness then fsyncs the file for every library alike.
 *
 * Libraries are imported lazily, so a child process loads only the library it measures.
 */
import { createWriteStream } from 'node:fs';
import { createRequire } from 'node:module';
import type { Transform } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Logger, TextFormatter } from '@logtape/logtape';
import type bunyan from 'bunyan';
import type log4js from 'log4js';
import type { Layout } from 'log4js';
import type pino from 'pino';
import type { LoggerOptions } from 'pino';
import type winston from 'winston';
import { once } from './harness.js';

// pino, bunyan, winston and log4js are CommonJS: `require` keeps their types exact.
const require = createRequire(import.meta.url);

/** A peer logger plus the function that flushes and closes its file. */
export interface Opened<L> {
  /** The configured logger. */
  logger: L;
  /** Flushes to the OS and closes the file. */
  close(): Promise<void>;
}

/**
 * pino with `pino.destination({ dest, sync: false, minLength: 4096 })` (sonic-boom's buffered
 * asynchronous writer); closed with `end()`, which drains the buffer, fsyncs and closes.
 */
export async function pinoFile(file: string, options: LoggerOptions): Promise<Opened<pino.Logger>> {
  const pino = require('pino') as typeof import('pino');
  const dest = pino.destination({ dest: file, sync: false, minLength: 4096 });
  await once(dest, 'ready');
  const logger = pino(options, dest);
  return {
    logger,
    close: () => {
      const closed = once(dest, 'close');
      dest.end();
      return closed;
    },
  };
}

/** bunyan writing to an `fs.createWriteStream`; closed with `end()` and its `'close'` event. */
export async function bunyanFile(
  file: string,
  name: string,
  level: bunyan.LogLevel = 'info',
): Promise<Opened<bunyan>> {
  const bunyan = require('bunyan') as typeof import('bunyan');
  const stream = createWriteStream(file);
  const logger = bunyan.createLogger({ name, streams: [{ level, stream }] });
  return {
    logger,
    close: () => {
      const closed = once(stream, 'close');
      stream.end();
      return closed;
    },
  };
}

/**
 * winston with its `File` transport; closed with `logger.end()` once the logger's pipe has
 * drained, resolving when the transport's file stream has finished.
 */
export async function winstonFile(
  file: string,
  format: (f: typeof winston.format) => winston.Logform.Format,
  defaultMeta: Record<string, unknown>,
  level = 'info',
): Promise<Opened<winston.Logger>> {
  const winston = require('winston') as typeof import('winston');
  const transport = new winston.transports.File({ filename: file });
  const logger = winston.createLogger({
    level,
    format: format(winston.format),
    defaultMeta,
    transports: [transport],
  });
  return {
    logger,
    close: async () => {
      // logger.end() ends the transports as soon as the logger's writable side finishes, even
      // while records still wait in its readable buffer (backpressure): "write after end".
      // So wait until the pipe has drained into the transport first.
      const stream = logger as unknown as Transform;
      while (stream.readableLength > 0 || stream.writableLength > 0) await nextTurn();
      const finished = once(transport, 'finish');
      logger.end();
      await finished;
    },
  };
}

/** log4js with its `file` appender and the given layout; closed with `log4js.shutdown()`. */
export async function log4jsFile(
  file: string,
  name: string,
  layout: (l4js: typeof log4js) => Layout,
  level = 'info',
): Promise<Opened<log4js.Logger>> {
  const log4js = require('log4js') as typeof import('log4js');
  log4js.configure({
    appenders: { file: { type: 'file', filename: file, layout: layout(log4js) } },
    categories: { default: { appenders: ['file'], level } },
  });
  const logger = log4js.getLogger(name);
  return {
    logger,
    close: () =>
      new Promise<void>((resolve, reject) => {
        log4js.shutdown((err?: Error) => (err ? reject(err) : resolve()));
      }),
  };
}

/**
 * LogTape with `@logtape/file`'s `getFileSink(path, { nonBlocking: true })` (buffered, flushed
 * in the background); closed with `dispose()`, which flushes and closes every sink.
 */
export async function logtapeFile(
  file: string,
  name: string,
  formatter: (logtape: typeof import('@logtape/logtape')) => TextFormatter,
  lowestLevel: 'info' | 'debug' = 'info',
): Promise<Opened<Logger>> {
  const logtape = await import('@logtape/logtape');
  const { configure, dispose, getLogger } = logtape;
  const { getFileSink } = await import('@logtape/file');
  await configure({
    reset: true,
    sinks: { file: getFileSink(file, { nonBlocking: true, formatter: formatter(logtape) }) },
    loggers: [
      { category: [name], lowestLevel, sinks: ['file'] },
      { category: ['logtape', 'meta'], lowestLevel: 'warning', sinks: [] },
    ],
  });
  return { logger: getLogger([name]), close: dispose };
}

/** One preformatted line, batched into 64 KiB chunks on an `fs.WriteStream`: the physical limit. */
export function referenceFile(file: string): { write(line: string): void; close(): Promise<void> } {
  const stream = createWriteStream(file);
  let buffer = '';
  return {
    write(line: string): void {
      buffer += line;
      if (buffer.length >= 65_536) {
        stream.write(buffer);
        buffer = '';
      }
    },
    close(): Promise<void> {
      const closed = once(stream, 'close');
      stream.end(buffer);
      buffer = '';
      return closed;
    },
  };
}
