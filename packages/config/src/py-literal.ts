import { ConfigError } from './errors.js';

/**
 * Python literals without eval: what `fileConfig` reads from `args=` and `kwargs=`.
 * Tuples and lists become arrays, dicts plain objects, `None`/`True`/`False` null/true/false,
 * numbers (with `0x`, `0o`, `0b`, `_`, exponents, a leading `-`/`+`) numbers, strings (every
 * quote form and prefix `r`, `u`, `b`, adjacent strings joined) strings. A bare or dotted name
 * is looked up in `names` (e.g. `sys.stdout`); anything else — a call, an operator, an
 * attribute of an unknown name, `__import__('os')` — is rejected, naming `path` and the column.
 */
export function parsePythonLiteral(
  text: string,
  path: string,
  names: ReadonlyMap<string, unknown> = new Map(),
): unknown {
  const p = new LiteralParser(text, path, names);
  p.ws();
  const v = p.value();
  p.ws();
  if (p.i < text.length) p.fail(`unexpected ${JSON.stringify(text.slice(p.i, p.i + 10))}`);
  return v;
}

const ESCAPES: Record<string, string> = {
  '\n': '',
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};

class LiteralParser {
  i = 0;
  depth = 0;
  constructor(
    readonly s: string,
    readonly path: string,
    readonly names: ReadonlyMap<string, unknown>,
  ) {}

  fail(reason: string): never {
    throw new ConfigError(
      this.path,
      `${reason} at column ${this.i + 1} of ${JSON.stringify(this.s)}: only Python literals (strings, numbers, tuples, lists, dicts, True/False/None) and ${[...this.names.keys()].slice(0, 4).join(', ')}${this.names.size > 4 ? ', ...' : ''} are allowed (no code is evaluated)`,
    );
  }

  ws(): void {
    const s = this.s;
    while (this.i < s.length) {
      const c = s[this.i]!;
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') this.i++;
      else if (c === '\\' && s[this.i + 1] === '\n') this.i += 2;
      else if (c === '#') while (this.i < s.length && s[this.i] !== '\n') this.i++;
      else break;
    }
  }

  value(): unknown {
    if (++this.depth > 100) this.fail('nesting too deep');
    try {
      return this.atom();
    } finally {
      this.depth--;
    }
  }

