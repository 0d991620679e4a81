import { STANDARD_ATTRIBUTES } from '@logweave/core';

/**
 * A pickle reader that accepts plain data only: dict, list, tuple, set, str, bytes, int,
 * float, bool and None, from any protocol (0 to 5). Every opcode that imports a name or
 * calls something (GLOBAL, STACK_GLOBAL, REDUCE, BUILD, INST, OBJ, NEWOBJ, NEWOBJ_EX, EXT1/2/4,
 * PERSID, BINPERSID, NEXT_BUFFER, READONLY_BUFFER) is rejected with an {@link UnpicklingError}
 * the moment it is read, before anything is allocated for it. Lengths are checked against
 * the bytes that remain before any buffer is made, and the result is bounded in items and
 * depth; a container may not be shared or recursive (plain log records never are).
 *
 * Python values become: dict → a plain object whose keys are all own properties, `__proto__`
 * included (non-string keys become their Python `str()`), list/tuple/set/frozenset → array, str → string, bytes/bytearray → `Buffer`,
 * int → number (a `bigint` beyond 2^53), float → number, bool → boolean, None → null.
 */

/** Thrown for a pickle the safe reader refuses or cannot read; `offset` is where it stopped. */
export class UnpicklingError extends Error {
  override name = 'UnpicklingError';
  constructor(
    message: string,
    /** Byte offset of the opcode that was refused or malformed. */
    readonly offset: number,
  ) {
    super(`${message} (at byte ${offset})`);
  }
}

/** Limits of {@link safeUnpickle}. */
export interface SafeUnpickleOptions {
  /** Most values (items, keys, containers and memo entries together) one pickle may make. @default 100000 */
  maxItems?: number;
  /** Deepest nesting of containers. @default 100 */
  maxDepth?: number;
  /** Most digits of a text integer or bytes of a binary long (Python's own limit is 4300 digits). @default 4300 */
  maxIntDigits?: number;
  /**
   * An object to write the outermost dict's items into, instead of a new one (a blank
   * `LogRecord`: the record is then built without an intermediate dict).
   */
  root?: Record<string, unknown> | null;
  /** Keys of the outermost dict left out when writing into `root`. */
  skipKeys?: ReadonlySet<string>;
}

const REFUSED = new Map<number, string>([
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
  [0x97, 'NEXT_BUFFER'],
  [0x98, 'READONLY_BUFFER'],
]);

/**
 * Makes an error without capturing a stack: a refused pickle is ordinary input for a
 * receiver (a fuzzer sends millions), its offset says where, and a stack trace would cost
 * more than reading the pickle.
 */
export function withoutStack<E extends Error>(make: () => E): E {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return make();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

const MARK = Symbol('mark');
const NO_KEYS: ReadonlySet<string> = new Set();

/** Strings every record carries (attribute names and common values), by hash and length. */
const KNOWN = new Map<number, string>();
for (const k of [
  ...STANDARD_ATTRIBUTES,
  'DEBUG',
  'INFO',
  'WARNING',
  'ERROR',
  'CRITICAL',
  'MainThread',
  'MainProcess',
  '<module>',
  'root',
]) {
  let h = 0x811c9dc5;
  for (let i = 0; i < k.length; i++) h = Math.imul(h ^ k.charCodeAt(i), 0x01000193);
  KNOWN.set(((h >>> 0) % 0x100000) * 64 + k.length, k);
}

function sameAscii(s: string, d: Uint8Array, start: number): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) !== d[start + i]) return false;
  return true;
}
type Container = unknown[] | Record<string, unknown>;
const utf8 = new TextDecoder('utf-8', { fatal: true });

class Reader {
  pos = 0;
  stack: unknown[] = [];
  marks: number[] = [];
  memo = new Map<number, unknown>();
  items = 0;
  root: Record<string, unknown> | null = null;
  rootUsed = false;
  skipKeys: ReadonlySet<string> = NO_KEYS;
  // Made on first use: most records hold no nested container.
  #depth: WeakMap<object, number> | null = null;
  #placed: WeakSet<object> | null = null;

