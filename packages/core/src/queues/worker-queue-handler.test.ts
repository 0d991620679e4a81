import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { transpiledSrcDir } from '../test-support/transpile-src.js';
import { resetLogging, snapshotLogging } from '../testing.js';
import type { WorkerQueueHandlerOptions } from './worker-queue-handler.js';

// The handler starts its worker entry next to its own module; under vitest the sources are
// TypeScript that a worker thread cannot load, so these tests use the transpiled copy of
// core (the same code, as JavaScript). The process tests at the end run the sources with tsx.
type Core = typeof import('../index.js');
let core: Core;
let target: URL;
const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

beforeAll(async () => {
  const dir = transpiledSrcDir();
  core = (await import(pathToFileURL(join(dir, 'index.js')).href)) as Core;
  target = pathToFileURL(join(dir, 'queues', 'test-support', 'worker-target.js'));
});

let restore: () => void;
const open: { close(): void }[] = [];
beforeEach(() => {
  restore = snapshotLogging();
  resetLogging();
});
afterEach(() => {
  for (const h of open.splice(0)) h.close();
  restore();
  vi.restoreAllMocks();
});

function tempFile(): string {
  return join(mkdtempSync(join(tmpdir(), 'worker-queue-')), 'out.log');
}

function lines(path: string): string[] {
  return readFileSync(path, 'utf8').split('\n').slice(0, -1);
}

function captureStderr(): () => string {
  let text = '';
  vi.spyOn(process.stderr, 'write').mockImplementation((s: unknown) => {
    text += String(s);
    return true;
  });
  return () => text;
}

function exited(worker: Worker): Promise<number> {
  return new Promise((resolve) => worker.once('exit', resolve));
}

function handler(options: Omit<WorkerQueueHandlerOptions, 'target'> & { target?: URL }) {
  const h = new core.WorkerQueueHandler({ target, ...options });
  open.push(h);
  return h;
}

function logger(name: string, h: { handle(r: unknown): unknown }) {
  const log = core.getLogger(name);
  log.setLevel(core.DEBUG);
  log.propagate = false;
  log.addHandler(h as InstanceType<Core['Handler']>);
  return log;
}

describe('WorkerQueueHandler', () => {
  it("hands records to the worker's handlers, keeping the caller's threadName; flush() waits", () => {
    const path = tempFile();
    const h = handler({ options: { path } });
    const log = logger('wq', h);
    for (let i = 0; i < 1000; i++) log.info('r %d', i);
    h.flush();
    const got = lines(path);
    expect(got).toHaveLength(1000);
    expect(got[0]).toBe(`${core.getThreadName()} INFO r 0`);
    expect(got[999]).toBe(`${core.getThreadName()} INFO r 999`);
  });

  it('builds its handlers with the named export (async factories too) in a thread named threadName', async () => {
    const path = tempFile();
    const h = handler({ exportName: 'announce', options: { path }, threadName: 'log-io' });
    await h.ready;
    h.flush();
    expect(lines(path)).toEqual(['worker thread: log-io']);
  });

  it('close() closes the worker handlers and ends the worker; later records are counted and reported once', async () => {
    const path = tempFile();
    const h = handler({ options: { path } });
    const log = logger('wq-close', h);
    log.warning('before close');
    const ended = exited(h.worker);
    h.close();
    expect(lines(path)).toEqual([`${core.getThreadName()} WARNING before close`]);
    await ended;
    const stderr = captureStderr();
    log.warning('after close 1');
    log.warning('after close 2');
    expect(h.dropped).toBe(2);
    expect(stderr()).toBe(
      'logweave: WorkerQueueHandler: the worker has ended; records are being lost\n',
    );
  });

  it('respect_handler_level sends records only to handlers whose level they reach', () => {
    for (const respect of [false, true]) {
      const path = tempFile();
      const h = handler({
        exportName: 'twoLevels',
        options: { path },
        respect_handler_level: respect,
      });
      const log = logger(`wq-levels-${respect}`, h);
      log.info('info');
      log.error('error');
      h.flush();
      expect(lines(path).length).toBe(2);
      expect(lines(`${path}.errors`).length, `respect_handler_level=${respect}`).toBe(
        respect ? 1 : 2,
      );
    }
  });

  it('a target that fails: ready rejects, the failure is reported once, records are counted', async () => {
    const stderr = captureStderr();
    const h = handler({ exportName: 'failing' });
    await expect(h.ready).rejects.toThrow('target refused to start');
    const log = logger('wq-fail', h);
    log.warning('lost');
    expect(h.dropped).toBe(1);
    expect(stderr()).toContain(
      'logweave: WorkerQueueHandler: the worker failed; records are being lost:\nError: target refused to start',
    );
  });

  it('an export that is not a function is reported', async () => {
    captureStderr();
    const h = handler({ exportName: 'notAFunction' });
    await expect(h.ready).rejects.toThrow("has no export 'notAFunction' that is a function");
  });

  it('a worker that crashes is reported, and the application carries on', async () => {
    const stderr = captureStderr();
    const h = handler({ exportName: 'crashing' });
    const log = logger('wq-crash', h);
    log.warning('boom');
    await exited(h.worker);
    expect(stderr()).toContain('worker handler crashed');
    log.warning('after the crash');
    expect(h.dropped).toBeGreaterThanOrEqual(1);
  });

  it("with maxsize and 'drop-newest', a slow worker never makes the caller wait", async () => {
    const path = tempFile();
    const drops: number[] = [];
    const h = handler({
      options: { path, delayMs: 2 },
      maxsize: 20,
      whenFull: 'drop-newest',
      onDrop: (r) => drops.push(r.dropped),
    });
    await h.ready;
    const log = logger('wq-slow', h);
    for (let i = 0; i < 500; i++) {
      log.info('r %d', i);
      if (i % 50 === 49) await new Promise((r) => setImmediate(r));
    }
    // The worker needs 2 ms a record: a caller that waited for room would drop nothing.
    expect(h.dropped).toBeGreaterThan(0);
    // Reported once per outage (an outage ends when the report record could be queued).
    expect(drops[0]).toBe(1);
    h.flush();
    log.info('after');
    h.flush();
    const got = lines(path);
    const report =
      / WARNING (\d+) record\(s\) were dropped because the queue was full \(drop-newest\)$/;
    const reported = got.map((l) => report.exec(l)).filter((m) => m !== null);
    expect(reported.length).toBe(drops.length);
    expect(reported.reduce((n, m) => n + Number(m[1]), 0)).toBe(h.dropped);
    expect(got.length - reported.length + h.dropped).toBe(501);
    expect(got.at(-2)).toMatch(report);
    expect(got.at(-1)).toBe(`${core.getThreadName()} INFO after`);
  });
});

