/**
 * @internal The compact form of a batch of record dicts on a `MessagePort`. Records of one
 * thread share most values (`threadName`, `process`, the caller placeholders, nulls), and
 * structured cloning costs per value, so a batch is a flat array in which each record
 * sends only the values that differ from the previous record's:
 *
 *   [BATCH_TAG, KEYS_TAG, keys, v0, ... vn,   first record (or a new key list): all values
 *    mask, vi, vj, ...,                       next records with the same keys: a bit mask of
 *    ...]                                     the values that changed, then those values
 *
 * Records with more than 32 keys are always sent whole. Objects are always sent (they may
 * have changed in place). The state never spans two messages.
 */

/** First element of an encoded batch. */
export const BATCH_TAG = 'logweave.batch.v1';
/** Announces a new key list (masks are numbers, so a string cannot be mistaken for one). */
const KEYS_TAG = 'keys';

/** Encodes record dicts (plain objects) as one batch message. */
export function encodeBatch(records: readonly unknown[]): unknown[] {
  const out: unknown[] = [BATCH_TAG];
  let keys: string[] | null = null;
  const prev: unknown[] = [];
  for (const record of records) {
    const r = record as Record<string, unknown>;
    if (keys !== null) {
      // The same keys in the same order (up to 32): a mask, then the changed values.
      const at = out.length;
      out.push(0);
      let mask = 0;
      let j = 0;
      let same = true;
      for (const k in r) {
        if (j >= 32 || keys[j] !== k) {
          same = false;
          break;
        }
        const v = r[k];
        if (v !== prev[j] || (typeof v === 'object' && v !== null)) {
          mask |= 1 << j;
          out.push(v);
          prev[j] = v;
        }
        j++;
      }
      if (same && j === keys.length) {
        out[at] = mask;
        continue;
      }
      out.length = at;
    }
    // A new key list (or more than 32 keys): the whole record.
    keys = [];
    out.push(KEYS_TAG, keys);
    let j = 0;
    for (const k in r) {
      const v = r[k];
      keys.push(k);
      prev[j++] = v;
      out.push(v);
    }
  }
  return out;
}

/** Whether a message is an encoded batch. */
export function isBatch(message: unknown): message is unknown[] {
  return Array.isArray(message) && message[0] === BATCH_TAG;
}

/** Decodes a batch into record dicts, calling `each` for every one, in order. */
export function decodeBatch(batch: readonly unknown[], each: (record: object) => void): void {
  let keys: string[] = [];
  const prev: unknown[] = [];
  let p = 1;
  const n = batch.length;
  while (p < n) {
    const record: Record<string, unknown> = {};
    if (batch[p] === KEYS_TAG) {
      keys = batch[p + 1] as string[];
      p += 2;
      for (let j = 0; j < keys.length; j++) {
        const v = batch[p++];
        prev[j] = v;
        record[keys[j]!] = v;
      }
    } else {
      const mask = batch[p++] as number;
      for (let j = 0; j < keys.length; j++) {
        if ((mask & (1 << j)) !== 0) prev[j] = batch[p++];
        record[keys[j]!] = prev[j];
      }
    }
    each(record);
  }
}
