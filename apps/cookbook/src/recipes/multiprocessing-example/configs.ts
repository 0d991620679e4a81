// The three logging configurations of recipe 22, written in code (the dictConfig versions
// come with the config package). Each process applies its own.
import { join } from 'node:path';
import {
  DEBUG,
  ERROR,
  FileHandler,
  Formatter,
  getLogger,
  getManager,
  INFO,
  Logger,
  ProcessQueue,
  QueueHandler,
  StreamHandler,
} from '@logweave/core';

/**
 * dictConfig's `disable_existing_loggers: true`: every logger that exists now, except those
 * the configuration names and their children, is disabled.
 */
export function disableExistingLoggers(configured: readonly string[] = []): void {
  for (const [name, logger] of getManager().loggerDict) {
    if (!(logger instanceof Logger)) continue;
    if (configured.some((c) => name === c || name.startsWith(`${c}.`))) continue;
    logger.disabled = true;
  }
}

/** The main process: a simple configuration which prints to the console. */
export function configInitial(): void {
  const console = new StreamHandler();
  console.setLevel(INFO);
  const root = getLogger();
  root.addHandler(console);
  root.setLevel(DEBUG);
}

/**
 * The workers: just a QueueHandler on the root, which lets all messages through to the
 * queue (here the log pipe to the main process, which passes them on to the listener).
 */
export function configWorker(): void {
  disableExistingLoggers();
  const root = getLogger();
  root.addHandler(new QueueHandler(new ProcessQueue()));
  root.setLevel(DEBUG);
}

/**
 * The listener: the full flexibility of logging configuration is available to dispatch
 * records to handlers however you want.
 */
export function configListener(outDir: string): void {
  disableExistingLoggers(['foo']);
  const detailed = new Formatter(
    '%(asctime)s %(name)-15s %(levelname)-8s %(processName)-10s %(message)s',
  );
  const simple = new Formatter('%(name)-15s %(levelname)-8s %(processName)-10s %(message)s');
  const file = (name: string, level = 0): FileHandler => {
    const h = new FileHandler(join(outDir, name), 'w');
    h.setLevel(level);
    h.setFormatter(detailed);
    return h;
  };
  const console = new StreamHandler();
  console.setLevel(INFO);
  console.setFormatter(simple);
  getLogger('foo').addHandler(file('mplog-foo.log'));
  const root = getLogger();
  for (const h of [console, file('mplog.log'), file('mplog-errors.log', ERROR)]) root.addHandler(h);
  root.setLevel(DEBUG);
}
