import { describe, expect, it } from 'vitest';
import { PyTuple, picklePlain } from './pickle-writer.js';
import { safeUnpickle } from './safe-unpickler.js';
import { hasPython, runPythonSync, vsCPython } from './test-support/python.js';

// A record dict whose strings are distinct objects in CPython (json.loads makes each value a
// new str, except '' and one-character strings, which CPython caches as ours does).
const fixture = {
  name: 'app.db',
  msg: 'Zoë connected from %s',
  args: null,
  levelname: 'INFO',
  levelno: 20,
  pathname: '/srv/app/db.py',
  filename: 'db.py',
  module: 'db',
  exc_info: null,
  exc_text: 'Traceback (most recent call last):\n  boom',
  stack_info: null,
  lineno: 42,
  funcName: 'connect',
  created: 1700000000.5,
  msecs: 500.0,
  relativeCreated: 12.0,
  thread: 140000000000000,
  threadName: 'MainThread',
  processName: 'MainProcess',
  process: 4242,
  taskName: null,
  user: '日本語 ✓',
  small: 255,
  mid: 65535,
  neg: -1,
  i32: 2147483647,
  i32neg: -2147483648,
  beyond: 2147483648,
  flag: true,
  off: false,
  ratio: 0.25,
  e1: '',
  e2: '',
  c1: 'x',
  c2: 'x',
  items: [1, 'two', 3.5, null],
  one: ['solo'],
  nested: { inner: 'value', deeper: { k: 7 } },
  long: 'y'.repeat(5000),
};

const PY_DUMP = `
import json, pickle, sys
FLOATS = {'created', 'msecs', 'relativeCreated', 'ratio'}
def fix(d):
    # json has one number type: make CPython's float attributes floats, as a record holds them.
    for k in FLOATS:
        if k in d and d[k] is not None: d[k] = float(d[k])
    return d
d = fix(json.loads(sys.stdin.read()))
d['big'] = 2**70
d['tup'] = (1, 'a')
d['many'] = list(range(1001))
sys.stdout.buffer.write(pickle.dumps(d, 1))
`;

describe('picklePlain()', () => {
  it.skipIf(!hasPython)(
    vsCPython("writes the bytes CPython's pickle.dumps(d, 1) writes for a record dict"),
    () => {
      const expected = runPythonSync(PY_DUMP, JSON.stringify(fixture));
      const ours = picklePlain({
        ...fixture,
        ratio: 0.25,
        big: 2n ** 70n,
        tup: new PyTuple([1, 'a']),
        many: Array.from({ length: 1001 }, (_, i) => i),
      });
      expect(ours.toString('hex')).toBe(expected.toString('hex'));
    },
  );

  it('writes created/msecs/relativeCreated as floats even when integral, other integers as ints', () => {
    const p = picklePlain({ created: 1700000000, msecs: 0, relativeCreated: 5, lineno: 5 });
    // BINFLOAT 'G' for each float attribute, BININT1 'K' for lineno.
    expect([...p.toString('latin1').matchAll(/G/g)].length).toBe(3);
    expect(p.includes(Buffer.from('linenoq\x04K\x05', 'latin1'))).toBe(true);
  });

  it('puts the 4-byte big-endian length of the pickle first when asked', () => {
    const p = picklePlain({ a: 1 }, {}, true);
    expect(p.readUInt32BE(0)).toBe(p.length - 4);
    expect(safeUnpickle(p.subarray(4))).toEqual({ a: 1 });
  });

  it('maps JavaScript values that Python lacks to plain values, and cuts cycles', () => {
    const cyc: Record<string, unknown> = { a: 1 };
    cyc.self = cyc;
    const v = safeUnpickle(
      picklePlain({
        when: new Date(Date.UTC(2024, 0, 2)),
        err: new TypeError('bad'),
        map: new Map<unknown, unknown>([[1, 'one']]),
        set: new Set(['s']),
        bytes: Buffer.from([0, 255]),
        undef: undefined,
        cyc,
      }),
    );
    expect(v).toEqual({
      when: '2024-01-02T00:00:00.000Z',
      err: 'TypeError: bad',
      map: { '1': 'one' },
      set: ['s'],
      bytes: Buffer.from([0, 255]),
      undef: null,
      cyc: { a: 1, self: '<recursion>' },
    });
  });

  it.skipIf(!hasPython)(
    vsCPython('is read back by CPython as the same values, bytes and big ints included'),
    () => {
      const p = picklePlain({
        b: Buffer.from('\x00\xff', 'latin1'),
        big: -(2n ** 80n),
        t: true,
        f: 1.5,
        s: 'ü',
      });
      const out = runPythonSync(
        'import pickle,sys\nd=pickle.loads(sys.stdin.buffer.read())\nprint(repr(sorted((k, type(v).__name__, v) for k, v in d.items())))',
        p,
      );
      expect(out.toString('utf8').trim()).toBe(
        "[('b', 'bytes', b'\\x00\\xff'), ('big', 'int', -1208925819614629174706176), ('f', 'float', 1.5), ('s', 'str', 'ü'), ('t', 'bool', True)]",
      );
    },
  );
});
