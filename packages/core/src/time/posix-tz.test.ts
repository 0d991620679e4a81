import { describe, expect, it } from 'vitest';
import { computeChange, PosixTzEvaluator, parsePosixTz, utcYear } from './posix-tz.js';
import {
  crossCheckTitle,
  python,
  runCPython,
  type TimeRequest,
} from './test-support/cpython-time.js';

describe('parsePosixTz()', () => {
  it('reads names, offsets (west positive in the string) and M rules with times', () => {
    const { rules, wantsDefaultRules } = parsePosixTz('EST5EDT4,M3.2.0/2:30,M11.1.0/-1');
    expect(rules.map((r) => [r.name, r.offset, r.type, r.m, r.n, r.d, r.secs])).toEqual([
      ['EST', -18000, 'M', 3, 2, 0, 9000],
      ['EDT', -14400, 'M', 11, 1, 0, -3600],
    ]);
    expect(wantsDefaultRules).toBe(false);
  });

  it('reads quoted names and Julian-day rules', () => {
    const { rules } = parsePosixTz('<+0530>-5:30<+0630>,J60,300/25');
    expect(rules.map((r) => [r.name, r.offset, r.type, r.d, r.secs])).toEqual([
      ['+0530', 19800, 'J1', 60, 7200],
      ['+0630', 23400, 'J0', 300, 90000],
    ]);
  });

  it('defaults DST to one hour ahead and asks for the default rules when none are given', () => {
    const { rules, wantsDefaultRules } = parsePosixTz('CET-1CEST');
    expect([rules[1].name, rules[1].offset]).toEqual(['CEST', 7200]);
    expect(wantsDefaultRules).toBe(true);
  });

  it('leaves an unnamed UTC for strings glibc cannot read', () => {
    expect(parsePosixTz('ab').rules.map((r) => [r.name, r.offset])).toEqual([
      ['', 0],
      ['', 0],
    ]);
  });
});

describe('utcYear() and computeChange()', () => {
  it('place the US 2024 rules on 10 March and 3 November', () => {
    const { rules } = parsePosixTz('EST5EDT,M3.2.0,M11.1.0');
    expect(utcYear(1704067200)).toBe(2024);
    expect(new Date(computeChange(rules[0], 2024) * 1000).toISOString()).toBe(
      '2024-03-10T07:00:00.000Z',
    );
    expect(new Date(computeChange(rules[1], 2024) * 1000).toISOString()).toBe(
      '2024-11-03T06:00:00.000Z',
    );
  });
});

describe.skipIf(python === null)(crossCheckTitle('PosixTzEvaluator vs CPython'), () => {
  it.each([
    'EST5EDT,M3.2.0,M11.1.0',
    'AEST-10AEDT,M10.1.0,M4.1.0/3',
    'IST-1GMT0,M10.5.0,M3.5.0/1',
    '<-03>3<-02>,M3.5.0/-2,M10.5.0/-1',
    'XXX3YYY,J1/0,J365/25',
  ])('gives the offset, DST flag and name CPython gives under TZ=%s, 1900–2100', (tz) => {
    const evaluator = new PosixTzEvaluator(parsePosixTz(tz));
    const secs: number[] = [];
    for (let t = -2208988800; t < 4102444800; t += 86400 * 19 + 3607) secs.push(t);
    const requests: TimeRequest[] = secs.map((s) => ({ conv: 'localtime', secs: s, op: 'struct' }));
    const expected = runCPython(tz, requests).map((o) => {
      const f = (o as { ok: unknown[] }).ok;
      return [f[10], f[8], f[9]];
    });
    expect(secs.map((t) => Object.values(evaluator.info(t)))).toEqual(expected);
  });
});
