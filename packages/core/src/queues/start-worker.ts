import type { Worker as WorkerType, WorkerOptions } from 'node:worker_threads';

// tsx installs its hooks in worker threads itself from Node 22 on (recent releases).
const NEEDS_BOOTSTRAP = Number(process.versions.node.split('.')[0]) < 22;

/**
 * The URL of tsx's ESM API, when tsx is installed (resolved from here), else null. Looked
 * up once, and only for TypeScript entries.
 */
let tsxApi: string | null | undefined;
function tsxApiUrl(): string | null {
  if (tsxApi !== undefined) return tsxApi;
  try {
    tsxApi = import.meta.resolve('tsx/esm/api');
  } catch {
    tsxApi = null;
  }
  return tsxApi;
}

/** Options that make a worker load code the way this process does. */
const LOADER_FLAG = /^(?:--import|--require|-r|--loader|--experimental-loader|--conditions|-C)$/;
const LOADER_FLAG_WITH_VALUE =
  /^(?:--import|--require|--loader|--experimental-loader|--conditions)=/;

/**
 * The `execArgv` a worker needs: undefined (Node's own inheritance of this thread's
 * options) unless this process runs code given with `-e`/`--input-type`, which Node would
 * pass on and which makes workers refuse to load a file; then only the loader options
 * (`--import`, `--require`, `--loader`, `--conditions`).
 */
function inheritedExecArgv(): string[] | undefined {
  const argv = process.execArgv;
  if (!argv.some((a) => a === '--input-type' || a.startsWith('--input-type='))) return undefined;
  const keep: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (LOADER_FLAG.test(a) && i + 1 < argv.length) keep.push(a, argv[++i]!);
    else if (LOADER_FLAG_WITH_VALUE.test(a)) keep.push(a);
  }
  return keep;
}

/**
 * `new Worker(filename, options)` that loads code the way this process does: the Node
 * options are inherited (loaders such as tsx, `--conditions`), also when this process runs
 * code given with `-e`, and TypeScript entries (`.ts`, `.mts`, `.cts`) work when the
 * process runs under tsx: on Node 20, tsx does not install its hooks in worker threads, so
 * the worker first registers tsx's API, then imports the entry (`workerData`,
 * `transferList` and the other options are unchanged). Without tsx, TypeScript entries are
 * left to the runtime.
 */
export function startWorker(filename: string | URL, options: WorkerOptions = {}): WorkerType {
  // Loaded on first use: importing core must not load worker_threads.
  const { Worker } = process.getBuiltinModule('node:worker_threads');
  const opts: WorkerOptions = { ...options };
  if (opts.execArgv === undefined) {
    const inherited = inheritedExecArgv();
    if (inherited !== undefined) opts.execArgv = inherited;
  }
  const href = filename instanceof URL ? filename.href : filename;
  const api = NEEDS_BOOTSTRAP && /\.[mc]?ts$/.test(href) && !options.eval ? tsxApiUrl() : null;
  if (api === null) return new Worker(filename, opts);
  const { pathToFileURL } = process.getBuiltinModule('node:url');
  const url = /^file:/.test(href)
    ? href
    : pathToFileURL(process.getBuiltinModule('node:path').resolve(href)).href;
  const code = `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(url)}); });`;
  return new Worker(code, { ...opts, eval: true });
}
