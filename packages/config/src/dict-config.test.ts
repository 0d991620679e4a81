import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type FileHandler,
  getHandlerByName,
  getLogger,
  type MemoryHandler,
  type QueueHandler,
  resetLogging,
  snapshotLogging,
  StreamHandler,
} from '@logweave/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dictConfig, dictConfigSync } from './dict-config.js';
import { ConfigError } from './errors.js';
import { configState } from './state.js';
import { fullSnapshot } from './test-support/snapshot.js';

let restore: () => void;
let dir: string;
beforeEach(() => {
  restore = snapshotLogging();
  resetLogging();
  configState().handlers.clear();
  dir = mkdtempSync(join(tmpdir(), 'logweave-dictconfig-'));
});
afterEach(() => {
  restore();
  rmSync(dir, { recursive: true, force: true });
});

class Lines {
  text = '';
  write(s: string): boolean {
    this.text += s;
    return true;
  }
}

async function rejects(
  config: unknown,
  path: string,
  reason: RegExp,
  hint?: string,
): Promise<ConfigError> {
  const before = fullSnapshot(dir);
  const e = await dictConfig(config).then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(ConfigError);
  const err = e as ConfigError;
  expect(err.path).toBe(path);
  expect(err.reason).toMatch(reason);
  if (hint !== undefined) expect(err.hint).toBe(hint);
  expect(fullSnapshot(dir)).toEqual(before);
  return err;
}

function liveConfig(out: Lines): Record<string, unknown> {
  return {
    version: 1,
    formatters: { f: { format: '%(levelname)s %(name)s %(message)s' } },
    handlers: {
      out: { class: 'logging.StreamHandler', stream: out, formatter: 'f' },
      file: { class: 'logging.FileHandler', filename: join(dir, 'live.log'), formatter: 'f' },
    },
    loggers: { 'app.db': { level: 'DEBUG', handlers: ['file'] } },
    root: { level: 'INFO', handlers: ['out'] },
  };
}

describe('dictConfig() is all or nothing', () => {
  it('a misspelt logger key is rejected with the path and a hint, and the live topology keeps logging (cpython #127567)', async () => {
    const out = new Lines();
    await dictConfig(liveConfig(out));
    await rejects(
      { version: 1, disable_existing_loggers: false, loggers: { app: { levle: 'INFO' } } },
      'loggers.app.levle',
      /unknown logger key/,
      "did you mean 'level'?",
    );
    getLogger('app').info('still logging');
    expect(out.text).toBe('INFO app still logging\n');
  });

  it('a FileHandler in a missing directory is rejected before any file is created or handler closed', async () => {
    const out = new Lines();
    await dictConfig(liveConfig(out));
    const bad = {
      version: 1,
      handlers: {
        fresh: { class: 'logging.FileHandler', filename: join(dir, 'fresh.log') },
        broken: { class: 'logging.FileHandler', filename: join(dir, 'nope', 'x.log') },
      },
      root: { handlers: ['fresh', 'broken'] },
    };
    await rejects(bad, 'handlers.broken.filename', /No such file or directory/);
    expect(existsSync(join(dir, 'fresh.log'))).toBe(false);
    getLogger('app.db').debug('to the file');
    getHandlerByName('file')!.flush();
    expect(readFileSync(join(dir, 'live.log'), 'utf8')).toBe('DEBUG app.db to the file\n');
  });

  it.each([
    [{ version: 2 }, 'version', /Unsupported version: 2/],
    [{}, 'version', /missing/],
    [
      { version: 1, handlers: { h: { class: 'logging.StreamHandlr' } } },
      'handlers.h.class',
      /cannot resolve 'logging.StreamHandlr'/,
    ],
    [
      { version: 1, handlers: { h: { class: 'logging.StreamHandler', fromatter: 'x' } } },
      'handlers.h.fromatter',
      /unexpected keyword argument 'fromatter'/,
    ],
    [
      { version: 1, handlers: { h: { class: 'logging.StreamHandler', formatter: 'nope' } } },
      'handlers.h.formatter',
      /no formatter named 'nope'/,
    ],
    [
      { version: 1, handlers: { h: { class: 'logging.StreamHandler', level: 'LOUD' } } },
      'handlers.h.level',
      /Unknown level: 'LOUD'/,
    ],
    [
      { version: 1, handlers: { h: { class: 'logging.NullHandler' } }, root: { handlers: ['hh'] } },
      'root.handlers[0]',
      /no handler named 'hh'/,
    ],
    [
      { version: 1, formatters: { f: { format: '%(message)s', style: '#' } } },
      'formatters.f.style',
      /Style must be one of/,
    ],
    [
      { version: 1, formatters: { f: { fromat: '%(message)s' } } },
      'formatters.f.fromat',
      /unknown formatter key/,
    ],
    [{ version: 1, filters: { f: { nmae: 'x' } } }, 'filters.f.nmae', /unknown filter key/],
    [
      { version: 1, loggers: { a: { propagate: 'yes' } } },
      'loggers.a.propagate',
      /must be true or false/,
    ],
    [
      {
        version: 1,
        handlers: { h: { class: 'logging.StreamHandler', stream: 'cfg://a' } },
        a: 'cfg://b',
        b: 'cfg://a',
      },
      'handlers.h.stream',
      /cfg:\/\/ cycle: cfg:\/\/a -> cfg:\/\/b -> cfg:\/\/a/,
    ],
    [
      {
        version: 1,
        handlers: { h: { class: 'logging.StreamHandler', stream: 'cfg://streams.out' } },
      },
      'handlers.h.stream',
      /'streams' not found/,
    ],
    [
      {
        version: 1,
        handlers: {
          a: { class: 'logging.handlers.MemoryHandler', capacity: 1, target: 'b' },
          b: { class: 'logging.handlers.MemoryHandler', capacity: 1, target: 'a' },
        },
      },
      'handlers.a',
      /handler reference cycle: a -> b -> a/,
    ],
    [
      {
        version: 1,
        handlers: { m: { class: 'logging.handlers.MemoryHandler', capacity: 1, target: 'ghost' } },
      },
      'handlers.m.target',
      /no handler named 'ghost'/,
    ],
    [
      {
        version: 1,
        handlers: { h: { class: 'logging.handlers.RotatingFileHandler', filename: 'x.log' } },
      },
      'handlers.h.class',
      /@logweave\/handlers-file.*npm install @logweave\/handlers-file/,
    ],
    [
      { version: 1, handlers: { h: { class: 'logging.handlers.SysLogHandler' } } },
      'handlers.h.class',
      /@logweave\/handlers-net/,
    ],
  ])('rejects %j at its path, leaving everything as it was', async (config, path, reason) => {
    await dictConfig(liveConfig(new Lines()));
    await rejects(config, path as string, reason as RegExp);
  });

  it('a handler factory that throws leaves no handler of the new configuration registered or attached', async () => {
    await dictConfig(liveConfig(new Lines()));
    const boom = () => {
      throw new Error('constructor failed');
    };
    await rejects(
      {
        version: 1,
        handlers: { a: { class: 'logging.NullHandler' }, z: { '()': boom } },
        root: { handlers: ['a', 'z'] },
      },
      'handlers.z',
      /boom failed: constructor failed/,
    );
    expect(getHandlerByName('a')).toBeNull();
  });
});