  constructor(
    readonly data: Uint8Array,
    readonly view: DataView,
    readonly maxItems: number,
    readonly maxDepth: number,
    readonly maxIntDigits: number,
  ) {}

  fail(message: string, at = this.pos): never {
    throw withoutStack(() => new UnpicklingError(message, at));
  }

  need(n: number, what: string): void {
    if (n > this.data.length - this.pos)
      this.fail(`truncated ${what}: ${n} byte(s) needed, ${this.data.length - this.pos} left`);
  }

  u8(): number {
    this.need(1, 'argument');
    return this.data[this.pos++] as number;
  }

  u16(): number {
    this.need(2, 'argument');
    const v = this.view.getUint16(this.pos, true);
    this.pos += 2;
    return v;
  }

  u32(): number {
    this.need(4, 'argument');
    const v = this.view.getUint32(this.pos, true);
    this.pos += 4;
    return v;
  }

  i32(): number {
    this.need(4, 'argument');
    const v = this.view.getInt32(this.pos, true);
    this.pos += 4;
    return v;
  }

  u64(): number {
    this.need(8, 'argument');
    const v = this.view.getBigUint64(this.pos, true);
    this.pos += 8;
    if (v > BigInt(this.data.length)) this.fail(`length ${v} exceeds the pickle`, this.pos - 8);
    return Number(v);
  }

  bytes(n: number, what: string): Uint8Array {
    this.need(n, what);
    const b = this.data.subarray(this.pos, this.pos + n);
    this.pos += n;
    return b;
  }

  line(): string {
    const end = this.data.indexOf(0x0a, this.pos);
    if (end < 0) this.fail('truncated text argument: no newline');
    if (end - this.pos > this.maxIntDigits + 64) this.fail('text argument too long');
    const s = Buffer.from(
      this.data.buffer,
      this.data.byteOffset + this.pos,
      end - this.pos,
    ).toString('latin1');
    this.pos = end + 1;
    return s;
  }

  count(n = 1): void {
    this.items += n;
    if (this.items > this.maxItems) this.fail(`more than ${this.maxItems} values`);
  }

  push(v: unknown): void {
    this.count();
    this.stack.push(v);
  }

  pop(): unknown {
    if (this.stack.length === 0 || this.stack.length <= (this.marks.at(-1) ?? -1))
      this.fail('stack underflow');
    const v = this.stack.pop();
    if (v === MARK) this.fail('unexpected MARK');
    return v;
  }

  top(): unknown {
    const v = this.stack.at(-1);
    if (this.stack.length === 0 || this.stack.length <= (this.marks.at(-1) ?? -1))
      this.fail('stack underflow');
    return v;
  }

  popMark(): unknown[] {
    const m = this.marks.pop();
    if (m === undefined) this.fail('no MARK on the stack');
    const items = this.stack.splice(m);
    return items;
  }

  /** Reads an `n`-byte UTF-8 str at the current position. */
  strAt(n: number, what: string): string {
    this.need(n, what);
    const d = this.data;
    const start = this.pos;
    if (n < 64) {
      // Short ASCII strings (most record fields) are decoded here, without a call into C++;
      // the record's attribute names come back as the engine's own constant strings, which
      // makes building the record dict several times faster.
      let h = 0x811c9dc5;
      let i = 0;
      for (; i < n; i++) {
        const c = d[start + i] as number;
        if (c >= 0x80) break;
        h = Math.imul(h ^ c, 0x01000193);
      }
      if (i === n) {
        this.pos += n;
        const known = KNOWN.get(((h >>> 0) % 0x100000) * 64 + n);
        if (known !== undefined && sameAscii(known, d, start)) return known;
        let out = '';
        for (i = 0; i < n; i++) out += String.fromCharCode(d[start + i] as number);
        return out;
      }
    }
    this.pos += n;
    return this.str(d.subarray(start, start + n));
  }

