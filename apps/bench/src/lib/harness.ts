/**
 * Child-process side of the benchmark: every scenario file calls {@link runScenario} with one
 * setup function per library. The process measures exactly one (scenario, library) pair, so
 * no library's JIT state, buffers or global configuration leak into another's measurement.
 *
 * Protocol: `node dist/scenarios/<scenario>.js <library> <lines> <outfile>` prints one JSON line
 * `{"library", "lines", "ns", "warmup", "rssBytes"}` on stdout (a {@link ChildResult}) and exits 0.
 */
import { closeSync, fsyncSync, openSync, rmSync } from 'node:fs';
import { setImmediate as nextTurn } from 'node:timers/promises';

/** One configured logger writing to one file. */
export interface Session {
  /** Makes `n` logging calls; `offset` is the index of the first one (scenarios may log it). */
  run(n: number, offset: number): void;
  /** Flushes everything to the file and closes it; resolves when the bytes reached the OS. */
  close(): Promise<void>;
  /**
   * Scenario-specific self-check after the timed region: `'ok'` or what went wrong (the
   * format scenario compares its output with the hand-written reference here).
   */
  check?(): string;
}

/** Builds a {@link Session} writing to `file`, with the logger named `name`. */
export type Setup = (file: string, name: string) => Session | Promise<Session>;

/** Per-scenario harness options. */
export interface ScenarioOptions {
  /**
   * Calls made between two yields to the event loop, so asynchronous writers can drain as they
   * would in an application. `Infinity` runs the whole loop in one synchronous stretch.
   * @default 1000
   */
  batch?: number;
  /**
   * Whether the output file is fsynced inside the timed region after `close()` (every library
   * then pays for reaching the disk, as pino's own flush always does).
   * @default true
   */
  fsync?: boolean;
  /**
   * Whether `close()` is inside the timed region. The disabled scenario turns it off: its
   * calls cost nanoseconds, so closing the file would dominate what it measures.
   * @default true
   */
  timeClose?: boolean;
  /**
   * Warm up on the timed session itself (as many calls as are timed), then wait for the JIT's
   * background compiles before timing. For calls that cost about a nanosecond: timed cold,
   * 500,000 of them take less than one concurrent TurboFan compile (1–4 ms on the shared
   * machine), so whether the loop ran optimized code decided the figure (it swung between 0.8
   * and 7 ns/call from run to run, for every library). Only for scenarios that write nothing.
   * @default false
   */
  warmInSession?: boolean;
}

/** What a child prints on stdout. */
export interface ChildResult {
  /** The library measured. */
  library: string;
  /** Logging calls made in the timed region. */
  lines: number;
  /** Wall time of the timed region (calls, then flush + fsync unless excluded), in nanoseconds. */
  ns: number;
  /** Calls made before the clock started, into a separate file. */
  warmup: number;
  /** Resident set size after the timed region. */
  rssBytes: number;
  /** Scenario-specific checks made by the child itself (e.g. the format scenario's output). */
  check?: string;
}

/** Warm-up calls for a run of `lines` calls: enough for the JIT to settle, never the bulk. */
export function warmupCount(lines: number): number {
  return Math.max(200, Math.min(20_000, Math.floor(lines / 10)));
}

/** Parses `<library> <lines> <outfile>` from the command line, or exits with a usage message. */
export function parseChildArgs(
  libraries: readonly string[],
  argv: readonly string[] = process.argv.slice(2),
): { library: string; lines: number; outfile: string } {
  const [library, linesText, outfile] = argv;
  const lines = Number(linesText);
  if (
    library === undefined ||
    !libraries.includes(library) ||
    !Number.isSafeInteger(lines) ||
    lines <= 0 ||
    outfile === undefined
  ) {
    process.stderr.write(`usage: <${libraries.join('|')}> <lines> <outfile>\n`);
    process.exit(2);
  }
  return { library, lines, outfile };
}

async function drive(session: Session, n: number, batch: number): Promise<void> {
  if (batch >= n) {
    session.run(n, 0);
    return;
  }
  for (let done = 0; done < n; done += batch) {
    session.run(Math.min(batch, n - done), done);
    await nextTurn();
  }
}

function fsyncFile(file: string): void {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return; // nothing was written (the disabled scenario)
  }
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Runs one (scenario, library) measurement as described in the module comment: a warm-up
 * session into `<outfile>.warm` (deleted), then the timed session into `outfile`.
 */
export async function runScenario(
  setups: Readonly<Record<string, Setup>>,
  options: ScenarioOptions = {},
): Promise<void> {
  const { library, lines, outfile } = parseChildArgs(Object.keys(setups));
  const setup = setups[library]!;
  const batch = options.batch ?? 1000;
  const warmup = options.warmInSession ? lines : warmupCount(lines);

  let session: Session;
  if (options.warmInSession) {
    session = await setup(outfile, 'bench');
    await drive(session, warmup, batch);
    await new Promise((resolve) => setTimeout(resolve, 50));
  } else {
    const warmFile = `${outfile}.warm`;
    const warm = await setup(warmFile, 'warm');
    await drive(warm, warmup, batch);
    await warm.close();
    rmSync(warmFile, { force: true });
    session = await setup(outfile, 'bench');
  }
  const timeClose = options.timeClose ?? true;
  const start = process.hrtime.bigint();
  await drive(session, lines, batch);
  let end = process.hrtime.bigint();
  await session.close();
  if (options.fsync ?? true) fsyncFile(outfile);
  if (timeClose) end = process.hrtime.bigint();
  const ns = Number(end - start);

  const result: ChildResult = {
    library,
    lines,
    ns,
    warmup,
    rssBytes: process.memoryUsage.rss(),
  };
  if (session.check !== undefined) result.check = session.check();
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

/** Resolves once `stream` emitted `event` (or rejects on `'error'`). */
export function once(
  stream: {
    once(event: string, listener: (...args: any[]) => void): unknown;
  },
  event: string,
): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.once(event, () => resolve());
    stream.once('error', reject);
  });
}
