/**
 * Live cross-check of Formatter.format() against CPython's logging.Formatter: a few thousand
 * seeded random formats in the three styles (valid and invalid, with and without validation,
 * defaults, and asctime under gmtime with assorted datefmts) over the five conformance
 * records, run through `python3` in one subprocess.
 */
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${name}` is string.Template syntax here.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type FormatterCase, loadFamily, runFormatterCase } from '../conformance/formatter-case.js';

const hasPython = spawnSync('python3', ['--version']).status === 0;

/** The five distinct records of the formatter vectors. */
function sampleRecords(): Record<string, unknown>[] {
  const byName = new Map<string, Record<string, unknown>>();
  for (const family of ['formatter_percent', 'formatter_brace', 'formatter_dollar']) {
    for (const c of loadFamily(family).cases) {
      const r = c.record;
      if (typeof r.msg === 'string' && !byName.has(r.name as string))
        byName.set(r.name as string, r);
    }
  }
  return [...byName.values()];
}

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

// Attribute kinds, so that only renderings JavaScript can match are generated (see the
// vectors' README: no None, no %s of integral floats, no containers).
const STRINGS = [
  'name',
  'levelname',
  'pathname',
  'filename',
  'module',
  'funcName',
  'threadName',
  'processName',
  'message',
  'msg',
];
const INTS = ['levelno', 'lineno', 'thread', 'process'];
const FLOATS = ['created', 'relativeCreated'];
const LITERALS = ['', ' ', ' - ', '|', ':', '[', ']', 'é', '😀', '\n', '100%', 'x'];

function generate(seed: number, count: number): FormatterCase[] {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const maybe = (p: number) => rnd() < p;
  const records = sampleRecords();
  const cases: FormatterCase[] = [];

  const percentField = (): string => {
    const kind = rnd();
    let attr: string;
    let convs: string[];
    if (kind < 0.45) {
      attr = pick(STRINGS);
      convs = ['s', 's', 'r', 'a', 'd'];
    } else if (kind < 0.7) {
      attr = pick(INTS);
      convs = ['d', 'i', 'o', 'x', 'X', 'e', 'f', 'g', 's', 'r', 'u'];
    } else if (kind < 0.9) {
      attr = pick(FLOATS);
      convs = ['e', 'E', 'f', 'F', 'g', 'G', 's', 'r', 'd'];
    } else {
      attr = 'msecs';
      convs = ['d', 'f', 'e'];
    }
    let spec = '';
    if (maybe(0.4)) spec += pick(['-', '0', '+', ' ', '#', '-0', '+#']);
    if (maybe(0.5)) spec += String(Math.floor(rnd() * 16));
    if (maybe(0.3)) spec += `.${Math.floor(rnd() * 7)}`;
    if (attr === 'msecs') spec = pick(['', '03', '.1', '5', '-4']);
    return `%(${attr})${spec}${pick(convs)}`;
  };

  const braceField = (): string => {
    const kind = rnd();
    let attr: string;
    let types: string[];
    if (kind < 0.45) {
      attr = pick(STRINGS);
      types = ['', '', 's', 'd'];
    } else if (kind < 0.7) {
      attr = pick(INTS);
      types = ['', 'd', 'b', 'o', 'x', 'X', 'n', 'e', 'f', 'g', '%', 'c', 's'];
    } else if (kind < 0.9) {
      attr = pick(FLOATS);
      types = ['', 'e', 'E', 'f', 'F', 'g', 'G', 'n', '%', 'd'];
    } else {
      return pick(['{msecs:.0f}', '{msecs:03.0f}', '{msecs:g}', '{msecs:e}']);
    }
    const conv =
      attr.startsWith('m') || STRINGS.includes(attr) ? pick(['', '', '', '!r', '!s', '!a']) : '';
    let spec = '';
    if (maybe(0.3)) spec += pick(['<', '>', '^', '=', '*<', '->', '0=', 'é^']);
    if (maybe(0.2)) spec += pick(['+', '-', ' ']);
    if (maybe(0.1)) spec += '#';
    if (maybe(0.1)) spec += '0';
    if (maybe(0.5)) spec += String(Math.floor(rnd() * 16));
    if (maybe(0.15)) spec += pick([',', '_']);
    if (maybe(0.3)) spec += `.${Math.floor(rnd() * 7)}`;
    spec += pick(types);
    if (conv !== '') spec = maybe(0.5) ? '' : spec.replace(/[bcdnoxXeEfFgG%]$/, 's');
    if (maybe(0.05)) return `{${attr}${conv}:{levelno}}`;
    return spec === '' ? `{${attr}${conv}}` : `{${attr}${conv}:${spec}}`;
  };

  const dollarField = (): string => {
    const attr = pick([...STRINGS, ...INTS, ...FLOATS, 'nosuch']);
    return pick([`$${attr}`, `\${${attr}}`, '$$', `$${attr}_x`]);
  };

  for (let i = 0; i < count; i++) {
    const style = pick(['%', '{', '$'] as const);
    const field = style === '%' ? percentField : style === '{' ? braceField : dollarField;
    let fmt = '';
    const n = 1 + Math.floor(rnd() * 4);
    for (let j = 0; j < n; j++) fmt += pick(LITERALS) + field();
    if (maybe(0.1))
      fmt += pick(['%(nosuch)s', '{nosuch}', '$nosuch', '{', '}', '$', '%', '{0}', '{}']);
    const c: FormatterCase = {
      id: `random/${i}`,
      family: 'random',
      fmt,
      style,
      record: pick(records),
      expected: { ok: '' },
    };
    if (maybe(0.2)) {
      const asctime = {
        '%': '%(asctime)s',
        '{': pick(['{asctime}', '{asctime:>30}']),
        $: '${asctime}',
      }[style];
      c.fmt = maybe(0.5) ? `${asctime} ${fmt}` : `${fmt}${asctime}`;
      c.converter = 'gmtime';
      if (maybe(0.5))
        c.datefmt = pick(['%H:%M:%S', '%Y-%m-%dT%H:%M:%S%z', '%d/%b/%Y %Z', '%j %U %W %a %A', '']);
    }
    if (maybe(0.15)) c.validate = false;
    if (maybe(0.15)) c.defaults = { nosuch: pick(['-', 'dflt']), name: 'shadowed' };
    cases.push(c);
  }
  return cases;
}

const CPYTHON_RUNNER = `
import json, logging, sys, time
cases = json.load(sys.stdin)
out = []
for c in cases:
    try:
        kw = {'defaults': c['defaults']} if c.get('defaults') else {}
        f = logging.Formatter(c['fmt'], c.get('datefmt'), c['style'], c.get('validate', True), **kw)
        if c.get('converter') == 'gmtime':
            f.converter = time.gmtime
    except Exception as e:
        out.append({'error': type(e).__name__, 'message': str(e), 'phase': 'construct'})
        continue
    d = dict(c['record'])
    if isinstance(d.get('args'), list):
        d['args'] = tuple(d['args'])
    try:
        out.append({'ok': f.format(logging.makeLogRecord(d))})
    except Exception as e:
        out.append({'error': type(e).__name__, 'message': str(e), 'phase': 'format'})
print(json.dumps(out))
`;

describe.skipIf(!hasPython)(
  'Formatter.format() against live CPython (skipped: python3 not found)',
  () => {
    const cases = generate(0x5eed, 3000);
    const r = hasPython
      ? spawnSync('python3', ['-c', CPYTHON_RUNNER], {
          input: JSON.stringify(cases),
          encoding: 'utf8',
          maxBuffer: 64 * 1024 * 1024,
        })
      : null;

    it('matches CPython for 3,000 random formats in the three styles', () => {
      expect(r?.status, r?.stderr).toBe(0);
      const expected = JSON.parse(r!.stdout) as FormatterCase['expected'][];
      const mismatches: unknown[] = [];
      cases.forEach((c, i) => {
        const got = runFormatterCase(c);
        if (JSON.stringify(got) !== JSON.stringify(expected[i])) {
          mismatches.push({
            fmt: c.fmt,
            style: c.style,
            record: c.record.name,
            got,
            want: expected[i],
          });
        }
      });
      const dump = process.env.LOGWEAVE_INTEROP_DUMP;
      if (dump) writeFileSync(dump, JSON.stringify(mismatches, null, 1));
      expect(mismatches.slice(0, 10)).toEqual([]);
    });
  },
);
