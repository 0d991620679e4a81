import { appendFileSync, existsSync, readFileSync, renameSync, unlinkSync } from 'node:fs';

/** A request body ready to send, with the number of records it carries. */
export interface OTLPBatch {
  records: number;
  body: Uint8Array;
  /** Whether it came from the spool of an earlier run. */
  spooled?: boolean;
}

/**
 * The opt-in spool file: requests the exit path could not send in time are appended to it
 * synchronously (one JSON line each: record count and base64 body, already encoded and
 * compressed), and the next handler created with the same path sends them first.
 */
export class OTLPSpool {
  readonly path: string;

  constructor(path: string) {
    this.path = path;
  }

  /** Appends batches synchronously (safe in `'exit'` listeners). */
  write(batches: readonly OTLPBatch[]): void {
    if (batches.length === 0) return;
    let text = '';
    for (const b of batches) {
      text += `${JSON.stringify({ n: b.records, b: Buffer.from(b.body).toString('base64') })}\n`;
    }
    appendFileSync(this.path, text);
  }

  /**
   * Takes the spooled batches out of the file (which is removed: if they cannot be sent
   * before the next exit, the exit path spools them again). Unreadable lines are skipped.
   */
  take(): OTLPBatch[] {
    if (!existsSync(this.path)) return [];
    const claimed = `${this.path}.${process.pid}.taking`;
    try {
      renameSync(this.path, claimed);
    } catch {
      return [];
    }
    const out: OTLPBatch[] = [];
    try {
      for (const line of readFileSync(claimed, 'utf8').split('\n')) {
        if (line === '') continue;
        try {
          const o = JSON.parse(line) as { n: number; b: string };
          if (Number.isInteger(o.n) && typeof o.b === 'string') {
            out.push({ records: o.n, body: Buffer.from(o.b, 'base64'), spooled: true });
          }
        } catch {
          // a torn line from a crash mid-write: skip it
        }
      }
    } finally {
      unlinkSync(claimed);
    }
    return out;
  }
}