describe('WorkerQueueHandler at process exit (sources run with tsx)', () => {
  const ENDINGS = [
    ['falling off the end', 'end', 0],
    ['process.exit(4)', 'exit', 4],
    ['an uncaught throw', 'throw', 1],
  ] as const;
  for (const [title, ending, code] of ENDINGS) {
    it(`writes every record logged before ${title}`, () => {
      const path = tempFile();
      const script = `
        import { getLogger, WorkerQueueHandler } from './src/index.ts';
        const h = new WorkerQueueHandler({
          target: new URL('./src/queues/test-support/worker-target.ts', 'file://${packageRoot}/'),
          options: { path: ${JSON.stringify(path)} },
        });
        const log = getLogger('exit');
        log.addHandler(h);
        for (let i = 0; i < 20000; i++) log.warning('record %d', i);
        if (${JSON.stringify(ending)} === 'exit') process.exit(4);
        if (${JSON.stringify(ending)} === 'throw') throw new Error('thrown after logging');
      `;
      const r = spawnSync(
        process.execPath,
        ['--import', 'tsx', '--conditions=@logweave/source', '--input-type=module', '-e', script],
        { cwd: packageRoot, encoding: 'utf8', timeout: 60_000 },
      );
      expect(r.status).toBe(code);
      if (ending === 'throw') expect(r.stderr).toContain('thrown after logging');
      else expect(r.stderr).toBe('');
      const got = lines(path);
      expect(got).toHaveLength(20000);
      expect(got[19999]).toBe('MainThread WARNING record 19999');
    });
  }
});

const dist = join(packageRoot, 'dist', 'index.js');
const built = existsSync(join(packageRoot, 'dist', 'queues', 'worker-entry.js'));

describe.skipIf(!built)(
  `WorkerQueueHandler from the build${built ? '' : ' (skipped: dist is not built; run `npx turbo run build --filter=@logweave/core`)'}`,
  () => {
    it('starts dist/queues/worker-entry.js and writes every record (plain node, no loader)', () => {
      const dir = mkdtempSync(join(tmpdir(), 'worker-queue-dist-'));
      const path = join(dir, 'out.log');
      const targetFile = join(dir, 'target.mjs');
      writeFileSync(
        targetFile,
        `import { FileHandler, Formatter } from ${JSON.stringify(pathToFileURL(dist).href)};
export function files({ path }) {
  const h = new FileHandler(path, 'w');
  h.setFormatter(new Formatter('%(threadName)s %(message)s'));
  return [h];
}
`,
      );
      const script = `
        import { getLogger, WorkerQueueHandler } from ${JSON.stringify(pathToFileURL(dist).href)};
        const h = new WorkerQueueHandler({ target: ${JSON.stringify(targetFile)}, exportName: 'files',
                                           options: { path: ${JSON.stringify(path)} } });
        const log = getLogger('dist');
        log.addHandler(h);
        for (let i = 0; i < 5000; i++) log.warning('record %d', i);
      `;
      const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      const got = lines(path);
      expect(got).toHaveLength(5000);
      expect(got[4999]).toBe('MainThread record 4999');
    });
  },
);
