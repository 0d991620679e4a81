/**
 * Runs batches of `time.localtime` / `time.gmtime` / `time.strftime` / `time.mktime` calls in a
 * CPython 3.11 child process with a given `TZ` (and `LC_ALL=C`), for the live cross-checks.
 * Tests skip, with `skipReason`, when no CPython 3.11 is on the PATH.
 */
import { spawnSync } from 'node:child_process';
import type { StructTime } from '../struct-time.js';

/** Where a request's struct comes from: a converter applied to seconds, or a literal tuple. */
export type TimeSource =
  | { readonly conv: 'localtime' | 'gmtime'; readonly secs: number | 'nan' | 'inf' | '-inf' }
  | { readonly conv: 'tuple'; readonly tuple: readonly unknown[] };

/** One call: the struct itself, `strftime(fmt, struct)` or `mktime(struct)`. */
export type TimeRequest = TimeSource &
  (
    | { readonly op: 'struct' }
    | { readonly op: 'strftime'; readonly fmt: string }
    | { readonly op: 'mktime' }
  );

/** A call's outcome, in the conformance vectors' shape. */
export type TimeOutcome = { ok: unknown } | { error: string; message: string };

const SCRIPT = `
import json, sys, time
out = []
def secs(v):
    return float(v) if isinstance(v, str) else v
for r in json.load(sys.stdin):
    try:
        if r['conv'] == 'localtime': st = time.localtime(secs(r['secs']))
        elif r['conv'] == 'gmtime': st = time.gmtime(secs(r['secs']))
        else: st = time.struct_time(r['tuple'])
        if r['op'] == 'struct':
            out.append({'ok': [st.tm_year, st.tm_mon, st.tm_mday, st.tm_hour, st.tm_min, st.tm_sec,
                               st.tm_wday, st.tm_yday, st.tm_isdst, st.tm_zone, st.tm_gmtoff]})
        elif r['op'] == 'mktime':
            out.append({'ok': time.mktime(st)})
        else:
            out.append({'ok': time.strftime(r['fmt'], st)})
    except Exception as e:
        out.append({'error': type(e).__name__, 'message': str(e)})
json.dump(out, sys.stdout)
`;

/**
 * Sent first in every batch, on both sides: glibc's mktime remembers the offset of its last
 * result as the next guess, so one unambiguous call puts both processes in the same state.
 */
const CALIBRATE: TimeRequest = {
  conv: 'tuple',
  tuple: [2024, 1, 15, 12, 0, 0, 0, 15, -1],
  op: 'mktime',
};

function findPython(): string | null {
  for (const exe of ['python3.11', 'python3']) {
    const r = spawnSync(exe, ['-c', 'import sys; print(sys.version_info[:2] == (3, 11))'], {
      encoding: 'utf8',
    });
    if (r.status === 0 && r.stdout.trim() === 'True') return exe;
  }
  return null;
}

/** The CPython 3.11 executable, or null. */
export const python: string | null = findPython();

/** Why the live cross-checks are skipped, when they are. */
export const skipReason = 'CPython 3.11 (python3.11 or python3) is not on the PATH';

/** A cross-check suite's title, saying why it is skipped when it is. */
export function crossCheckTitle(title: string, reason: string | null = skipReason): string {
  return python === null && reason !== null ? `${title} (skipped: ${reason})` : title;
}

/**
 * Runs `requests` in one CPython child with `TZ=tz` (`undefined` = unset) and `LC_ALL=C`.
 * Seconds may be passed as the strings `'nan'`, `'inf'`, `'-inf'`.
 */
export function runCPython(
  tz: string | undefined,
  requests: readonly TimeRequest[],
): TimeOutcome[] {
  if (python === null) throw new Error(skipReason);
  const env: Record<string, string | undefined> = { ...process.env, LC_ALL: 'C' };
  delete env.TZ;
  if (tz !== undefined) env.TZ = tz;
  const r = spawnSync(python, ['-c', SCRIPT], {
    input: JSON.stringify([CALIBRATE, ...requests]),
    env,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    timeout: 120_000,
  });
  if (r.status !== 0) throw new Error(`python failed: ${r.error ?? r.stderr}`);
  return (JSON.parse(r.stdout) as TimeOutcome[]).slice(1);
}

/** A struct's fields in CPython's order, as the child reports them. */
export function structFields(t: StructTime): unknown[] {
  return [
    t.tm_year,
    t.tm_mon,
    t.tm_mday,
    t.tm_hour,
    t.tm_min,
    t.tm_sec,
    t.tm_wday,
    t.tm_yday,
    t.tm_isdst,
    t.tm_zone,
    t.tm_gmtoff,
  ];
}

/** A `StructTime` from a 9- or 11-item tuple (zone '' and offset 0 when absent). */
export function structFromTuple(tuple: readonly unknown[]): StructTime {
  const [tm_year, tm_mon, tm_mday, tm_hour, tm_min, tm_sec, tm_wday, tm_yday, tm_isdst] = tuple;
  return {
    tm_year,
    tm_mon,
    tm_mday,
    tm_hour,
    tm_min,
    tm_sec,
    tm_wday,
    tm_yday,
    tm_isdst,
    tm_zone: tuple[9] ?? '',
    tm_gmtoff: tuple[10] ?? 0,
  } as StructTime;
}

/** A small seeded PRNG (mulberry32), so every run checks the same cases. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every glibc conversion, for the all-directives cross-checks. */
export const ALL_DIRECTIVES =
  '%a|%A|%b|%B|%c|%C|%d|%D|%e|%F|%g|%G|%h|%H|%I|%j|%k|%l|%m|%M|%n|%p|%P|%r|%R|%s|%S|%t|%T|%u|%U|%V|%w|%W|%x|%X|%y|%Y|%z|%Z|%%';

const SPECIAL: Record<string, number> = { nan: Number.NaN, inf: Infinity, '-inf': -Infinity };

/**
 * Runs `requests` through this package's `localtime`/`gmtime`/`strftime`/`mktime` with
 * `process.env.TZ` set to `tz` for the duration (then restored), in the same shape and order
 * as `runCPython` (order matters: `mktime` keeps glibc's guess from call to call).
 */
export function runOurs(
  tz: string | undefined,
  requests: readonly TimeRequest[],
  impl: {
    localtime: (s: number) => StructTime;
    gmtime: (s: number) => StructTime;
    strftime: (f: string, t: StructTime) => string;
    mktime: (t: StructTime) => number;
  },
): TimeOutcome[] {
  const saved = process.env.TZ;
  if (tz === undefined) delete process.env.TZ;
  else process.env.TZ = tz;
  try {
    return [CALIBRATE, ...requests]
      .map((r): TimeOutcome => {
        try {
          let st: StructTime;
          if (r.conv === 'tuple') st = structFromTuple(r.tuple);
          else {
            const secs = typeof r.secs === 'string' ? SPECIAL[r.secs as string]! : r.secs;
            st = r.conv === 'localtime' ? impl.localtime(secs) : impl.gmtime(secs);
          }
          if (r.op === 'struct') return { ok: structFields(st) };
          if (r.op === 'mktime') return { ok: impl.mktime(st) };
          return { ok: impl.strftime(r.fmt, st) };
        } catch (e) {
          const err = e as { pythonType?: string; message?: string };
          return { error: err.pythonType ?? String(e), message: String(err.message) };
        }
      })
      .slice(1);
  } finally {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  }
}
