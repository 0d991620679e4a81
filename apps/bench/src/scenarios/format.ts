/**
 * `format`: `Formatter.format(record)` alone, no I/O, for the `%`, `{` and `$` versions of
 * '%(asctime)s %(levelname)-8s %(name)s %(message)s', against a hand-written template-literal
 * function producing the same string (its date part cached per second, as any fast hand-written
 * logger would). Records come from a pool spread over a few seconds, so the second changes now
 * and then, as it does in a real stream of records.
 */
import type { Formatter, LogRecord } from '@logweave/core';
import { runScenario, type Session, type Setup } from '../lib/harness.js';

/** The three spellings of the layout, with their Formatter `style`. */
export const FORMATS = {
  percent: { fmt: '%(asctime)s %(levelname)-8s %(name)s %(message)s', style: '%' },
  brace: { fmt: '{asctime} {levelname:<8} {name} {message}', style: '{' },
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a string.Template format, not JS.
  dollar: { fmt: '${asctime} ${levelname} ${name} ${message}', style: '$' },
} as const;

const POOL = 1000;
const LEVELS = [20, 30, 40, 10] as const;

async function records(): Promise<LogRecord[]> {
  const { LogRecord } = await import('@logweave/core');
  const base = Math.floor(Date.now() / 1000);
  const pool: LogRecord[] = [];
  for (let k = 0; k < POOL; k++) {
    const r = new LogRecord(
      'bench',
      LEVELS[k % 4]!,
      '/srv/app/bench.js',
      42,
      'hello world',
      null,
      null,
    );
    // Records 1 ms apart (created as LogRecord computes it, msecs included).
    const created = base + k / 1000;
    r.created = created;
    r.msecs = Math.trunc((created - Math.trunc(created)) * 1000);
    pool.push(r);
  }
  return pool;
}

function two(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}

function three(n: number): string {
  return n < 10 ? `00${n}` : n < 100 ? `0${n}` : `${n}`;
}

/**
 * The hand-written reference: a template literal with the local date cached per second.
 * `pad` says whether the level name is padded to 8 (the `$` style cannot pad).
 */
export function handwritten(pad: boolean): (r: LogRecord) => string {
  let lastSec = Number.NaN;
  let lastDate = '';
  return (r) => {
    const sec = Math.floor(r.created);
    if (sec !== lastSec) {
      const d = new Date(sec * 1000);
      lastSec = sec;
      lastDate = `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
    }
    const level = pad ? r.levelname.padEnd(8) : r.levelname;
    return `${lastDate},${three(Math.trunc(r.msecs))} ${level} ${r.name} ${r.msg as string}`;
  };
}

/** A session formatting `pool` round-robin with `format`, checked against `reference`. */
function session(
  pool: readonly LogRecord[],
  format: (r: LogRecord) => string,
  reference: (r: LogRecord) => string,
): Session {
  let bytes = 0;
  return {
    run(n) {
      let k = 0;
      for (let i = 0; i < n; i++) {
        bytes += format(pool[k]!).length;
        if (++k === pool.length) k = 0;
      }
    },
    close: async () => {},
    check() {
      if (bytes === 0) return 'nothing formatted';
      for (const r of pool) {
        const got = format(r);
        const want = reference(r);
        if (got !== want) return `got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`;
      }
      return 'ok';
    },
  };
}

function logweave(variant: keyof typeof FORMATS): Setup {
  return async () => {
    const { Formatter } = await import('@logweave/core');
    const { fmt, style } = FORMATS[variant];
    const formatter: Formatter = new Formatter(fmt, undefined, style);
    return session(await records(), (r) => formatter.format(r), handwritten(style !== '$'));
  };
}

const setups: Record<string, Setup> = {
  async handwritten() {
    const format = handwritten(true);
    return session(await records(), format, handwritten(true));
  },
  'logweave-percent': logweave('percent'),
  'logweave-brace': logweave('brace'),
  'logweave-dollar': logweave('dollar'),
};

await runScenario(setups, { batch: Number.POSITIVE_INFINITY, fsync: false });
