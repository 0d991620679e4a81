import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { LoggingError } from '../../src/errors.js';
import { formatWithSpec } from '../../src/text/format-spec.js';
import { percentFormat } from '../../src/text/percent-format.js';
import { floatRepr, formatFloat } from '../../src/text/py-float.js';
import { isPyInt, pyAscii, pyRepr } from '../../src/text/py-repr.js';

/**
 * Randomised cross-check against a live CPython 3.11: fixed-seed (format, args) pairs,
 * format specs, float reprs and string reprs are generated here, evaluated by one `python3`
 * subprocess, and compared with ours. Values are passed tagged (int / float / str / bigint),
 * following the documented JS → Python mapping (safe integers are ints, other numbers floats).
 */

const probe = spawnSync('python3', ['-c', 'import sys; print(sys.version_info[:2] == (3, 11))'], {
  encoding: 'utf8',
});
const hasPython311 = probe.status === 0 && probe.stdout.trim() === 'True';
const SKIP_REASON = 'skipped: needs python3 3.11 on PATH (the reference interpreter)';

/** mulberry32: a small seeded PRNG, so every run generates the same cases. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rnd = prng(20240611);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
const int = (lo: number, hi: number): number => lo + Math.floor(rnd() * (hi - lo + 1));

type Tagged = { t: 'i' | 'f' | 's' | 'b'; v: string };

function tag(v: unknown): Tagged {
  if (typeof v === 'string') return { t: 's', v };
  if (typeof v === 'bigint') return { t: 'b', v: v.toString() };
  const n = v as number;
  if (isPyInt(n)) return { t: 'i', v: String(n) };
  return { t: 'f', v: Object.is(n, -0) ? '-0.0' : String(n) };
}

const STRINGS = [
  'abc',
  '',
  'x',
  "it's",
  'say "hi"',
  'both \' and "',
  'tab\there',
  'new\nline',
  'back\\slash',
  'é',
  'naïve café',
  '日本語',
  '😀',
  'a😀b',
  '\u00a0nbsp',
  '\u200bzw',
  '\x85nel',
  '\u2028ls',
  '\x7fdel',
  '\x00nul',
  '\ud800lone',
  '%s',
];

function randomDouble(): number {
  const r = rnd();
  if (r < 0.25) {
    const buf = new DataView(new ArrayBuffer(8));
    buf.setUint32(0, Math.floor(rnd() * 2 ** 32));
    buf.setUint32(4, Math.floor(rnd() * 2 ** 32));
    const d = buf.getFloat64(0);
    return Number.isFinite(d) ? d : 1.5;
  }
  if (r < 0.5) return (rnd() - 0.5) * 10 ** int(-8, 22);
  if (r < 0.75) return int(-100000, 100000) / 2 ** int(1, 12);
  return pick([
    0.5,
    1.5,
    2.5,
    -2.5,
    0.125,
    0.375,
    -0.5,
    1e-7,
    1.5e-7,
    1e16,
    1e22,
    123456.789,
    5e-324,
    1.7976931348623157e308,
    -0,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    Number.NaN,
    2 ** 53 + 2,
    2 ** 60,
  ]);
}

function randomValue(): unknown {
  const r = rnd();
  if (r < 0.3)
    return pick([0, 1, -1, 7, 42, -255, 65, 48879, 1114111, 1114112, 2 ** 31, -(2 ** 40)]);
  if (r < 0.4) return int(-1e9, 1e9);
  if (r < 0.7) return randomDouble();
  if (r < 0.9) return pick(STRINGS);
  return pick([2n ** 64n, -(2n ** 70n), 10n ** 30n, 12345678901234567890n]);
}

const CONVERSIONS = 'sradiuoxXeEfFgGc'.split('');

function randomSpec(mapping: boolean): { text: string; stars: number } {
  let s = '%';
  if (mapping) s += `(${pick(['a', 'b', 'c', 'missing'])})`;
  const nflags = int(0, 2);
  for (let i = 0; i < nflags; i++) s += pick(['-', '+', ' ', '#', '0']);
  let stars = 0;
  const w = rnd();
  if (w < 0.15 && !mapping) {
    s += '*';
    stars++;
  } else if (w < 0.5) s += String(int(0, 12));
  const p = rnd();
  if (p < 0.1 && !mapping) {
    s += '.*';
    stars++;
  } else if (p < 0.45) s += `.${int(0, 20)}`;
  else if (p < 0.5) s += '.';
  if (rnd() < 0.05) s += pick(['l', 'h', 'L']);
  s += rnd() < 0.03 ? pick(['z', 'y', '%', 'é']) : pick(CONVERSIONS);
  return { text: s, stars };
}

interface PercentCase {
  fmt: string;
  args: Tagged[] | Record<string, Tagged>;
}

function percentCases(count: number): PercentCase[] {
  const out: PercentCase[] = [];
  for (let k = 0; k < count; k++) {
    const mapping = rnd() < 0.2;
    const nspecs = int(1, 3);
    let fmt = pick(['', 'x=', '[', 'é ', '😀']);
    const args: Tagged[] = [];
    for (let i = 0; i < nspecs; i++) {
      const spec = randomSpec(mapping);
      fmt += spec.text + pick(['', ' ', '|', ' %% ']);
      // '*' takes a small int (sometimes a wrong type), so no case allocates a huge string.
      for (let j = 0; j < spec.stars; j++) {
        args.push(tag(rnd() < 0.9 ? int(-12, 12) : pick<unknown>(['x', 1.5, 2n ** 70n])));
      }
      args.push(tag(randomValue()));
    }
    if (mapping) {
      const map: Record<string, Tagged> = {};
      for (const key of ['a', 'b', 'c']) if (rnd() < 0.9) map[key] = tag(randomValue());
      out.push({ fmt, args: map });
    } else {
      const r = rnd();
      if (r < 0.07) args.pop();
      else if (r < 0.14) args.push(tag(randomValue()));
      out.push({ fmt, args });
    }
  }
  return out;
}

function randomFormatSpec(): string {
  let s = '';
  const a = rnd();
  if (a < 0.2) s += pick(['*', '0', 'x', '😀', ' ']) + pick(['<', '>', '^', '=']);
  else if (a < 0.4) s += pick(['<', '>', '^', '=']);
  if (rnd() < 0.3) s += pick(['+', '-', ' ']);
  if (rnd() < 0.1) s += 'z';
  if (rnd() < 0.2) s += '#';
  if (rnd() < 0.2) s += '0';
  if (rnd() < 0.5) s += String(int(0, 25));
  if (rnd() < 0.2) s += pick([',', '_']);
  if (rnd() < 0.35) s += `.${int(0, 18)}`;
  if (rnd() < 0.8) s += pick('sdbcoxXneEfFgG%'.split('').concat(['', '', 'r', 'q']));
  return s;
}

function formatSpecCases(count: number): { v: Tagged; spec: string }[] {
  const out: { v: Tagged; spec: string }[] = [];
  for (let k = 0; k < count; k++) {
    const r = rnd();
    const v =
      r < 0.35
        ? randomDouble()
        : r < 0.7
          ? int(-1e7, 1e7)
          : r < 0.8
            ? pick([65n, -(2n ** 80n), 2n ** 64n])
            : pick(STRINGS);
    out.push({ v: tag(v), spec: randomFormatSpec() });
  }
  return out;
}

function floatCases(count: number): { v: Tagged; type: string; prec: number; alt: boolean }[] {
  const out: { v: Tagged; type: string; prec: number; alt: boolean }[] = [];
  for (let k = 0; k < count; k++) {
    const v = randomDouble();
    out.push({
      // Always a Python float, even when integral (formatFloat takes a double).
      v: { t: 'f', v: Object.is(v, -0) ? '-0.0' : String(v) },
      type: pick(['e', 'E', 'f', 'F', 'g', 'G', 'r']),
      prec: pick([0, 1, 2, 3, 6, 10, 15, 16, 17, 20, 40, 60, 110]),
      alt: rnd() < 0.25,
    });
  }
  return out;
}

const PYTHON = `
import json, sys
def val(t):
    k, v = t['t'], t['v']
    if k == 'i' or k == 'b': return int(v)
    if k == 's': return v
    return float({'Infinity': 'inf', '-Infinity': '-inf', 'NaN': 'nan'}.get(v, v))
def run(f):
    try:
        return {'ok': f()}
    except Exception as e:
        return {'error': type(e).__name__, 'message': str(e)}
data = json.load(sys.stdin)
out = {}
out['percent'] = [run(lambda c=c: c['fmt'] % (tuple(val(a) for a in c['args']) if isinstance(c['args'], list) else {k: val(a) for k, a in c['args'].items()})) for c in data['percent']]
out['spec'] = [run(lambda c=c: format(val(c['v']), c['spec'])) for c in data['spec']]
def ffmt(c):
    x = val(c['v'])
    if c['type'] == 'r': return repr(x)
    return ('%' + ('#' if c['alt'] else '') + '.' + str(c['prec']) + c['type']) % x
out['float'] = [run(lambda c=c: ffmt(c)) for c in data['float']]
out['repr'] = [run(lambda s=s: [repr(s), ascii(s)]) for s in data['repr']]
sys.stdout.write(json.dumps(out))
`;

function untag(t: Tagged): unknown {
  if (t.t === 's') return t.v;
  if (t.t === 'b') return BigInt(t.v);
  return Number(t.v);
}

function ours(f: () => unknown): unknown {
  try {
    return { ok: f() };
  } catch (e) {
    if (e instanceof LoggingError) return { error: e.pythonType, message: e.message };
    return { error: `JS ${String(e)}`, message: '' };
  }
}

describe.skipIf(!hasPython311)(
  `printf / format-spec / float / repr vs live CPython 3.11 (${hasPython311 ? 'python3 found' : SKIP_REASON})`,
  () => {
    const data = {
      percent: percentCases(1500),
      spec: formatSpecCases(1500),
      float: floatCases(1500),
      repr: Array.from({ length: 300 }, () => {
        let s = '';
        const n = int(0, 4);
        for (let i = 0; i < n; i++) s += pick(STRINGS);
        return s;
      }),
    };
    const result = hasPython311
      ? spawnSync('python3', ['-c', PYTHON], {
          input: JSON.stringify(data),
          encoding: 'utf8',
          maxBuffer: 64 * 1024 * 1024,
        })
      : null;
    if (result && result.status !== 0) throw new Error(`python3 failed: ${result.stderr}`);
    const expected = result
      ? (JSON.parse(result.stdout) as Record<'percent' | 'spec' | 'float' | 'repr', unknown[]>)
      : { percent: [], spec: [], float: [], repr: [] };

    it('percentFormat() of 1,500 random (format, args) pairs matches fmt % args', () => {
      const mismatches = data.percent
        .map((c, i) => {
          const args = Array.isArray(c.args)
            ? c.args.map(untag)
            : Object.fromEntries(Object.entries(c.args).map(([k, v]) => [k, untag(v)]));
          const got = ours(() => percentFormat(c.fmt, args));
          return { fmt: c.fmt, args: c.args, got, want: expected.percent[i] };
        })
        .filter((m) => JSON.stringify(m.got) !== JSON.stringify(m.want));
      expect(mismatches).toEqual([]);
    });

    it('formatWithSpec() of 1,500 random (value, spec) pairs matches format(value, spec)', () => {
      const mismatches = data.spec
        .map((c, i) => ({
          c,
          got: ours(() => formatWithSpec(untag(c.v), c.spec)),
          want: expected.spec[i],
        }))
        .filter((m) => JSON.stringify(m.got) !== JSON.stringify(m.want));
      expect(mismatches).toEqual([]);
    });

    it('formatFloat()/floatRepr() of 1,500 random doubles match %e %f %g and repr()', () => {
      const mismatches = data.float
        .map((c, i) => {
          const x = untag(c.v) as number;
          const got = ours(() =>
            c.type === 'r' ? floatRepr(x) : formatFloat(x, c.type as 'e', c.prec, c.alt),
          );
          return { c, got, want: expected.float[i] };
        })
        .filter((m) => JSON.stringify(m.got) !== JSON.stringify(m.want));
      expect(mismatches).toEqual([]);
    });

    it('pyRepr()/pyAscii() of 300 random strings match repr() and ascii()', () => {
      const mismatches = data.repr
        .map((s, i) => ({ s, got: ours(() => [pyRepr(s), pyAscii(s)]), want: expected.repr[i] }))
        .filter((m) => JSON.stringify(m.got) !== JSON.stringify(m.want));
      expect(mismatches).toEqual([]);
    });
  },
);
