import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { threadId, Worker } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LogRecord } from './record.js';
import {
  getProcessName,
  getTaskName,
  getThreadName,
  setProcessName,
  setTaskNameProvider,
  setThreadName,
} from './runtime-identity.js';
import { settings } from './settings.js';
import { transpiledSrcDir } from './test-support/transpile-src.js';
import { resetLogging, snapshotLogging } from './testing.js';

function record(): LogRecord {
  return new LogRecord('n', 20, '', 0, 'm', [], null);
}

let restore: () => void;
beforeEach(() => {
  restore = snapshotLogging();
  resetLogging();
});
afterEach(() => restore());

describe('LogRecord identity fields on the main thread', () => {
  it('are threadId, MainThread, the pid and MainProcess by default', () => {
    const r = record();
    expect(r.thread).toBe(threadId);
    expect(r.threadName).toBe('MainThread');
    expect(r.process).toBe(process.pid);
    expect(r.processName).toBe(process.env.LOGWEAVE_PROCESS_NAME || 'MainProcess');
    expect(r.taskName).toBeNull();
  });

  it('follow setThreadName() and setProcessName(), and null restores the defaults', () => {
    setThreadName('io-loop');
    setProcessName('api-1');
    expect([getThreadName(), getProcessName()]).toEqual(['io-loop', 'api-1']);
    expect([record().threadName, record().processName]).toEqual(['io-loop', 'api-1']);
    setThreadName(null);
    setProcessName(null);
    expect(record().threadName).toBe('MainThread');
  });

  it('are null when logThreads / logProcesses / logMultiprocessing are off', () => {
    settings.logThreads = false;
    settings.logProcesses = false;
    settings.logMultiprocessing = false;
    const r = record();
    expect([r.thread, r.threadName, r.process, r.processName]).toEqual([null, null, null, null]);
  });
});

describe('LogRecord.taskName with a task-name provider', () => {
  it('is what the provider returns, null when it returns nothing or throws', () => {
    let name: string | undefined = 'Task-7';
    setTaskNameProvider(() => name);
    expect(record().taskName).toBe('Task-7');
    expect(getTaskName()).toBe('Task-7');
    name = undefined;
    expect(record().taskName).toBeNull();
    setTaskNameProvider(() => {
      throw new Error('no task');
    });
    expect(record().taskName).toBeNull();
  });

  it('is null without asking the provider when logAsyncioTasks is off', () => {
    let calls = 0;
    setTaskNameProvider(() => `t${++calls}`);
    settings.logAsyncioTasks = false;
    expect(record().taskName).toBeNull();
    expect(calls).toBe(0);
  });
});

describe('LogRecord identity fields in a real worker thread', () => {
  function runWorker(workerData: unknown): Promise<Record<string, unknown>> {
    const file = join(transpiledSrcDir(), 'test-support', 'identity-worker.js');
    const worker = new Worker(pathToFileURL(file), { workerData });
    return new Promise((resolve, reject) => {
      worker.once('message', (m) => {
        void worker.terminate();
        resolve(m as Record<string, unknown>);
      });
      worker.once('error', reject);
    });
  }

  it("carry the worker's threadId, workerData.threadName and the parent's pid", async () => {
    const m = await runWorker({ threadName: 'pool-1' });
    expect(m.thread).toBeGreaterThan(0);
    expect(m.thread).not.toBe(threadId);
    expect(m.threadName).toBe('pool-1');
    expect(m.process).toBe(process.pid);
    expect(m.renamed).toBe('renamed');
  });

  it("default to 'Thread-<threadId>' without workerData.threadName", async () => {
    const m = await runWorker(null);
    expect(m.threadName).toBe(`Thread-${m.thread}`);
  });
});

describe('LogRecord.processName in a child process', () => {
  it('is $LOGWEAVE_PROCESS_NAME when set', () => {
    const recordJs = pathToFileURL(join(transpiledSrcDir(), 'record.js')).href;
    const code = `const { LogRecord } = await import(${JSON.stringify(recordJs)});
      const r = new LogRecord('n', 20, '', 0, 'm', [], null);
      process.stdout.write(JSON.stringify([r.processName, r.process, r.threadName]));`;
    const run = (env: Record<string, string>) => {
      const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], {
        env: { ...process.env, ...env },
        encoding: 'utf8',
      });
      expect(r.stderr).toBe('');
      return JSON.parse(r.stdout) as [string, number, string];
    };
    const named = run({ LOGWEAVE_PROCESS_NAME: 'SpawnWorker-3' });
    expect(named[0]).toBe('SpawnWorker-3');
    expect(named[1]).not.toBe(process.pid);
    expect(named[2]).toBe('MainThread');
    expect(run({ LOGWEAVE_PROCESS_NAME: '' })[0]).toBe('MainProcess');
  });
});
