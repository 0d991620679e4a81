import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getLogger, resetLogging, snapshotLogging } from '@logweave/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from './errors.js';
import { fileConfig } from './file-config.js';
import { configState } from './state.js';
import { fullSnapshot } from './test-support/snapshot.js';

let restore: () => void;
let dir: string;
beforeEach(() => {
  restore = snapshotLogging();
  resetLogging();
  configState().handlers.clear();
  dir = mkdtempSync(join(tmpdir(), 'logweave-fileconfig-'));
});
afterEach(() => {
  restore();
  rmSync(dir, { recursive: true, force: true });
});

const ini = (args: string, extra = '') => `[loggers]
keys=root
[handlers]
keys=h
[formatters]
keys=
[logger_root]
level=INFO
handlers=h
[handler_h]
class=StreamHandler
args=${args}
${extra}`;

describe('fileConfig()', () => {
  it("rejects args=__import__('os').system(...) naming handler_h.args, runs nothing and changes nothing (cpython #80203)", async () => {
    const marker = join(dir, 'pwned');
    const before = fullSnapshot();
    const e = await fileConfig({ text: ini(`__import__('os').system('touch ${marker}')`) }).catch(
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(ConfigError);
    expect((e as ConfigError).path).toBe('handler_h.args');
    expect((e as ConfigError).message).toMatch(/name '__import__' is not allowed/);
    expect(existsSync(marker)).toBe(false);
    expect(fullSnapshot()).toEqual(before);
  });

  it('rejects code in kwargs= and class names outside logging, naming the section', async () => {
    await expect(fileConfig({ text: ini('()', "kwargs={'stream': eval('1')}") })).rejects.toThrow(
      /^handler_h\.kwargs: name 'eval' is not allowed/,
    );
    await expect(
      fileConfig({ text: ini('()').replace('class=StreamHandler', 'class=os.system') }),
    ).rejects.toThrow(/^handler_h\.class: cannot resolve 'os.system'/);
  });

  it('interpolates %(key)s from DEFAULT and the defaults option in args=, and reads format raw', async () => {
    const path = join(dir, 'logging.conf');
    writeFileSync(
      path,
      `[loggers]\nkeys=root\n[handlers]\nkeys=f\n[formatters]\nkeys=x\n[logger_root]\nlevel=DEBUG\nhandlers=f\n[handler_f]\nclass=FileHandler\nformatter=x\nargs=('%(logdir)s/%(name)s.log', 'w')\n[formatter_x]\nformat=%(levelname)s|%(message)s\n`,
    );
    await fileConfig(path, { defaults: { logdir: dir, name: 'app' } });
    getLogger('a').info('in the file');
    const { readFileSync } = await import('node:fs');
    const { shutdown } = await import('@logweave/core');
    shutdown();
    expect(readFileSync(join(dir, 'app.log'), 'utf8')).toBe('INFO|in the file\n');
  });

  it('names a missing section and an empty file', async () => {
    await expect(fileConfig({ text: '[loggers]\nkeys=root\n' })).rejects.toThrow(
      /^formatters: missing section \[formatters\]/,
    );
    const empty = join(dir, 'empty.conf');
    writeFileSync(empty, '');
    await expect(fileConfig(empty)).rejects.toThrow(/is an empty file/);
  });
});
