import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const producerScript = fileURLToPath(
  new URL(`./producer.${import.meta.url.endsWith('.ts') ? 'ts' : 'js'}`, import.meta.url),
);

/** Run from sources (tests, tsx): children load TypeScript and the packages' sources too. */
export function tsExecArgv(script: string): string[] {
  return script.endsWith('.ts')
    ? ['--conditions=@logweave/source', '--import', 'tsx']
    : process.execArgv;
}

/** The result line of one producer process. */
export interface ProducerResult {
  id: string;
  count: number;
  dropped: number;
  delivered: boolean;
  ms: number;
}

/** Options of {@link startLoad}. */
export interface LoadOptions {
  port: number;
  host?: string;
  producers: number;
  count: number;
  serializer?: 'json' | 'pickle';
  idPrefix?: string;
  /** Acknowledged delivery (logweave receivers only). @default true */
  ack?: boolean;
  /** Each record's message, with `%d` the sequence number. @default 'seq %d' */
  message?: string;
  /** Records of each producer, when they differ (`count` otherwise). */
  counts?: readonly number[];
  /**
   * Start the processes, but let them log only after `go()` (benchmarks: the start-up of
   * the processes stays out of the timed region).
   */
  waitForGo?: boolean;
}

/** A running load: the producer processes, and their results once they have all ended. */
export interface Load {
  children: ChildProcess[];
  /** Resolves once every producer is loaded and waiting (with `waitForGo`). */
  ready: Promise<void>;
  /** Tells each waiting producer how many records to send, and starts them. */
  go(counts: readonly number[]): void;
  done: Promise<{ results: ProducerResult[]; ms: number; exitCodes: (number | null)[] }>;
}

/**
 * Starts `producers` producer processes (`producer.ts`), each sending `count` records
 * `seq <n>` on the logger `load.<idPrefix><k>` to the listener's TCP port.
 */
export function startLoad(options: LoadOptions): Load {
  const t0 = performance.now();
  const children: ChildProcess[] = [];
  const readies: Promise<void>[] = [];
  const runs = Array.from({ length: options.producers }, (_, k) => {
    const child = fork(
      producerScript,
      [
        '--host',
        options.host ?? '127.0.0.1',
        '--port',
        String(options.port),
        '--id',
        `${options.idPrefix ?? 'p'}${k}`,
        '--count',
        String(options.counts?.[k] ?? options.count),
        '--ack',
        options.ack === false ? 'no' : 'yes',
        '--message',
        options.message ?? 'seq %d',
        '--serializer',
        options.serializer ?? 'json',
        ...(options.waitForGo ? ['--wait-go'] : []),
      ],
      { stdio: ['ignore', 'pipe', 'inherit', 'ipc'], execArgv: tsExecArgv(producerScript) },
    );
    children.push(child);
    readies.push(new Promise<void>((resolve) => child.once('message', () => resolve())));
    let out = '';
    child.stdout?.setEncoding('utf8').on('data', (d: string) => {
      out += d;
    });
    return new Promise<[ProducerResult | null, number | null]>((resolve) => {
      child.on('close', (code) => {
        let r: ProducerResult | null = null;
        try {
          r = JSON.parse(out.trim().split('\n').pop() ?? '') as ProducerResult;
        } catch {
          r = null;
        }
        resolve([r, code]);
      });
    });
  });
  const done = Promise.all(runs).then((all) => ({
    results: all.map(([r]) => r).filter((r): r is ProducerResult => r !== null),
    exitCodes: all.map(([, c]) => c),
    ms: performance.now() - t0,
  }));
  return {
    children,
    done,
    ready: Promise.all(readies).then(() => {}),
    go(counts) {
      for (const [k, c] of children.entries()) c.send({ count: counts[k] ?? 0 });
    },
  };
}

/** Runs a load to its end (see {@link startLoad}). */
export function runLoad(options: LoadOptions): Load['done'] {
  return startLoad(options).done;
}
