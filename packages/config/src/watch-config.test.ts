import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type FileHandler,
  getHandlerByName,
  getLogger,
  resetLogging,
  snapshotLogging,
} from '@logweave/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { configState } from './state.js';
import { watchConfig } from './watch-config.js';

let restore: () => void;
let dir: string;
beforeEach(() => {
  restore = snapshotLogging();
  resetLogging();
  configState().handlers.clear();
  dir = mkdtempSync(join(tmpdir(), 'logweave-watch-'));
});
afterEach(() => {
  restore();
  rmSync(dir, { recursive: true, force: true });
});

const config = (variant: number) =>
  JSON.stringify({
    version: 1,
    disable_existing_loggers: false,
    formatters: {
      main: { format: '%(name)s %(message)s' },
      aux: { format: `v${variant} %(message)s` },
    },
    handlers: {
      file: { class: 'logging.FileHandler', filename: join(dir, 'main.log'), formatter: 'main' },
      aux: { class: 'logging.FileHandler', filename: join(dir, 'aux.log'), formatter: 'aux' },
    },
    root: { level: 'INFO', handlers: ['file', 'aux'] },
  });

const fds = (): number => readdirSync('/proc/self/fd').length;
const lines = (f: string): string[] =>
  readFileSync(join(dir, f), 'utf8').split('\n').filter(Boolean);

describe('watchConfig()', () => {
  it('1,000 reloads under load: no record lost, the unchanged FileHandler keeps its descriptor, no fd or listener leak', async () => {
    const path = join(dir, 'logging.json');
    writeFileSync(path, config(0));
    const fdsBefore = fds();
    const errors: Error[] = [];
    let reloads = 0;
    const w = watchConfig(path, {
      watch: false,
      onError: (e) => errors.push(e),
      onReload: () => reloads++,
    });
    await w.ready;
    const sighupWithWatcher = process.listenerCount('SIGHUP');
    const file = getHandlerByName('file') as FileHandler;
    const fd = (file.stream as unknown as { fd: number }).fd;
    const log = getLogger('load');
    let sent = 0;
    for (let i = 1; i <= 1000; i++) {
      for (let k = 0; k < 3; k++) log.info('record %d', ++sent);
      writeFileSync(path, config(i % 2));
      const pending = w.reload();
      for (let k = 0; k < 2; k++) log.info('record %d', ++sent); // while the reload is in flight
      await pending;
    }
    log.info('record %d', ++sent);
    expect(errors).toEqual([]);
    expect(reloads).toBe(1001);
    expect(getHandlerByName('file')).toBe(file);
    expect((file.stream as unknown as { fd: number }).fd).toBe(fd);
    w.close();
    expect(process.listenerCount('SIGHUP')).toBe(sighupWithWatcher - 1);
    getHandlerByName('file')!.flush();
    getHandlerByName('aux')!.flush();
    const main = lines('main.log');
    expect(main).toHaveLength(sent);
    expect(main.map((l) => Number(l.split(' ').pop()))).toEqual(
      Array.from({ length: sent }, (_, i) => i + 1),
    );
    expect(lines('aux.log')).toHaveLength(sent);
    // The two live file handlers own two descriptors; nothing else was left open.
    expect(fds()).toBeLessThanOrEqual(fdsBefore + 2);
  });

  it('a broken edit is reported and the running configuration keeps logging', async () => {
    const path = join(dir, 'logging.json');
    writeFileSync(path, config(0));
    const errors: string[] = [];
    const w = watchConfig(path, { watch: false, onError: (e) => errors.push(e.message) });
    await w.ready;
    writeFileSync(path, config(1).replace('"level":"INFO"', '"levle":"INFO"'));
    await w.reload();
    writeFileSync(path, '{ not json');
    await w.reload();
    getLogger('x').info('still here');
    w.close();
    getHandlerByName('file')!.flush();
    expect(errors).toEqual([
      expect.stringMatching(/^root\.levle: unknown logger key \(did you mean 'level'\?\)$/),
      expect.stringMatching(/is not valid JSON/),
    ]);
    expect(lines('main.log')).toEqual(['x still here']);
  });

  it('reloads on SIGHUP and when the file changes', async () => {
    const path = join(dir, 'logging.json');
    writeFileSync(path, config(0));
    let reloads = 0;
    const w = watchConfig(path, { debounceMs: 20, onReload: () => reloads++ });
    await w.ready;
    const wait = async (n: number) => {
      for (let i = 0; i < 500 && reloads < n; i++) await new Promise((r) => setTimeout(r, 10));
    };
    process.kill(process.pid, 'SIGHUP');
    await wait(2);
    expect(reloads).toBe(2);
    writeFileSync(path, config(1));
    await wait(3);
    expect(reloads).toBeGreaterThanOrEqual(3);
    w.close();
    getLogger('y').info('after');
    getHandlerByName('aux')!.flush();
    expect(lines('aux.log')).toEqual(['v1 after']);
  });
});
