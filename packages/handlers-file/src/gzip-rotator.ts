import {
  closeSync,
  createReadStream,
  createWriteStream,
  existsSync,
  fsync,
  openSync,
  readdirSync,
  renameSync,
  unlinkSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { BackupTracker, BaseRotatingHandler } from './base-rotating-handler.js';

/** Options of {@link GzipRotator}. */
export interface GzipRotatorOptions {
  /** zlib's compression level, 0–9. @default 6 */
  level?: number;
  /**
   * Called when compressing a backup fails (the uncompressed `<name>.gz.pending` is kept,
   * and the next start tries again). Defaults to one line on stderr.
   */
  onError?: (error: unknown, dest: string) => void;
}

interface Job {
  dest: string;
  cancelled: boolean;
  done: Promise<void>;
  abort: () => void;
}

const PENDING = '.pending';
const TMP = '.tmp';

function unlinkQuiet(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone.
  }
}

function fsyncAsync(fd: number): Promise<void> {
  return new Promise((resolve, reject) => fsync(fd, (e) => (e ? reject(e) : resolve())));
}

/**
 * Recipe 21's gzip `rotator` and `.gz` `namer`, without blocking the event loop and safe
 * against a crash. `rotate(source, dest)` only renames `source` to `<dest>.pending` (fast
 * and synchronous); the compression then streams through zlib (in libuv's thread pool) into
 * `<dest>.tmp`, which is synced to disk and renamed to `dest` before `<dest>.pending` is
 * removed. A kill at any moment leaves the uncompressed original or a complete `.gz`, never
 * a partial or 0-byte `.gz`, and {@link GzipRotator.attach} finishes interrupted jobs when
 * the next process starts.
 *
 * While a backup is being compressed the handler still sees it (through the
 * {@link BackupTracker} interface), so a rollover that shifts `.1.gz` to `.2.gz` retargets
 * the job instead of losing or overwriting it.
 *
 * ```ts
 * const h = new RotatingFileHandler('app.log', { maxBytes: 1_000_000, backupCount: 5 });
 * new GzipRotator().attach(h); // sets h.namer, h.rotator and h.backupTracker
 * ```
 */
export class GzipRotator implements BackupTracker {
  /** The namer: `name` → `name.gz`. */
  readonly namer = (name: string): string => `${name}.gz`;
  /** The rotator: renames `source` to `<dest>.pending` and starts compressing it to `dest`. */
  readonly rotator = (source: string, dest: string): void => this.rotate(source, dest);
  readonly #level: number;
  readonly #onError: (error: unknown, dest: string) => void;
  readonly #jobs = new Map<string, Job>();

  constructor(options: GzipRotatorOptions = {}) {
    this.#level = options.level ?? 6;
    this.#onError =
      options.onError ??
      ((e, dest) => {
        try {
          process.stderr.write(
            `logweave: compressing ${dest} failed (${String(e)}); kept ${dest}${PENDING}\n`,
          );
        } catch {
          // Nowhere left to report.
        }
      });
  }

  /**
   * Installs this rotator on `handler` (its `namer`, `rotator` and `backupTracker`) and
   * finishes the compressions an earlier process left unfinished next to its file.
   */
  attach(handler: BaseRotatingHandler): this {
    handler.namer = this.namer;
    handler.rotator = this.rotator;
    handler.backupTracker = this;
    this.recover(handler.baseFilename);
    return this;
  }

  /**
   * Finishes interrupted work for backups of `baseFilename`: a `<x>.gz.pending` whose `.gz`
   * exists is removed (the job had completed), any other is compressed again; a stray
   * `<x>.gz.tmp` is removed.
   */
  recover(baseFilename: string): void {
    const dir = dirname(baseFilename);
    const base = basename(baseFilename);
    for (const name of readdirSync(dir)) {
      if (!name.startsWith(base)) continue;
      const path = join(dir, name);
      if (name.endsWith(`.gz${PENDING}`)) {
        const dest = path.slice(0, -PENDING.length);
        if (this.#jobs.has(dest)) continue;
        if (existsSync(dest)) unlinkQuiet(path);
        else this.#start(dest);
      } else if (name.endsWith(`.gz${TMP}`)) {
        const dest = path.slice(0, -TMP.length);
        if (!this.#jobs.has(dest) && !existsSync(`${dest}${PENDING}`)) unlinkQuiet(path);
      }
    }
  }

  /** Moves `source` aside as `<dest>.pending` and compresses it to `dest` in the background. */
  rotate(source: string, dest: string): void {
    if (!existsSync(source)) return;
    renameSync(source, `${dest}${PENDING}`);
    this.#start(dest);
  }

  /** Whether `name` is a backup still being compressed. */
  has(name: string): boolean {
    return this.#jobs.has(name);
  }

  /** The backup being compressed as `from` will be written as `to`. */
  move(from: string, to: string): void {
    const job = this.#jobs.get(from);
    if (job === undefined) return;
    renameSync(`${from}${PENDING}`, `${to}${PENDING}`);
    if (existsSync(`${from}${TMP}`)) renameSync(`${from}${TMP}`, `${to}${TMP}`);
    this.#jobs.delete(from);
    job.dest = to;
    this.#jobs.set(to, job);
  }

  /** Drops the backup being compressed as `name` (its files are removed). */
  discard(name: string): void {
    const job = this.#jobs.get(name);
    if (job === undefined) return;
    this.#jobs.delete(name);
    job.cancelled = true;
    job.abort();
    unlinkQuiet(`${name}${PENDING}`);
    unlinkQuiet(`${name}${TMP}`);
  }

  /** The names of the backups still being compressed. */
  pendingNames(): Iterable<string> {
    return [...this.#jobs.keys()];
  }

  /** How many compressions are running. */
  get pending(): number {
    return this.#jobs.size;
  }

  /** Resolves when every compression started so far has finished (or failed). */
  async drain(): Promise<void> {
    while (this.#jobs.size > 0) {
      await Promise.all([...this.#jobs.values()].map((j) => j.done));
    }
  }

  #start(dest: string): void {
    const controller = new AbortController();
    const job: Job = {
      dest,
      cancelled: false,
      done: Promise.resolve(),
      abort: () => controller.abort(),
    };
    // Both files are opened now, so renames by move() never affect the streams.
    const inFd = openSync(`${dest}${PENDING}`, 'r');
    let outFd: number;
    try {
      outFd = openSync(`${dest}${TMP}`, 'w');
    } catch (e) {
      closeSync(inFd);
      throw e;
    }
    this.#jobs.set(dest, job);
    let outOpen = true;
    const run = async (): Promise<void> => {
      try {
        await pipeline(
          createReadStream('', { fd: inFd, autoClose: true }),
          createGzip({ level: this.#level }),
          createWriteStream('', { fd: outFd, autoClose: false }),
          { signal: controller.signal },
        );
        await fsyncAsync(outFd);
        outOpen = false;
        closeSync(outFd);
        if (job.cancelled) return;
        renameSync(`${job.dest}${TMP}`, job.dest);
        unlinkQuiet(`${job.dest}${PENDING}`);
      } catch (e) {
        if (outOpen) {
          outOpen = false;
          try {
            closeSync(outFd);
          } catch {
            // Nothing more to do with it.
          }
        }
        if (!job.cancelled) {
          unlinkQuiet(`${job.dest}${TMP}`);
          this.#onError(e, job.dest);
        }
      } finally {
        if (this.#jobs.get(job.dest) === job) this.#jobs.delete(job.dest);
      }
    };
    job.done = run();
  }
}