  str(b: Uint8Array): string {
    const n = b.length;
    if (n < 64) {
      // Short ASCII strings (most record fields) are decoded here, without a call into C++.
      let out = '';
      let i = 0;
      for (; i < n; i++) {
        const c = b[i] as number;
        if (c >= 0x80) break;
        out += String.fromCharCode(c);
      }
      if (i === n) return out;
    }
    try {
      return utf8.decode(b);
    } catch {
      return this.fail('invalid UTF-8 in a str');
    }
  }

  int(n: bigint): number | bigint {
    return n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER)
      ? Number(n)
      : n;
  }

  textInt(s: string): number | bigint | boolean {
    if (s === '01') return true;
    if (s === '00') return false;
    const t = s.endsWith('L') ? s.slice(0, -1) : s;
    if (!/^[+-]?\d{1,4300}$/.test(t) || t.replace(/^[+-]/, '').length > this.maxIntDigits)
      this.fail(`invalid integer ${JSON.stringify(s.slice(0, 40))}`);
    return this.int(BigInt(t));
  }

  binLong(b: Uint8Array): number | bigint {
    if (b.length > this.maxIntDigits) this.fail('integer too long');
    if (b.length === 0) return 0;
    let n = 0n;
    for (let i = b.length - 1; i >= 0; i--) n = (n << 8n) | BigInt(b[i] as number);
    if ((b[b.length - 1] as number) & 0x80) n -= 1n << BigInt(8 * b.length);
    return this.int(n);
  }

  /** Checks that a container is placed once and not too deep, and returns its depth. */
  place(child: unknown): number {
    if (child === null || typeof child !== 'object' || child instanceof Uint8Array) return 0;
    const placed = (this.#placed ??= new WeakSet());
    if (placed.has(child)) this.fail('a shared or recursive container is not accepted');
    placed.add(child);
    return this.#depth?.get(child) ?? 1;
  }

  nest(parent: object, childDepth: number): void {
    if (childDepth === 0) return;
    const depth = (this.#depth ??= new WeakMap());
    const d = Math.max(depth.get(parent) ?? 1, childDepth + 1);
    if (d > this.maxDepth) this.fail(`containers nested deeper than ${this.maxDepth}`);
    depth.set(parent, d);
  }

  container(kind: string): Container {
    const c = this.top();
    if (
      kind === 'list'
        ? !Array.isArray(c)
        : c === null || typeof c !== 'object' || Array.isArray(c) || c instanceof Uint8Array
    ) {
      this.fail(`${kind} operation on a ${describe(c)}`);
    }
    if (Object.isFrozen(c)) this.fail(`${kind} operation on a tuple`);
    return c as Container;
  }

  append(list: unknown[], items: readonly unknown[]): void {
    for (const x of items) this.nest(list, this.place(x));
    for (const x of items) list.push(x);
  }

  /** A new dict: the caller's `root` object for the first (outermost) dict, else `{}`. */
  newDict(): Record<string, unknown> {
    if (this.root !== null && !this.rootUsed && this.stack.length === 0) {
      this.rootUsed = true;
      return this.root;
    }
    return {};
  }

  setItems(dict: Record<string, unknown>, items: readonly unknown[]): void {
    if (items.length % 2 !== 0) this.fail('odd number of items for a dict');
    for (let i = 0; i < items.length; i += 2) {
      const k = keyOf(items[i], this);
      const v = items[i + 1];
      this.nest(dict, this.place(v));
      if (dict === this.root) {
        if (!this.skipKeys.has(k)) dict[k] = v;
      } else if (k === '__proto__') {
        Object.defineProperty(dict, k, {
          value: v,
          writable: true,
          enumerable: true,
          configurable: true,
        });
      } else {
        dict[k] = v;
      }
    }
  }

  tuple(items: unknown[]): unknown[] {
    for (const x of items) this.nest(items, this.place(x));
    return Object.freeze(items) as unknown[];
  }

  fromMemo(i: number): unknown {
    if (!this.memo.has(i)) this.fail(`memo key ${i} not found`);
    const v = this.memo.get(i);
    // A container is referenced once only: a second reference could share or nest it in itself.
    if (v !== null && typeof v === 'object' && !(v instanceof Uint8Array)) {
      this.fail('a shared or recursive container is not accepted');
    }
    return v;
  }

  put(i: number): void {
    const v = this.top();
    this.count();
    this.memo.set(i, v);
  }

  run(): unknown {
    const d = this.data;
    for (;;) {
      if (this.pos >= d.length) this.fail('truncated pickle: no STOP opcode');
      const at = this.pos;
      const op = d[this.pos++] as number;
      const refused = REFUSED.get(op);
      if (refused !== undefined)
        this.fail(
          `opcode ${refused} is refused: it imports or calls code, and this reader accepts plain data only`,
          at,
        );
      switch (op) {
        case 0x2e: // STOP
          if (this.stack.length !== 1 || this.marks.length !== 0)
            this.fail('STOP with a malformed stack', at);
          return this.stack[0];
        case 0x80: {
          // PROTO
          const p = this.u8();
          if (p > 5) this.fail(`unsupported pickle protocol ${p}`, at);
          break;
        }
        case 0x95: // FRAME
          this.need(8, 'FRAME');
          this.pos += 8;
          break;
        case 0x28: // MARK
          this.marks.push(this.stack.length);
          this.stack.push(MARK);
          this.marks[this.marks.length - 1] = this.stack.length;
          break;
        case 0x30: // POP
          if (this.stack.at(-1) === MARK) {
            this.stack.pop();
            this.marks.pop();
          } else this.pop();
          break;
        case 0x31: // POP_MARK
          this.popMark();
          this.stack.pop();
          break;
        case 0x32: {
          // DUP
          const v = this.top();
          if (v !== null && typeof v === 'object' && !(v instanceof Uint8Array))
            this.fail('DUP of a container is not accepted', at);
          this.push(v);
          break;
        }
        case 0x4e: // NONE
          this.push(null);
          break;
        case 0x88: // NEWTRUE
          this.push(true);
          break;
        case 0x89: // NEWFALSE
          this.push(false);
          break;
        case 0x49: // INT
          this.push(this.textInt(this.line()));
          break;
        case 0x4c: // LONG
          this.push(this.textInt(this.line()));
          break;
        case 0x4a: // BININT
          this.push(this.i32());
          break;
        case 0x4b: // BININT1
          this.push(this.u8());
          break;
        case 0x4d: // BININT2
          this.push(this.u16());
          break;
        case 0x8a: // LONG1
          this.push(this.binLong(this.bytes(this.u8(), 'LONG1')));
          break;
        case 0x8b: {
          // LONG4
          const n = this.i32();
          if (n < 0) this.fail('LONG4 with a negative length', at);
          this.push(this.binLong(this.bytes(n, 'LONG4')));
          break;
        }
        case 0x46: {
          // FLOAT
          const s = this.line();
          const f = Number(s.trim());
          if (
            !/^\s*[+-]?(\d+\.?\d*([eE][+-]?\d+)?|\.\d+([eE][+-]?\d+)?|inf|nan|infinity)\s*$/i.test(
              s,
            )
          )
            this.fail('invalid float', at);
          this.push(Number.isNaN(f) ? parseSpecialFloat(s) : f);
          break;
        }
        case 0x47: // BINFLOAT
          this.need(8, 'BINFLOAT');
          this.push(this.view.getFloat64(this.pos, false));
          this.pos += 8;
          break;
        case 0x58: // BINUNICODE
          this.push(this.strAt(this.u32(), 'BINUNICODE'));
          break;
        case 0x8c: // SHORT_BINUNICODE
          this.push(this.strAt(this.u8(), 'SHORT_BINUNICODE'));
          break;
        case 0x8d: // BINUNICODE8
          this.push(this.str(this.bytes(this.u64(), 'BINUNICODE8')));
          break;
        case 0x56: // UNICODE (raw-unicode-escape text)
          this.push(rawUnicodeEscape(this.line(), this));
          break;
        case 0x53: // STRING (protocol 0 str, read as Python 3 does with encoding='ASCII')
          this.push(quotedString(this.line(), this));
          break;
        case 0x54: // BINSTRING
          this.push(asciiStr(this.bytes(this.i32NonNeg(at), 'BINSTRING'), this));
          break;
        case 0x55: // SHORT_BINSTRING
          this.push(asciiStr(this.bytes(this.u8(), 'SHORT_BINSTRING'), this));
          break;
        case 0x42: // BINBYTES
          this.push(Buffer.from(this.bytes(this.u32(), 'BINBYTES')));
          break;
        case 0x43: // SHORT_BINBYTES
          this.push(Buffer.from(this.bytes(this.u8(), 'SHORT_BINBYTES')));
          break;
        case 0x8e: // BINBYTES8
          this.push(Buffer.from(this.bytes(this.u64(), 'BINBYTES8')));
          break;
        case 0x96: // BYTEARRAY8
          this.push(Buffer.from(this.bytes(this.u64(), 'BYTEARRAY8')));
          break;
        case 0x29: // EMPTY_TUPLE
          this.push(Object.freeze([]));
          break;
        case 0x85: // TUPLE1
          this.push(this.tuple([this.pop()]));
          break;
        case 0x86: {
          // TUPLE2
          const b = this.pop();
          this.push(this.tuple([this.pop(), b]));
          break;
        }
        case 0x87: {
          // TUPLE3
          const c = this.pop();
          const b = this.pop();
          this.push(this.tuple([this.pop(), b, c]));
          break;
        }
        case 0x74: {
          // TUPLE
          const items = this.popMark();
          this.stack.pop();
          this.push(this.tuple(items));
          break;
        }
        case 0x5d: // EMPTY_LIST
          this.push([]);
          break;
        case 0x6c: {
          // LIST
          const items = this.popMark();
          this.stack.pop();
          const list: unknown[] = [];
          this.append(list, items);
          this.push(list);
          break;
        }
        case 0x7d: // EMPTY_DICT
          this.push(this.newDict());
          break;
        case 0x64: {
          // DICT
          const items = this.popMark();
          this.stack.pop();
          const dict = this.newDict();
          this.setItems(dict, items);
          this.push(dict);
          break;
        }
        case 0x8f: // EMPTY_SET
          this.push([]);
          break;
        case 0x91: {
          // FROZENSET
          const items = this.popMark();
          this.stack.pop();
          const list: unknown[] = [];
          this.append(list, items);
          this.push(Object.freeze(list));
          break;
        }
        case 0x61: {
          // APPEND
          const x = this.pop();
          this.append(this.container('list') as unknown[], [x]);
          break;
        }
        case 0x65: // APPENDS
        case 0x90: {
          // ADDITEMS
          const items = this.popMark();
          this.stack.pop();
          this.append(this.container('list') as unknown[], items);
          break;
        }
        case 0x73: {
          // SETITEM
          const v = this.pop();
          const k = this.pop();
          this.setItems(this.container('dict') as Record<string, unknown>, [k, v]);
          break;
        }
        case 0x75: {
          // SETITEMS
          const items = this.popMark();
          this.stack.pop();
          this.setItems(this.container('dict') as Record<string, unknown>, items);
          break;
        }
        case 0x70: // PUT
          this.put(this.textIndex(this.line(), at));
          break;
        case 0x71: // BINPUT
          this.put(this.u8());
          break;
        case 0x72: // LONG_BINPUT
          this.put(this.u32());
          break;
        case 0x94: // MEMOIZE
          this.put(this.memo.size);
          break;
        case 0x67: // GET
          this.push(this.fromMemo(this.textIndex(this.line(), at)));
          break;
        case 0x68: // BINGET
          this.push(this.fromMemo(this.u8()));
          break;
        case 0x6a: // LONG_BINGET
          this.push(this.fromMemo(this.u32()));
          break;
        default:
          this.fail(`unknown opcode 0x${op.toString(16).padStart(2, '0')}`, at);
      }
    }
  }

  i32NonNeg(at: number): number {
    const n = this.i32();
    if (n < 0) this.fail('negative length', at);
    return n;
  }

  textIndex(s: string, at: number): number {
    if (!/^\d{1,10}$/.test(s)) this.fail('invalid memo index', at);
    return Number(s);
  }
}

function describe(v: unknown): string {
  if (v === null) return 'None';
  if (Array.isArray(v)) return 'list';
  if (v instanceof Uint8Array) return 'bytes';
  return typeof v;
}

function keyOf(k: unknown, r: Reader): string {
  if (typeof k === 'string') return k;
  if (typeof k === 'number' || typeof k === 'bigint') return String(k);
  if (typeof k === 'boolean') return k ? 'True' : 'False';
  if (k === null) return 'None';
  return r.fail(`unhashable or unsupported dict key (${describe(k)})`);
}

function parseSpecialFloat(s: string): number {
  const t = s.trim().toLowerCase();
  if (t.endsWith('nan')) return Number.NaN;
  return t.startsWith('-') ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
}

function asciiStr(b: Uint8Array, r: Reader): string {
  for (const c of b) if (c > 0x7f) r.fail('non-ASCII bytes in a protocol 0-2 str');
  return Buffer.from(b).toString('latin1');
}

function quotedString(s: string, r: Reader): string {
  const q = s[0];
  if (s.length < 2 || (q !== "'" && q !== '"') || s[s.length - 1] !== q)
    r.fail('the STRING opcode argument must be quoted');
  const body = s.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i] as string;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const n = body[++i];
    const simple: Record<string, string> = {
      n: '\n',
      t: '\t',
      r: '\r',
      '\\': '\\',
      "'": "'",
      '"': '"',
      a: '\x07',
      b: '\b',
      f: '\f',
      v: '\v',
      '0': '\0',
    };
    if (n === 'x') {
      const h = body.slice(i + 1, i + 3);
      if (!/^[0-9a-fA-F]{2}$/.test(h)) r.fail('invalid \\x escape');
      out += String.fromCharCode(Number.parseInt(h, 16));
      i += 2;
    } else if (n !== undefined && simple[n] !== undefined) {
      out += simple[n];
    } else {
      out += `\\${n ?? ''}`;
    }
  }
  for (let i = 0; i < out.length; i++)
    if (out.charCodeAt(i) > 0x7f) r.fail('non-ASCII bytes in a protocol 0 str');
  return out;
}

function rawUnicodeEscape(s: string, r: Reader): string {
  return s.replace(
    /\\u([0-9a-fA-F]{4})|\\U([0-9a-fA-F]{8})/g,
    (_m, u4: string | undefined, u8: string | undefined) => {
      const cp = Number.parseInt((u4 ?? u8) as string, 16);
      if (cp > 0x10ffff) r.fail('invalid \\U escape');
      return String.fromCodePoint(cp);
    },
  );
}

/**
 * Reads a pickle of plain data (see the module comment); throws {@link UnpicklingError} for
 * anything else, for a malformed or truncated pickle, and beyond the limits.
 */
export function safeUnpickle(data: Uint8Array, options: SafeUnpickleOptions = {}): unknown {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const r = new Reader(
    data,
    view,
    options.maxItems ?? 100_000,
    options.maxDepth ?? 100,
    options.maxIntDigits ?? 4300,
  );
  r.root = options.root ?? null;
  r.skipKeys = options.skipKeys ?? NO_KEYS;
  const v = r.run();
  if (r.pos !== data.length)
    throw new UnpicklingError(`${data.length - r.pos} byte(s) after STOP`, r.pos);
  return v;
}
