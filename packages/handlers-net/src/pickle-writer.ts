/**
 * A pickle writer for plain data, producing what CPython's `pickle.dumps(obj, 1)` produces for
 * the same values (protocol 1, as `SocketHandler.makePickle` uses): `}`/`]`/`(…t` containers
 * memoised with BINPUT, SETITEMS/APPENDS in batches of 1000, BINUNICODE strings, BININT1/2/BININT
 * or `L…L\n` ints, `I01\n`/`I00\n` bools, BINFLOAT floats, `N` for None.
 *
 * JavaScript values map to Python values as follows (the rule, documented in the README):
 * - `string` → str; `boolean` → bool; `null`/`undefined` → None; `bigint` → int;
 * - `number` → int when it is an integer (`Number.isInteger`), float otherwise, except for the
 *   keys named in `floatKeys` (at any depth), which are always floats (`created`, `msecs`,
 *   `relativeCreated`: CPython's float attributes, even when their value is integral);
 * - arrays → list; plain objects and `Map`s → dict (non-string Map keys become their `String()`);
 *   `Set` → list; `Uint8Array`/`Buffer` → bytes (SHORT_BINBYTES/BINBYTES, which every Python 3
 *   unpickler reads, since protocol 1 itself has no bytes type);
 * - `Date` → its ISO string; an `Error` → `String(error)`; a function or symbol → `String(value)`;
 *   any other object → a dict of its own enumerable properties;
 * - a container met again while it is being written (a cycle) → the str `'<recursion>'`.
 * CPython would fail on unpicklable values; here they become the nearest plain value.
 */

const MARK = 0x28; // (
const STOP = 0x2e; // .
const BINFLOAT = 0x47; // G
const BININT = 0x4a; // J
const BININT1 = 0x4b; // K
const BININT2 = 0x4d; // M
const NONE = 0x4e; // N
const BINUNICODE = 0x58; // X
const APPEND = 0x61; // a
const APPENDS = 0x65; // e
const BINGET = 0x68; // h
const LONG_BINGET = 0x6a; // j
const BINPUT = 0x71; // q
const LONG_BINPUT = 0x72; // r
const SETITEM = 0x73; // s
const TUPLE = 0x74; // t
const SETITEMS = 0x75; // u
const EMPTY_DICT = 0x7d; // }
const EMPTY_LIST = 0x5d; // ]
const EMPTY_TUPLE = 0x29; // )
const SHORT_BINBYTES = 0x43; // C
const BINBYTES = 0x42; // B

/**
 * CPython's `pickle._BATCHSIZE`: SETITEMS/APPENDS carry at most this many items each. As the C
 * pickler (`batch_list_exact`/`batch_dict_exact`) does, only a container of exactly one item
 * uses APPEND/SETITEM; a last batch of one still uses MARK … APPENDS/SETITEMS.
 */
const BATCHSIZE = 1000;

/** The record attributes CPython always holds as floats. */
export const FLOAT_ATTRIBUTES: ReadonlySet<string> = new Set([
  'created',
  'msecs',
  'relativeCreated',
]);

/** Options of {@link picklePlain}. */
export interface PickleOptions {
  /** Keys whose numeric values are written as floats even when integral. @default FLOAT_ATTRIBUTES */
  floatKeys?: ReadonlySet<string>;
}

/** A Python tuple for {@link picklePlain}: arrays wrapped in it are written as tuples. */
export class PyTuple {
  constructor(readonly items: readonly unknown[]) {}
}

// One scratch buffer reused by every call (the result is copied out of it).
const MAX_SCRATCH = 1024 * 1024;
let scratch = Buffer.allocUnsafe(16 * 1024);

class Writer {
  buf: Buffer;
  pos = 0;
  memoCount = 0;
  // CPython caches '' and the 256 one-character latin-1 strings: equal values are one object,
  // so its pickler writes them once and refers back with BINGET.
  readonly charMemo = new Map<string, number>();
  readonly active = new Set<object>();
  readonly floatKeys: ReadonlySet<string>;

