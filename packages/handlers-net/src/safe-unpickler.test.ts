import { describe, expect, it } from 'vitest';
import { picklePlain } from './pickle-writer.js';
import { safeUnpickle, UnpicklingError } from './safe-unpickler.js';
import { hasPython, runPythonSync, vsCPython } from './test-support/python.js';

const PY_PROTOCOLS = `
import pickle, sys, struct
d = {'s': 'Zoë ✓', 'b': b'\\x00\\xff', 'i': [0, 255, 65535, -1, 2**31, -2**31 - 1, 2**70, -2**70],
     'f': [0.5, -1e300, float('inf')], 't': (1, ('x',)), 'none': None, 'yes': True, 'no': False,
     'empty': ['', (), {}], 'n': {1: 'int key'}}
out = b''
for proto in range(0, 6):
    p = pickle.dumps(d, proto)
    out += struct.pack('>L', len(p)) + p
sys.stdout.buffer.write(out)
`;

const expected = {
  s: 'Zoë ✓',
  b: Buffer.from([0, 255]),
  i: [0, 255, 65535, -1, 2 ** 31, -(2 ** 31) - 1, 2n ** 70n, -(2n ** 70n)],
  f: [0.5, -1e300, Number.POSITIVE_INFINITY],
  t: [1, ['x']],
  none: null,
  yes: true,
  no: false,
  empty: ['', [], {}],
  n: { '1': 'int key' },
};

/** The pickles CPython writes for `os.system('touch …')` in protocols 0 to 5. */
const PY_HOSTILE = `
import os, pickle, struct, sys
class Evil:
    def __reduce__(self):
        return (os.system, ('touch /tmp/logweave-pwned',))
out = b''
for proto in range(0, 6):
    p = pickle.dumps({'name': 'x', 'levelno': 20, 'msg': Evil()}, proto)
    out += struct.pack('>L', len(p)) + p
sys.stdout.buffer.write(out)
`;

function frames(buf: Buffer): Buffer[] {
  const out: Buffer[] = [];
  for (let off = 0; off < buf.length; ) {
    const n = buf.readUInt32BE(off);
    out.push(buf.subarray(off + 4, off + 4 + n));
    off += 4 + n;
  }
  return out;
}

function plain(v: unknown): unknown {
  return JSON.parse(JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? `${x}n` : x)));
}

