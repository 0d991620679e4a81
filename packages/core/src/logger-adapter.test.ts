import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CRITICAL, ERROR, INFO } from './levels.js';
import { kw, type LogKwargs } from './kwargs.js';
import { LoggerAdapter } from './logger-adapter.js';
import { getLogger, root } from './logging-api.js';
import { Manager } from './manager.js';
import { RecordListHandler } from './test-support/record-list.js';
import { resetLogging, snapshotLogging } from './testing.js';

let restore: () => void;
let handler: RecordListHandler;
beforeEach(() => {
  restore = snapshotLogging();
  resetLogging();
  handler = new RecordListHandler();
  root.addHandler(handler);
});
afterEach(() => restore());

// test_logging.LoggerAdapterTest
describe('LoggerAdapter', () => {
  it('exception() logs at ERROR with the error (test_exception)', () => {
    const adapter = new LoggerAdapter(root, null);
    const err = new Error('1/0');
    adapter.exception('testing exception: %r', err);
    const r = handler.records[0]!;
    expect([r.levelno, r.exc_info, r.getMessage()]).toEqual([
      ERROR,
      err,
      "testing exception: Error('1/0')",
    ]);
  });

  it('exception() honours an explicit exc_info (test_exception_excinfo)', () => {
    const adapter = new LoggerAdapter(root, null);
    const err = new Error('e');
    adapter.exception('msg', kw({ exc_info: err }));
    expect(handler.records[0]!.exc_info).toBe(err);
  });

  it('critical() logs at CRITICAL with the arguments (test_critical)', () => {
    const adapter = new LoggerAdapter(root, null);
    adapter.critical('critical test! %r', 'x');
    const r = handler.records[0]!;
    expect([r.levelno, r.msg, r.args]).toEqual([CRITICAL, 'critical test! %r', ['x']]);
  });

  it('delegates isEnabledFor, setLevel, getEffectiveLevel, hasHandlers, name and manager', () => {
    const logger = getLogger('ad');
    const adapter = new LoggerAdapter(logger, null);
    expect(adapter.isEnabledFor(INFO)).toBe(false);
    adapter.setLevel('INFO');
    expect([logger.level, adapter.getEffectiveLevel(), adapter.isEnabledFor(INFO)]).toEqual([
      INFO,
      INFO,
      true,
    ]);
    expect(adapter.hasHandlers()).toBe(true);
    root.removeHandler(handler);
    expect(adapter.hasHandlers()).toBe(false);
    expect(adapter.name).toBe('ad');
    expect(adapter.manager).toBe(logger.manager);
    expect(String(adapter)).toBe('<LoggerAdapter ad (INFO)>');
  });

  it('puts its extra on records, replacing the call extra unless merge_extra', () => {
    const plain = new LoggerAdapter(root, { ip: '1.2.3.4', user: 'ann' });
    plain.warning('a', kw({ extra: { user: 'bob', req: 7 } }));
    const merged = new LoggerAdapter(root, { ip: '1.2.3.4', user: 'ann' }, true);
    merged.warning('b', kw({ extra: { user: 'bob', req: 7 } }));
    merged.warning('c');
    const [a, b, c] = handler.records;
    expect([a!.ip, a!.user, a!.req]).toEqual(['1.2.3.4', 'ann', undefined]);
    expect([b!.ip, b!.user, b!.req]).toEqual(['1.2.3.4', 'bob', 7]);
    expect([c!.ip, c!.user]).toEqual(['1.2.3.4', 'ann']);
  });

  it('nests: process() of each adapter runs and manager is shared (test_nested)', () => {
    class Adapter extends LoggerAdapter {
      prefix = 'Adapter';
      override process(msg: unknown, kwargs: LogKwargs): [unknown, LogKwargs] {
        return [`${this.prefix} ${msg}`, kwargs];
      }
    }
    const adapter = new Adapter(root);
    const adapterAdapter = new Adapter(adapter);
    adapterAdapter.prefix = 'AdapterAdapter';
    expect(adapterAdapter.manager).toBe(adapter.manager);
    adapterAdapter.log(CRITICAL, 'Hello, %s', 'world');
    expect(handler.records[0]!.getMessage()).toBe('Adapter AdapterAdapter Hello, world');
    const orig = root.manager;
    const temp = new Manager(null);
    try {
      adapterAdapter.manager = temp;
      expect([adapterAdapter.manager, adapter.manager, root.manager]).toEqual([temp, temp, temp]);
    } finally {
      adapterAdapter.manager = orig;
    }
    expect(root.manager).toBe(orig);
  });

  it('does nothing (not even process()) when the level is disabled', () => {
    let processed = 0;
    class Counting extends LoggerAdapter {
      override process(msg: unknown, kwargs: LogKwargs): [unknown, LogKwargs] {
        processed++;
        return [msg, kwargs];
      }
    }
    new Counting(getLogger('quiet')).debug('x');
    expect(processed).toBe(0);
    expect(handler.records).toEqual([]);
  });
});