  constructor(floatKeys: ReadonlySet<string>) {
    this.buf = scratch;
    this.floatKeys = floatKeys;
  }

  ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
    if (size <= MAX_SCRATCH) scratch = next;
  }

  byte(b: number): void {
    this.ensure(1);
    this.buf[this.pos++] = b;
  }

  ascii(s: string): void {
    this.ensure(s.length);
    this.pos += this.buf.write(s, this.pos, 'latin1');
  }

  memoize(): number {
    const i = this.memoCount++;
    if (i < 256) {
      this.ensure(2);
      this.buf[this.pos++] = BINPUT;
      this.buf[this.pos++] = i;
    } else {
      this.ensure(5);
      this.buf[this.pos++] = LONG_BINPUT;
      this.buf.writeUInt32LE(i, this.pos);
      this.pos += 4;
    }
    return i;
  }

  get(i: number): void {
    if (i < 256) {
      this.ensure(2);
      this.buf[this.pos++] = BINGET;
      this.buf[this.pos++] = i;
    } else {
      this.ensure(5);
      this.buf[this.pos++] = LONG_BINGET;
      this.buf.writeUInt32LE(i, this.pos);
      this.pos += 4;
    }
  }

  str(s: string): void {
    const cached = s.length <= 1 && (s.length === 0 || s.charCodeAt(0) < 256);
    if (cached) {
      const i = this.charMemo.get(s);
      if (i !== undefined) {
        this.get(i);
        return;
      }
    }
    const len = s.length;
    this.ensure(5 + len * 3);
    const buf = this.buf;
    buf[this.pos] = BINUNICODE;
    let n = 0;
    if (len < 64) {
      // Short ASCII strings (most record fields) are copied here, without a call into C++.
      const start = this.pos + 5;
      for (; n < len; n++) {
        const c = s.charCodeAt(n);
        if (c >= 0x80) break;
        buf[start + n] = c;
      }
    }
    if (n < len) n = buf.write(s, this.pos + 5, 'utf8');
    this.buf.writeUInt32LE(n, this.pos + 1);
    this.pos += 5 + n;
    const i = this.memoize();
    if (cached) this.charMemo.set(s, i);
  }

  int(n: number): void {
    if (n >= 0 && n <= 0xff) {
      this.ensure(2);
      this.buf[this.pos++] = BININT1;
      this.buf[this.pos++] = n;
    } else if (n >= 0 && n <= 0xffff) {
      this.ensure(3);
      this.buf[this.pos++] = BININT2;
      this.buf.writeUInt16LE(n, this.pos);
      this.pos += 2;
    } else if (n >= -0x80000000 && n <= 0x7fffffff) {
      this.ensure(5);
      this.buf[this.pos++] = BININT;
      this.buf.writeInt32LE(n, this.pos);
      this.pos += 4;
    } else {
      // CPython's protocol < 2 long: b'L' + repr(n) + b'L\n'.
      this.ascii(`L${BigInt(n).toString()}L\n`);
    }
  }

  bigint(n: bigint): void {
    if (n >= -0x80000000n && n <= 0x7fffffffn) this.int(Number(n));
    else this.ascii(`L${n.toString()}L\n`);
  }

  float(n: number): void {
    this.ensure(9);
    this.buf[this.pos++] = BINFLOAT;
    this.buf.writeDoubleBE(n, this.pos);
    this.pos += 8;
  }

  bytes(b: Uint8Array): void {
    if (b.length < 256) {
      this.ensure(2 + b.length);
      this.buf[this.pos++] = SHORT_BINBYTES;
      this.buf[this.pos++] = b.length;
    } else {
      this.ensure(5 + b.length);
      this.buf[this.pos++] = BINBYTES;
      this.buf.writeUInt32LE(b.length, this.pos);
      this.pos += 4;
    }
    this.buf.set(b, this.pos);
    this.pos += b.length;
    this.memoize();
  }

  value(v: unknown, key: string | null): void {
    switch (typeof v) {
      case 'string': {
        this.str(v);
        return;
      }
      case 'number':
        if (Number.isInteger(v) && (key === null || !this.floatKeys.has(key))) {
          this.int(v);
          return;
        }
        {
          this.float(v);
          return;
        }
      case 'boolean': {
        this.ascii(v ? 'I01\n' : 'I00\n');
        return;
      }
      case 'bigint': {
        this.bigint(v);
        return;
      }
      case 'undefined': {
        this.byte(NONE);
        return;
      }
      case 'function':
      case 'symbol': {
        this.str(String(v));
        return;
      }
    }
    if (v === null) {
      this.byte(NONE);
      return;
    }
    const o = v as object;
    if (this.active.has(o)) {
      this.str('<recursion>');
      return;
    }
    if (o instanceof Uint8Array) {
      this.bytes(o);
      return;
    }
    if (o instanceof Date) {
      this.str(Number.isNaN(o.getTime()) ? 'Invalid Date' : o.toISOString());
      return;
    }
    if (o instanceof Error) {
      this.str(String(o));
      return;
    }
    this.active.add(o);
    try {
      if (Array.isArray(o)) this.list(o);
      else if (o instanceof PyTuple) this.tuple(o.items);
      else if (o instanceof Set) this.list([...o]);
      else if (o instanceof Map) this.dict([...o].map(([k, x]) => [String(k), x] as const));
      else this.plainObject(o as Record<string, unknown>);
    } finally {
      this.active.delete(o);
    }
  }

  list(items: readonly unknown[]): void {
    this.byte(EMPTY_LIST);
    this.memoize();
    for (let start = 0; start < items.length; start += BATCHSIZE) {
      const end = Math.min(start + BATCHSIZE, items.length);
      if (items.length === 1) {
        this.value(items[start], null);
        this.byte(APPEND);
        continue;
      }
      this.byte(MARK);
      for (let i = start; i < end; i++) this.value(items[i], null);
      this.byte(APPENDS);
    }
  }

  tuple(items: readonly unknown[]): void {
    if (items.length === 0) {
      this.byte(EMPTY_TUPLE);
      return;
    }
    this.byte(MARK);
    for (const x of items) this.value(x, null);
    this.byte(TUPLE);
    this.memoize();
  }

  plainObject(o: Record<string, unknown>): void {
    const keys = Object.keys(o);
    this.byte(EMPTY_DICT);
    this.memoize();
    if (keys.length === 1) {
      const k = keys[0] as string;
      this.str(k);
      this.value(o[k], k);
      this.byte(SETITEM);
      return;
    }
    for (let start = 0; start < keys.length; start += BATCHSIZE) {
      const end = Math.min(start + BATCHSIZE, keys.length);
      this.byte(MARK);
      for (let i = start; i < end; i++) {
        const k = keys[i] as string;
        this.str(k);
        this.value(o[k], k);
      }
      this.byte(SETITEMS);
    }
  }

  dict(entries: readonly (readonly [string, unknown])[]): void {
    this.byte(EMPTY_DICT);
    this.memoize();
    for (let start = 0; start < entries.length; start += BATCHSIZE) {
      const end = Math.min(start + BATCHSIZE, entries.length);
      if (entries.length === 1) {
        const [k, x] = entries[start] as readonly [string, unknown];
        this.str(k);
        this.value(x, k);
        this.byte(SETITEM);
        continue;
      }
      this.byte(MARK);
      for (let i = start; i < end; i++) {
        const [k, x] = entries[i] as readonly [string, unknown];
        this.str(k);
        this.value(x, k);
      }
      this.byte(SETITEMS);
    }
  }
}

/**
 * Pickles plain data with protocol 1, as CPython's `pickle.dumps(value, 1)` (see the module
 * comment for how JavaScript values map to Python's). With `prefix`, the 4-byte big-endian
 * length CPython's `SocketHandler` puts before each pickle is written first.
 */
export function picklePlain(value: unknown, options: PickleOptions = {}, prefix = false): Buffer {
  const w = new Writer(options.floatKeys ?? FLOAT_ATTRIBUTES);
  if (prefix) w.pos = 4;
  w.value(value, null);
  w.byte(STOP);
  if (prefix) w.buf.writeUInt32BE(w.pos - 4, 0);
  const out = Buffer.allocUnsafe(w.pos);
  w.buf.copy(out, 0, 0, w.pos);
  return out;
}
