import { setTimeout as sleep } from 'node:timers/promises';
import {
  DEBUG,
  Formatter,
  getLogger,
  INFO,
  type Logger,
  resetLogging,
  WARNING,
} from '@logweave/core';
import { afterEach, describe, expect, it } from 'vitest';
import { LoggingContext } from './logging-context.js';
import { ListHandler } from './test-support/list-handler.js';

afterEach(() => resetLogging());

function setup(name: string): { logger: Logger; base: ListHandler; extra: ListHandler } {
  const logger = getLogger(name);
  logger.setLevel(INFO);
  logger.propagate = false;
  const base = new ListHandler();
  base.setFormatter(new Formatter('%(levelname)s %(message)s'));
  logger.addHandler(base);
  const extra = new ListHandler();
  extra.setFormatter(new Formatter('extra %(message)s'));
  return { logger, base, extra };
}

describe('LoggingContext', () => {
  it('run(fn): the level and handler apply inside only, and the handler is closed', () => {
    const { logger, base, extra } = setup('lc.sync');
    logger.debug('before');
    const r = new LoggingContext(logger, { level: DEBUG, handler: extra }).run(() => {
      logger.debug('inside');
      return 42;
    });
    logger.debug('after');
    expect(r).toBe(42);
    expect(base.lines).toEqual(['DEBUG inside']);
    expect(extra.lines).toEqual(['extra inside']);
    expect(logger.level).toBe(INFO);
    expect(logger.handlers).toEqual([base]);
    expect(extra.closed).toBe(true);
  });

  it('undoes the change when fn throws, and keeps the handler open with close: false', () => {
    const { logger, extra } = setup('lc.throw');
    const ctx = new LoggingContext(logger, { level: WARNING, handler: extra, close: false });
    expect(() =>
      ctx.run(() => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(logger.level).toBe(INFO);
    expect(logger.handlers).not.toContain(extra);
    expect(extra.closed).toBe(false);
  });

  it('run(async fn): the scope lasts until the promise settles (resolved or rejected)', async () => {
    const { logger, base } = setup('lc.async');
    const ctx = new LoggingContext(logger, { level: DEBUG });
    const p = ctx.run(async () => {
      await sleep(2);
      logger.debug('late');
    });
    expect(logger.level).toBe(DEBUG);
    await p;
    expect(logger.level).toBe(INFO);
    await expect(
      new LoggingContext(logger, { level: DEBUG }).run(async () => {
        await sleep(1);
        throw new Error('x');
      }),
    ).rejects.toThrow('x');
    expect(logger.level).toBe(INFO);
    expect(base.lines).toEqual(['DEBUG late']);
  });

  it('works with using and await using', async () => {
    const { logger, base } = setup('lc.using');
    {
      using _ = new LoggingContext(logger, { level: DEBUG }).enter();
      logger.debug('sync scope');
    }
    logger.debug('dropped');
    {
      await using _ = new LoggingContext(logger, { level: DEBUG }).enter();
      await sleep(1);
      logger.debug('async scope');
    }
    logger.debug('dropped');
    expect(base.lines).toEqual(['DEBUG sync scope', 'DEBUG async scope']);
    expect(logger.level).toBe(INFO);
  });

  it('refuses to be entered twice and treats a second exit as a no-op', () => {
    const { logger } = setup('lc.twice');
    const ctx = new LoggingContext(logger, { level: DEBUG }).enter();
    expect(() => ctx.enter()).toThrow('already entered');
    ctx.exit();
    ctx.exit();
    expect(logger.level).toBe(INFO);
  });
});
