/**
 * Child process of asctime.test.ts: runs every `asctime` vector of one time zone through the
 * real Formatter API, in a process started with that zone's `TZ` (and `LC_ALL=C`), exactly as
 * the vectors' README describes, and prints `{tz, results}` as JSON on stdout.
 *
 * Usage: node --import tsx asctime-child.ts <vectors.json>...
 */
import { readFileSync } from 'node:fs';
import { Formatter } from '../../src/formatter.js';
import { makeLogRecord } from '../../src/record.js';
import { gmtime } from '../../src/time/converters.js';

interface AsctimeCase {
  id: string;
  family: string;
  tz: string;
  converter: 'localtime' | 'gmtime';
  created: number;
  msecs: number;
  datefmt: string | null;
  default_time_format?: string;
  default_msec_format?: string | null;
}

/** What the child reports for one case. */
export type AsctimeResult =
  | { formatTime: string; format: string }
  | { error: string; message: string };

const tz = process.env.TZ;
const results: Record<string, AsctimeResult> = {};
for (const file of process.argv.slice(2)) {
  const vectors = JSON.parse(readFileSync(file, 'utf8')) as { cases: AsctimeCase[] };
  for (const c of vectors.cases) {
    if (c.family !== 'asctime' || c.tz !== tz) continue;
    try {
      const f = new Formatter('%(asctime)s', c.datefmt ?? undefined);
      if (c.converter === 'gmtime') f.converter = gmtime;
      if ('default_time_format' in c) f.default_time_format = c.default_time_format!;
      if ('default_msec_format' in c) f.default_msec_format = c.default_msec_format!;
      const record = () => makeLogRecord({ created: c.created, msecs: c.msecs });
      results[c.id] = {
        formatTime: f.formatTime(record(), c.datefmt ?? undefined),
        format: f.format(record()),
      };
    } catch (e) {
      const err = e as { pythonType?: string; name?: string; message?: string };
      results[c.id] = {
        error: err.pythonType ?? err.name ?? 'Error',
        message: String(err.message),
      };
    }
  }
}
process.stdout.write(JSON.stringify({ tz, results }));
