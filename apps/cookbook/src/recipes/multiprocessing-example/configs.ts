// The three logging configurations of recipe 22, as the cookbook writes them: dictConfig
// dictionaries (config_initial, config_worker, config_listener). Each process applies its own.
import { join } from 'node:path';
import { dictConfigSync } from '@logweave/config';
import { ProcessQueue } from '@logweave/core';

/** The main process: a simple configuration which prints to the console. */
export function configInitial(): void {
  dictConfigSync({
    version: 1,
    // In the cookbook the `setup` logger is created after this call; here it exists from
    // import time, so the default (true) would disable it.
    disable_existing_loggers: false,
    handlers: { console: { class: 'logging.StreamHandler', level: 'INFO' } },
    root: { handlers: ['console'], level: 'DEBUG' },
  });
}

/**
 * The workers: just a QueueHandler on the root, which lets all messages through to the
 * queue (here the log pipe to the main process, which passes them on to the listener).
 * `disable_existing_loggers` (true by default) keeps the `setup` logger quiet.
 */
export function configWorker(): void {
  dictConfigSync({
    version: 1,
    disable_existing_loggers: true,
    handlers: { queue: { class: 'logging.handlers.QueueHandler', queue: new ProcessQueue() } },
    root: { handlers: ['queue'], level: 'DEBUG' },
  });
}

/**
 * The listener: the full flexibility of logging configuration is available to dispatch
 * records to handlers however you want.
 */
export function configListener(outDir: string): void {
  dictConfigSync({
    version: 1,
    disable_existing_loggers: true,
    formatters: {
      detailed: {
        class: 'logging.Formatter',
        format: '%(asctime)s %(name)-15s %(levelname)-8s %(processName)-10s %(message)s',
      },
      simple: {
        class: 'logging.Formatter',
        format: '%(name)-15s %(levelname)-8s %(processName)-10s %(message)s',
      },
    },
    handlers: {
      console: { class: 'logging.StreamHandler', formatter: 'simple', level: 'INFO' },
      file: {
        class: 'logging.FileHandler',
        filename: join(outDir, 'mplog.log'),
        mode: 'w',
        formatter: 'detailed',
      },
      foofile: {
        class: 'logging.FileHandler',
        filename: join(outDir, 'mplog-foo.log'),
        mode: 'w',
        formatter: 'detailed',
      },
      errors: {
        class: 'logging.FileHandler',
        filename: join(outDir, 'mplog-errors.log'),
        mode: 'w',
        formatter: 'detailed',
        level: 'ERROR',
      },
    },
    loggers: { foo: { handlers: ['foofile'] } },
    root: { handlers: ['console', 'file', 'errors'], level: 'DEBUG' },
  });
}
