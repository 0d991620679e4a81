import { describe, expect, it } from 'vitest';
import { dumps, dumpsFloat, loads } from './py-json.js';
import { hasPyZmq, runPython, vsPyZmq } from './test-support/peers.js';

// Each case: a Python literal and the JavaScript value meant to be the same dict.
const CASES: [string, string, Record<string, unknown>][] = [
  ['empty', '{}', {}],
  [
    'ASCII text and the characters json escapes',
    `{'msg': 'tab\\there "quoted" back\\\\slash\\nnew\\rline\\x08\\x0c\\x01\\x1f\\x7f /~'}`,
    { msg: 'tab\there "quoted" back\\slash\nnew\rline\b\f\x01\x1f\x7f /~' },
  ],
  [
    'non-ASCII and non-BMP text (ensure_ascii)',
    `{'ünï': 'é, ß, 中文, \\u2028, \\U0001F600 and \\U00010348', 'e': ''}`,
    { ünï: 'é, ß, 中文, \u2028, \u{1F600} and \u{10348}', e: '' },
  ],
  [
    'ints, floats, booleans and None',
    `{'i': 3, 'neg': -42, 'big': 9007199254740991, 'f': 0.1, 'g': 1733500000.123456, 'tiny': 1e-05, 'small': 0.0001, 'huge': 1e+16, 'huger': 1.5e+300, 'nz': -0.0, 't': True, 'f2': False, 'n': None}`,
    {
      i: 3,
      neg: -42,
      big: 9007199254740991,
      f: 0.1,
      g: 1733500000.123456,
      tiny: 1e-5,
      small: 0.0001,
      huge: 1e16,
      huger: 1.5e300,
      nz: -0,
      t: true,
      f2: false,
      n: null,
    },
  ],
  [
    'non-finite floats',
    `{'nan': float('nan'), 'inf': float('inf'), 'ninf': float('-inf')}`,
    { nan: Number.NaN, inf: Number.POSITIVE_INFINITY, ninf: Number.NEGATIVE_INFINITY },
  ],
  [
    'nested lists and dicts',
    `{'a': [1, [2, []], {'b': {}, 'c': ['x', None]}], 'd': {'e': {'f': 'g'}}}`,
    { a: [1, [2, []], { b: {}, c: ['x', null] }], d: { e: { f: 'g' } } },
  ],
  [
    'a record: created, msecs and relativeCreated are floats even when whole',
    `{'name': 'app', 'msg': 'hi', 'args': None, 'levelno': 20, 'created': 1733500000.5, 'msecs': 500.0, 'relativeCreated': 12.0, 'thread': 140000000000000}`,
    {
      name: 'app',
      msg: 'hi',
      args: null,
      levelno: 20,
      created: 1733500000.5,
      msecs: 500,
      relativeCreated: 12,
      thread: 140000000000000,
    },
  ],
];

describe('dumps() against pyzmq send_json', () => {
  for (const [title, py, js] of CASES) {
    it.skipIf(!hasPyZmq)(vsPyZmq(`gives pyzmq's bytes for ${title}`), () => {
      const code = `
import sys, zmq
from zmq.utils import jsonapi
sys.stdout.write(jsonapi.dumps(${py}).hex())
`;
      const expected = Buffer.from(runPython(code), 'hex');
      expect(Buffer.from(dumps(js), 'utf8')).toEqual(expected);
    });
  }

  it.skipIf(!hasPyZmq)(vsPyZmq('is a fixed point of json.loads + json.dumps'), () => {
    const frames = CASES.map(([, , js]) => dumps(js));
    const out = runPython(
      `
import json, sys
for line in sys.stdin.read().split('\\n'):
    sys.stdout.write(json.dumps(json.loads(line)) + '\\n')
`,
      [],
      frames.join('\n'),
    );
    expect(out.split('\n').slice(0, -1)).toEqual(frames);
  });
});

describe('dumps() where Python would raise', () => {
  it('leaves out undefined members, uses toJSON, and writes bigints as ints', () => {
    const d = new Date(Date.UTC(2026, 11, 6, 1, 2, 3));
    expect(dumps({ a: undefined, d, b: 12345678901234567890n, l: [undefined] })).toBe(
      '{"d": "2026-12-06T01:02:03.000Z", "b": 12345678901234567890, "l": [null]}',
    );
  });

  it('writes a Set as a list, a Map as a dict and an Error as its str()', () => {
    expect(dumps({ s: new Set([1, 'x']), m: new Map<unknown, unknown>([[1, 'one']]) })).toBe(
      '{"s": [1, "x"], "m": {"1": "one"}}',
    );
    expect(dumps({ e: new TypeError('boom') })).toBe('{"e": "TypeError: boom"}');
  });

  it('writes a circular reference and over-deep nesting as strings', () => {
    const a: Record<string, unknown> = { x: 1 };
    a.self = a;
    expect(dumps({ a })).toBe('{"a": {"x": 1, "self": "[Circular]"}}');
    let deep: unknown = 'leaf';
    for (let i = 0; i < 12; i++) deep = [deep];
    expect(dumps({ deep })).toContain('"[Array]"');
  });
});

describe('dumpsFloat()', () => {
  it('writes Python float reprs', () => {
    expect(
      [0, -0, 1, 0.5, 1e-5, 1e-4, 123456789012345.6, 1e16, 2 ** 60, 1e22, 5e-324].map(dumpsFloat),
    ).toEqual([
      '0.0',
      '-0.0',
      '1.0',
      '0.5',
      '1e-05',
      '0.0001',
      '123456789012345.6',
      '1e+16',
      '1.152921504606847e+18',
      '1e+22',
      '5e-324',
    ]);
  });
});

describe('loads()', () => {
  it("reads Python's NaN and Infinity outside strings, and leaves them alone inside", () => {
    const v = loads('{"a": NaN, "b": [Infinity, -Infinity], "s": "NaN Infinity \\" NaN"}') as {
      a: number;
      b: number[];
      s: string;
    };
    expect(v.a).toBeNaN();
    expect(v.b).toEqual([Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]);
    expect(v.s).toBe('NaN Infinity " NaN');
  });

  it('throws a SyntaxError for what is not JSON', () => {
    expect(() => loads('{"a": nan}')).toThrow(SyntaxError);
    expect(() => loads('\u0000\u0001')).toThrow(SyntaxError);
  });
});
