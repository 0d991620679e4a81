import { StringDecoder } from 'node:string_decoder';
import { Writable } from 'node:stream';
import {
  type AdapterTarget,
  checkLevel,
  INFO,
  type Level,
  registerLoggingSourceFile,
} from '@logweave/core';

registerLoggingSourceFile(import.meta.url);

/** Options of a {@link LoggerWriter}. */
export interface LoggerWriterOptions {
  /**
   * Strip a trailing `\r` from each line (CRLF output of child processes).
   * @default true
   */
  stripCR?: boolean;
}

/**
 * The cookbook's "logger as an output stream": a `Writable` whose writes become records at
 * `level` on `logger`. This class logs each `write()` on its own, split at newlines (a write of
 * `'a\nb\n'` logs `a` and `b`; a lone newline logs nothing), like the recipe's `LoggerWriter`,
 * whose `print()` makes one write per line. Use {@link BufferingLoggerWriter} when writers
 * split lines over several writes.
 *
 * Writes are processed synchronously, so a record is made on the writer's async chain (its
 * context fields are the writer's), and `write()` never blocks on I/O.
 */
export class LoggerWriter extends Writable {
  /** The logger (or adapter) records go to. */
  readonly logger: AdapterTarget;
  /** The level of the records. */
  readonly level: number;
  /** Whether a trailing `\r` is removed from lines. */
  readonly stripCR: boolean;
  /** @internal */
  protected readonly decoder = new StringDecoder('utf8');

  /**
   * @param logger where the lines go
   * @param level the records' level. @default INFO
   * @param options see {@link LoggerWriterOptions}
   */
  constructor(logger: AdapterTarget, level: Level = INFO, options: LoggerWriterOptions = {}) {
    super({ decodeStrings: false });
    this.logger = logger;
    this.level = checkLevel(level);
    this.stripCR = options.stripCR ?? true;
  }

  /** Logs one line (the override point: change the level per line, add fields ...). */
  protected logLine(line: string): void {
    if (this.stripCR && line.endsWith('\r')) line = line.slice(0, -1);
    this.logger.log(this.level, line);
  }

  /** Handles the text of one write (already decoded). */
  protected handleText(text: string): void {
    if (text === '\n') return;
    const parts = text.split('\n');
    if (parts[parts.length - 1] === '') parts.pop();
    for (const part of parts) this.logLine(part);
  }

  override _write(
    chunk: unknown,
    encoding: BufferEncoding | 'buffer',
    callback: (error?: Error | null) => void,
  ): void {
    try {
      const text =
        typeof chunk === 'string'
          ? encoding === 'buffer' || encoding === 'utf8' || encoding === 'utf-8'
            ? chunk
            : Buffer.from(chunk, encoding).toString('utf8')
          : this.decoder.write(chunk as Buffer);
      if (text !== '') this.handleText(text);
      callback();
    } catch (e) {
      callback(e as Error);
    }
  }

  override _final(callback: (error?: Error | null) => void): void {
    try {
      const rest = this.decoder.end();
      if (rest !== '') this.handleText(rest);
      this.flushPartial();
      callback();
    } catch (e) {
      callback(e as Error);
    }
  }

  /** Logs a partial line kept from earlier writes, if any (nothing here). */
  flushPartial(): void {}
}

/**
 * A {@link LoggerWriter} that joins partial writes: text without a newline is kept until a
 * later write completes the line (the recipe's `BufferingLoggerWriter`); what remains when the
 * stream ends, or on `flushPartial()`, is logged as a last line. The kept text is bounded by
 * `maxLineLength` (a longer line is logged in pieces of that size).
 */
export class BufferingLoggerWriter extends LoggerWriter {
  /** The text of the incomplete line. */
  buffer = '';
  /** The longest partial line kept before it is logged as is. */
  readonly maxLineLength: number;

  /**
   * @param logger where the lines go
   * @param level the records' level. @default INFO
   * @param options also `maxLineLength` (UTF-16 units). @default 1,048,576
   */
  constructor(
    logger: AdapterTarget,
    level: Level = INFO,
    options: LoggerWriterOptions & { maxLineLength?: number } = {},
  ) {
    super(logger, level, options);
    this.maxLineLength = options.maxLineLength ?? 1024 * 1024;
  }

  protected override handleText(text: string): void {
    const nl = text.indexOf('\n');
    if (nl < 0) {
      this.buffer += text;
      while (this.buffer.length > this.maxLineLength) {
        this.logLine(this.buffer.slice(0, this.maxLineLength));
        this.buffer = this.buffer.slice(this.maxLineLength);
      }
      return;
    }
    const parts = text.split('\n');
    const first = this.buffer + parts.shift()!;
    this.buffer = parts.pop()!;
    this.logLine(first);
    for (const part of parts) this.logLine(part);
  }

  /** Logs the incomplete line, if any. */
  override flushPartial(): void {
    if (this.buffer !== '') {
      const rest = this.buffer;
      this.buffer = '';
      this.logLine(rest);
    }
  }
}

/** A stream whose `write` can be redirected (`process.stdout`, `process.stderr`). */
interface WriteTarget {
  write: (...args: never[]) => boolean;
}

/**
 * Sends everything written to `stream` (usually `process.stdout` or `process.stderr`, which
 * `console.log` uses) to `writer` instead — Python's `sys.stdout = LoggerWriter(...)`. Returns
 * a disposable that restores the stream (`using`, or call it). Handlers writing to that same
 * stream would loop, so give them their own file descriptor (`new FdDestination(2)`).
 */
export function redirectStream(
  stream: WriteTarget,
  writer: LoggerWriter,
): (() => void) & Disposable {
  const original = stream.write;
  const write = (chunk: unknown, encoding?: unknown, cb?: unknown): boolean => {
    const callback = typeof encoding === 'function' ? encoding : cb;
    const enc = typeof encoding === 'string' ? (encoding as BufferEncoding) : undefined;
    if (enc !== undefined) writer.write(chunk, enc);
    else writer.write(chunk);
    if (typeof callback === 'function') process.nextTick(callback as () => void);
    return true;
  };
  stream.write = write as unknown as WriteTarget['write'];
  const restore = (() => {
    if (stream.write === (write as unknown)) stream.write = original;
  }) as (() => void) & Disposable;
  restore[Symbol.dispose] = restore;
  return restore;
}
