import { EventEmitter } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { Formatter, getLogger, type Logger, resetLogging } from '@logweave/core';
import { afterEach, describe, expect, it } from 'vitest';
import { bindContext, bindEmitter } from './bind.js';
import { ContextFilter, DefaultsFilter } from './context-filter.js';
import { ContextVar } from './context-var.js';
import { ContextConfigError } from './errors.js';
import { createTask, enableTaskNames, taskNameVar } from './task-name.js';
import { ListHandler } from './test-support/list-handler.js';

afterEach(() => resetLogging());

function setup(name: string, fmt: string): { logger: Logger; h: ListHandler } {
  const logger = getLogger(name);
  logger.setLevel('DEBUG');
  logger.propagate = false;
  const h = new ListHandler();
  h.setFormatter(new Formatter(fmt));
  logger.addHandler(h);
  return { logger, h };
}

describe('ContextFilter', () => {
  it('copies variables onto records, by var name or by the field given', () => {
    const ip = new ContextVar<string>('ip', { default: '-' });
    const user = new ContextVar<string>('user');
    const { logger, h } = setup('cf.basic', '%(ip)s %(who)s %(message)s');
    logger.addFilter(new ContextFilter([ip]));
    logger.addFilter(new ContextFilter({ who: user }));
    user.run('ann', () => ip.run('10.0.0.1', () => logger.info('a')));
    user.run('bob', () => logger.info('b'));
    expect(h.lines).toEqual(['10.0.0.1 ann a', '- bob b']);
  });

  it('leaves a field unset when the variable has no value and no default', () => {
    const user = new ContextVar<string>('user');
    const { logger, h } = setup('cf.unset', '%(message)s');
    logger.addFilter(new ContextFilter([user]));
    logger.info('x');
    expect(Object.hasOwn(h.records[0]!, 'user')).toBe(false);
  });

  it('rejects LogRecord attribute names, non-variables and empty lists at construction', () => {
    expect(() => new ContextFilter([new ContextVar('name')])).toThrow(ContextConfigError);
    expect(() => new ContextFilter([new ContextVar('name')])).toThrow("'name' is a LogRecord");
    expect(() => new ContextFilter({ x: {} as ContextVar<unknown> })).toThrow('not a ContextVar');
    expect(() => new ContextFilter([])).toThrow('no variables');
    expect(() => new DefaultsFilter({ levelname: 'x' })).toThrow(ContextConfigError);
  });

  it('DefaultsFilter calls function values per record', () => {
    const { logger, h } = setup('cf.defaults', '%(seq)s %(message)s');
    let n = 0;
    logger.addFilter(new DefaultsFilter({ seq: () => ++n }));
    logger.info('a');
    logger.info('b');
    expect(h.lines).toEqual(['1 a', '2 b']);
  });
});

describe('taskName from the async context', () => {
  it('fills taskName from createTask names (Task-N by default) once enabled', async () => {
    const { logger, h } = setup('cf.task', '%(taskName)s %(message)s');
    const disable = enableTaskNames();
    try {
      logger.info('outside');
      await Promise.all([
        createTask(
          async () => {
            await sleep(2);
            logger.info('one');
          },
          { name: 'fetch-1' },
        ),
        createTask(async () => {
          logger.info('two');
        }),
      ]);
      taskNameVar.run('manual', () => logger.info('three'));
    } finally {
      disable();
    }
    logger.info('after');
    expect(h.lines[0]).toBe('null outside');
    expect(h.lines).toContain('fetch-1 one');
    expect(h.lines.some((l) => /^Task-\d+ two$/.test(l))).toBe(true);
    expect(h.lines.slice(-2)).toEqual(['manual three', 'null after']);
  });
});

describe('bindEmitter() and bindContext()', () => {
  it('gives listeners added inside a request the request context when emitted from outside', async () => {
    const id = new ContextVar<string>('id', { default: 'none' });
    const plain = new EventEmitter();
    const bound = new EventEmitter();
    const seen: string[] = [];
    id.run('req-1', () => {
      plain.on('data', () => seen.push(`plain:${id.get()}`));
      bindEmitter(bound);
      bindEmitter(bound); // twice: no double wrapping
      bound.on('data', () => seen.push(`bound:${id.get()}`));
      bound.once('end', () => seen.push(`once:${id.get()}`));
    });
    await id.run('other', async () => {
      await sleep(1);
      plain.emit('data');
      bound.emit('data');
      bound.emit('end');
      bound.emit('end');
    });
    expect(seen).toEqual(['plain:other', 'bound:req-1', 'once:req-1']);
  });

  it('removes a listener by the function that was added', () => {
    const ee = bindEmitter(new EventEmitter());
    const f = () => {};
    ee.on('x', f);
    expect(ee.listenerCount('x')).toBe(1);
    ee.off('x', f);
    expect(ee.listenerCount('x')).toBe(0);
    ee.once('y', f);
    ee.removeListener('y', f);
    expect(ee.listenerCount('y')).toBe(0);
  });

  it('bindContext runs a callback in the context it was bound in', () => {
    const id = new ContextVar<string>('id', { default: 'none' });
    const f = id.run('bound', () => bindContext(() => id.get()));
    expect(id.run('caller', f)).toBe('bound');
  });
});