describe('safeUnpickle()', () => {
  it.skipIf(!hasPython)(
    vsCPython('reads the plain data CPython pickles with every protocol, 0 to 5'),
    () => {
      const fs = frames(runPythonSync(PY_PROTOCOLS));
      expect(fs).toHaveLength(6);
      for (const [proto, f] of fs.entries()) {
        // Python 3 pickles bytes with protocols 0-2 as _codecs.encode(...): a GLOBAL, refused below.
        if (proto < 3) continue;
        const v = safeUnpickle(f) as Record<string, unknown>;
        expect([proto, plain(v)]).toEqual([proto, plain(expected)]);
      }
    },
  );

  it.skipIf(!hasPython)(
    vsCPython(
      'refuses bytes pickled with protocols 0-2, which CPython writes as a call to _codecs.encode',
    ),
    () => {
      const fs = frames(runPythonSync(PY_PROTOCOLS));
      for (const f of fs.slice(0, 3))
        expect(() => safeUnpickle(f)).toThrow(/opcode GLOBAL is refused/);
      // Without the bytes value, protocols 0-2 are read as well.
      const noBytes = frames(runPythonSync(PY_PROTOCOLS.replace("'b': b'\\x00\\xff', ", '')));
      const { b: _b, ...rest } = expected;
      for (const [proto, f] of noBytes.entries())
        expect([proto, plain(safeUnpickle(f))]).toEqual([proto, plain(rest)]);
    },
  );

  it.skipIf(!hasPython)(
    vsCPython('refuses the os.system pickle of every protocol at its first importing opcode'),
    () => {
      const fs = frames(runPythonSync(PY_HOSTILE));
      expect(fs).toHaveLength(6);
      for (const f of fs) {
        expect(() => safeUnpickle(f)).toThrow(UnpicklingError);
        expect(() => safeUnpickle(f)).toThrow(
          /opcode (GLOBAL|STACK_GLOBAL) is refused: it imports or calls code/,
        );
      }
    },
  );

  it('refuses each code opcode by name, before reading its argument', () => {
    const ops: [number, string][] = [
      [0x63, 'GLOBAL'],
      [0x93, 'STACK_GLOBAL'],
      [0x52, 'REDUCE'],
      [0x62, 'BUILD'],
      [0x69, 'INST'],
      [0x6f, 'OBJ'],
      [0x81, 'NEWOBJ'],
      [0x92, 'NEWOBJ_EX'],
      [0x82, 'EXT1'],
      [0x83, 'EXT2'],
      [0x84, 'EXT4'],
      [0x50, 'PERSID'],
      [0x51, 'BINPERSID'],
    ];
    for (const [op, name] of ops) {
      const err = (() => {
        try {
          safeUnpickle(Buffer.from([0x80, 2, op]));
        } catch (e) {
          return e as UnpicklingError;
        }
        return null;
      })();
      expect(err?.message).toBe(
        `opcode ${name} is refused: it imports or calls code, and this reader accepts plain data only (at byte 2)`,
      );
    }
  });

  it('checks lengths against the bytes left before making a buffer', () => {
    // BINUNICODE claiming 4 GB, BINBYTES8 claiming 2^63.
    expect(() => safeUnpickle(Buffer.from([0x58, 0xff, 0xff, 0xff, 0xff, 0x61]))).toThrow(
      /truncated BINUNICODE: 4294967295 byte\(s\) needed, 1 left/,
    );
    expect(() => safeUnpickle(Buffer.from([0x8e, 0, 0, 0, 0, 0, 0, 0, 0x80]))).toThrow(
      /exceeds the pickle/,
    );
  });

  it('refuses invalid UTF-8, shared or recursive containers, and nesting beyond maxDepth', () => {
    expect(() => safeUnpickle(Buffer.from([0x8c, 2, 0xc3, 0x28, 0x2e]))).toThrow(/invalid UTF-8/);
    // ] q\0 h\0 a .  : a list appended to itself
    expect(() => safeUnpickle(Buffer.from([0x5d, 0x71, 0, 0x68, 0, 0x61, 0x2e]))).toThrow(
      /shared or recursive/,
    );
    const deep = Buffer.concat([
      Buffer.alloc(200, 0x5d),
      Buffer.alloc(199, 0x61),
      Buffer.from([0x2e]),
    ]);
    expect(() => safeUnpickle(deep)).toThrow(/nested deeper than 100/);
    expect(safeUnpickle(deep, { maxDepth: 300 })).toBeInstanceOf(Array);
  });

  it('bounds the number of values one pickle may make', () => {
    const many = picklePlain(Array.from({ length: 2000 }, (_, i) => i));
    expect(() => safeUnpickle(many, { maxItems: 1000 })).toThrow(/more than 1000 values/);
    expect((safeUnpickle(many) as unknown[]).length).toBe(2000);
  });

  it('keeps a "__proto__" key as plain data: an own property, the prototype untouched', () => {
    const v = safeUnpickle(picklePlain(JSON.parse('{"__proto__": {"polluted": 1}}'))) as Record<
      string,
      unknown
    >;
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(v, '__proto__')?.value).toEqual({ polluted: 1 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(v)).toEqual(['__proto__']);
  });

  it('refuses truncated pickles and bytes after STOP', () => {
    const p = picklePlain({ a: 'b' });
    for (let n = 0; n < p.length; n++)
      expect(() => safeUnpickle(p.subarray(0, n))).toThrow(UnpicklingError);
    expect(() => safeUnpickle(Buffer.concat([p, Buffer.from('x')]))).toThrow(/after STOP/);
  });
});
