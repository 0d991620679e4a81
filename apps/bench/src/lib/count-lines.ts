/** Counting what a benchmark child really wrote. */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';

/** Lines (`\n` bytes) and total bytes of a file. */
export interface LineCount {
  /** Number of `\n` bytes. */
  lines: number;
  /** File size in bytes. */
  bytes: number;
}

/**
 * Counts the `\n` bytes of `file` by streaming it (output files reach tens of megabytes).
 * A missing file counts as zero lines and zero bytes.
 */
export async function countLines(file: string): Promise<LineCount> {
  try {
    await stat(file);
  } catch {
    return { lines: 0, bytes: 0 };
  }
  let lines = 0;
  let bytes = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
    const buf = chunk as Buffer;
    bytes += buf.length;
    let at = buf.indexOf(10);
    while (at !== -1) {
      lines++;
      at = buf.indexOf(10, at + 1);
    }
  }
  return { lines, bytes };
}
