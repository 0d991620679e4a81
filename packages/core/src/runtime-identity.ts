import { sharedState } from './settings.js';

/**
 * `node:worker_threads`, taken from the runtime on first use (importing core must not load
 * it: see the `import` benchmark).
 */
function workerThreads(): typeof import('node:worker_threads') {
  return process.getBuiltinModule('node:worker_threads');
}

/**
 * Where a record comes from, read by every `LogRecord` constructor from this one object
 * (no per-record work): `thread` is the worker `threadId` (0 on the main thread),
 * `threadName` is `'MainThread'` or the worker's name, `process` the pid and `processName`
 * `'MainProcess'` or the name given to this process.
 * @internal
 */
export interface RuntimeIdentity {
  thread: number;
  threadName: string;
  process: number;
  processName: string;
  taskNameProvider: (() => string | null | undefined) | null;
}

/**
 * The default thread name: `'MainThread'`, or in a worker thread `workerData.threadName`
 * when the worker was started with one (Node 20 cannot read the Worker's `name` option from
 * inside the worker), else `'Thread-<threadId>'`.
 */
function defaultThreadName(): string {
  const wt = workerThreads();
  if (wt.isMainThread) return 'MainThread';
  const data = wt.workerData as { threadName?: unknown } | null | undefined;
  if (data !== null && typeof data === 'object' && typeof data.threadName === 'string') {
    return data.threadName;
  }
  return `Thread-${wt.threadId}`;
}

/**
 * The default process name: `$LOGWEAVE_PROCESS_NAME` when set, `'Worker-<id>'` in a
 * cluster worker, else `'MainProcess'`.
 */
function defaultProcessName(): string {
  const env = process.env.LOGWEAVE_PROCESS_NAME;
  if (env) return env;
  // A cluster worker loaded Node's cluster child at startup (and removed NODE_UNIQUE_ID
  // from its environment): only then is `node:cluster` taken, which then costs nothing.
  const loaded = (process as unknown as { moduleLoadList?: readonly string[] }).moduleLoadList;
  if (loaded?.includes('NativeModule internal/cluster/child')) {
    const cluster = process.getBuiltinModule('node:cluster') as unknown as {
      isWorker: boolean;
      worker?: { id: number };
    };
    if (cluster.isWorker && cluster.worker !== undefined) return `Worker-${cluster.worker.id}`;
  }
  return 'MainProcess';
}

let current: RuntimeIdentity | undefined;

/**
 * @internal The identity object that records read, created on first use (so that importing
 * core loads no worker_threads) and shared by every copy of core.
 */
export function runtimeIdentity(): RuntimeIdentity {
  return (current ??= sharedState<RuntimeIdentity>('logweave.runtimeIdentity', () => ({
    thread: workerThreads().threadId,
    threadName: defaultThreadName(),
    process: process.pid,
    processName: defaultProcessName(),
    taskNameProvider: null,
  })));
}

/** The name records get in `threadName` (Python's `threading.current_thread().name`). */
export function getThreadName(): string {
  return runtimeIdentity().threadName;
}

/**
 * Names the current thread for `threadName` (Python's `threading.current_thread().name = …`);
 * null restores the default (`'MainThread'`, `workerData.threadName` or `'Thread-<id>'`).
 */
export function setThreadName(name: string | null): void {
  runtimeIdentity().threadName = name ?? defaultThreadName();
}

/** The name records get in `processName` (Python's `multiprocessing.current_process().name`). */
export function getProcessName(): string {
  return runtimeIdentity().processName;
}

/**
 * Names the current process for `processName`; null restores the default
 * (`$LOGWEAVE_PROCESS_NAME`, `'Worker-<cluster id>'` or `'MainProcess'`). Child processes
 * can be named by setting `LOGWEAVE_PROCESS_NAME` in their environment.
 */
export function setProcessName(name: string | null): void {
  runtimeIdentity().processName = name ?? defaultProcessName();
}

/**
 * Installs the hook that supplies `taskName` (Python 3.12 takes the name of the current
 * asyncio task). It is called once per record, typically reading an `AsyncLocalStorage`;
 * returning null/undefined (or throwing) gives `taskName` = null. Pass null to remove it.
 */
export function setTaskNameProvider(provider: (() => string | null | undefined) | null): void {
  runtimeIdentity().taskNameProvider = provider;
}

/** The current task name from the provider, or null (never throws). */
export function getTaskName(): string | null {
  const provider = runtimeIdentity().taskNameProvider;
  if (provider === null) return null;
  try {
    return provider() ?? null;
  } catch {
    return null;
  }
}

/** @internal Restores the default names and removes the task-name provider. */
export function resetRuntimeIdentity(): void {
  runtimeIdentity().threadName = defaultThreadName();
  runtimeIdentity().processName = defaultProcessName();
  runtimeIdentity().taskNameProvider = null;
}