describe('dictConfig() swap', () => {
  it('orders handlers by dependency whatever the key order (MemoryHandler target sorting after it, cpython #123239)', async () => {
    const out = new Lines();
    await dictConfig({
      version: 1,
      handlers: {
        a: { class: 'logging.handlers.MemoryHandler', capacity: 2, target: 'z' },
        z: { class: 'logging.StreamHandler', stream: out },
      },
      root: { level: 'DEBUG', handlers: ['a'] },
    });
    const a = getHandlerByName('a') as MemoryHandler;
    expect(a.target).toBe(getHandlerByName('z'));
    getLogger('x').info('one');
    getLogger('x').info('two');
    expect(out.text).toBe('one\ntwo\n');
  });

  it('closes only the handlers not carried over, and carries over an unchanged FileHandler with its descriptor', async () => {
    const out = new Lines();
    await dictConfig(liveConfig(out));
    const file = getHandlerByName('file') as FileHandler;
    const stream = getHandlerByName('out') as StreamHandler;
    const fd = (file.stream as unknown as { fd: number }).fd;
    const next = liveConfig(out);
    (next.handlers as Record<string, Record<string, unknown>>).out!.level = 'ERROR';
    await dictConfig(next);
    expect(getHandlerByName('file')).toBe(file);
    expect((file.stream as unknown as { fd: number }).fd).toBe(fd);
    expect(getHandlerByName('out')).not.toBe(stream);
    expect((stream as unknown as { _closed: boolean })._closed).toBe(true);
    expect((file as unknown as { _closed: boolean })._closed).toBe(false);
  });

  it('keeps handlers attached by code to loggers the configuration leaves alone open (cpython #127567)', async () => {
    const out = new Lines();
    const mine = new StreamHandler(out);
    getLogger('mine').addHandler(mine);
    await dictConfig({ version: 1, disable_existing_loggers: false });
    expect((mine as unknown as { _closed: boolean })._closed).toBe(false);
    getLogger('mine').warning('kept');
    expect(out.text).toBe('kept\n');
  });

  it('starts a QueueHandler listener for `handlers` (3.12) and drains it before closing on reconfiguration', async () => {
    const out = new Lines();
    await dictConfig({
      version: 1,
      handlers: {
        q: { class: 'logging.handlers.QueueHandler', handlers: ['sink'] },
        sink: { class: 'logging.StreamHandler', stream: out },
      },
      root: { level: 'DEBUG', handlers: ['q'] },
    });
    const q = getHandlerByName('q') as QueueHandler;
    expect(q.listener).not.toBeNull();
    for (let i = 0; i < 100; i++) getLogger('w').info('r%d', i);
    await dictConfig({ version: 1, root: { handlers: [] } });
    expect(out.text.split('\n').filter(Boolean)).toHaveLength(100);
  });

  it('dictConfigSync applies core-only configurations without awaiting', () => {
    const out = new Lines();
    dictConfigSync({
      version: 1,
      handlers: { h: { class: 'logging.StreamHandler', stream: out } },
      root: { handlers: ['h'] },
    });
    getLogger('s').warning('sync');
    expect(out.text).toBe('sync\n');
    expect(() => dictConfigSync({ version: 1, handlers: { h: { class: './x.js#H' } } })).toThrow(
      /dictConfigSync cannot import modules/,
    );
  });

  it('expands ${VAR} and ${VAR:-default} when asked, and names an unset variable', async () => {
    const out = new Lines();
    await dictConfig(
      {
        version: 1,
        formatters: { f: { format: '${PREFIX:-[x]} %(message)s' } },
        handlers: { h: { class: 'logging.StreamHandler', stream: out, formatter: 'f' } },
        root: { level: '${LEVEL}', handlers: ['h'] },
      },
      { expandEnv: { LEVEL: 'DEBUG' } },
    );
    getLogger('e').debug('hi');
    expect(out.text).toBe('[x] hi\n');
    await expect(
      dictConfig({ version: 1, root: { level: '${NOPE}' } }, { expandEnv: {} }),
    ).rejects.toThrow(/root.level: environment variable NOPE is not set/);
  });
});