  atom(): unknown {
    const s = this.s;
    const c = s[this.i];
    if (c === undefined) this.fail('unexpected end');
    if (c === '(') return this.sequence(')', true);
    if (c === '[') return this.sequence(']', false);
    if (c === '{') return this.dict();
    if (c === '-' || c === '+' || (c >= '0' && c <= '9') || c === '.') return this.number();
    if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_]\w*/.exec(s.slice(this.i))![0];
      const q = s[this.i + m.length];
      if (/^(?:[rRuUbB]|[rR][bB]|[bB][rR])$/.test(m) && (q === "'" || q === '"'))
        return this.strings();
      return this.name();
    }
    if (c === "'" || c === '"') return this.strings();
    this.fail(`unexpected ${JSON.stringify(c)}`);
  }

  sequence(close: string, tuple: boolean): unknown[] {
    this.i++;
    const out: unknown[] = [];
    let sawComma = false;
    for (;;) {
      this.ws();
      if (this.s[this.i] === close) {
        this.i++;
        break;
      }
      out.push(this.value());
      this.ws();
      const c = this.s[this.i];
      if (c === ',') {
        sawComma = true;
        this.i++;
      } else if (c === close) {
        this.i++;
        break;
      } else this.fail(`expected ',' or '${close}'`);
    }
    // `(x)` is just x in Python; `(x,)` is a tuple.
    if (tuple && out.length === 1 && !sawComma) return out[0] as unknown[];
    return out;
  }

  dict(): Record<string, unknown> {
    this.i++;
    const out: Record<string, unknown> = {};
    for (;;) {
      this.ws();
      if (this.s[this.i] === '}') {
        this.i++;
        return out;
      }
      const k = this.value();
      if (k !== null && typeof k === 'object') this.fail('unhashable dict key');
      this.ws();
      if (this.s[this.i] !== ':') this.fail("expected ':'");
      this.i++;
      this.ws();
      Object.defineProperty(out, String(k), {
        value: this.value(),
        enumerable: true,
        writable: true,
        configurable: true,
      });
      this.ws();
      const c = this.s[this.i];
      if (c === ',') this.i++;
      else if (c !== '}') this.fail("expected ',' or '}'");
    }
  }

  number(): number {
    const m =
      /^[-+]?\s*(?:0[xX][\da-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|(?:\d[\d_]*)?\.?\d[\d_]*(?:[eE][-+]?\d+)?|\d[\d_]*\.)/.exec(
        this.s.slice(this.i),
      );
    if (!m) this.fail('bad number');
    this.i += m[0].length;
    let t = m[0].replace(/[\s_]/g, '');
    let sign = 1;
    if (t[0] === '-' || t[0] === '+') {
      if (t[0] === '-') sign = -1;
      t = t.slice(1);
    }
    const v = /^0[xXoObB]/.test(t) ? Number(t.toLowerCase()) : Number.parseFloat(t);
    if (Number.isNaN(v)) this.fail('bad number');
    if (/^[A-Za-z_]/.test(this.s[this.i] ?? '')) this.fail('bad number');
    return sign * v;
  }

  name(): unknown {
    const m = /^[A-Za-z_]\w*(?:\s*\.\s*[A-Za-z_]\w*)*/.exec(this.s.slice(this.i))![0];
    const name = m.replace(/\s/g, '');
    if (name === 'None') return this.after(m, null);
    if (name === 'True') return this.after(m, true);
    if (name === 'False') return this.after(m, false);
    if (this.names.has(name)) return this.after(m, this.names.get(name));
    this.fail(`name '${name}' is not allowed`);
  }

  after(m: string, v: unknown): unknown {
    this.i += m.length;
    const save = this.i;
    this.ws();
    if (this.s[this.i] === '(' || this.s[this.i] === '[')
      this.fail('calls and subscripts are not allowed');
    this.i = save;
    return v;
  }

  strings(): string {
    let out = '';
    do {
      out += this.string();
      this.ws();
    } while (/^(?:[rRuUbB]|[rR][bB]|[bB][rR])?['"]/.test(this.s.slice(this.i, this.i + 3)));
    return out;
  }

  string(): string {
    const s = this.s;
    const pre = /^[rRuUbB]*/.exec(s.slice(this.i))![0];
    const raw = /[rR]/.test(pre);
    this.i += pre.length;
    const q = s[this.i]!;
    const triple = s.startsWith(q.repeat(3), this.i);
    const close = triple ? q.repeat(3) : q;
    this.i += close.length;
    let out = '';
    for (;;) {
      if (this.i >= s.length) this.fail('unterminated string');
      if (s.startsWith(close, this.i)) {
        this.i += close.length;
        return out;
      }
      const c = s[this.i]!;
      if (c === '\n' && !triple) this.fail('unterminated string');
      if (c !== '\\') {
        out += c;
        this.i++;
        continue;
      }
      const n = s[this.i + 1];
      if (n === undefined) this.fail('unterminated string');
      if (raw) {
        out += c + n;
        this.i += 2;
        continue;
      }
      if (n in ESCAPES) {
        out += ESCAPES[n];
        this.i += 2;
      } else if (n === 'x' || n === 'u' || n === 'U') {
        const len = n === 'x' ? 2 : n === 'u' ? 4 : 8;
        const hex = s.slice(this.i + 2, this.i + 2 + len);
        if (!new RegExp(`^[0-9a-fA-F]{${len}}$`).test(hex)) this.fail(`bad \\${n} escape`);
        out += String.fromCodePoint(Number.parseInt(hex, 16));
        this.i += 2 + len;
      } else if (n >= '0' && n <= '7') {
        const oct = /^[0-7]{1,3}/.exec(s.slice(this.i + 1))![0];
        out += String.fromCodePoint(Number.parseInt(oct, 8));
        this.i += 1 + oct.length;
      } else {
        out += c + n;
        this.i += 2;
      }
    }
  }
}
