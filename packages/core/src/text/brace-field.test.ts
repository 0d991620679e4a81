import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parseBraceFormat, parseFieldInteger, parseFieldName } from './brace-field.js';

const hasPython = spawnSync('python3', ['--version']).status === 0;

/** Runs `script` in python3 with `input` as JSON on stdin; returns its JSON stdout. */
function python(script: string, input: unknown): unknown {
  const r = spawnSync('python3', ['-c', script], {
    input: JSON.stringify(input),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout);
}

/** A small seeded PRNG (mulberry32), so the random formats are the same on every run. */
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

function randomFormats(count: number, alphabet: readonly string[], seed: number): string[] {
  const rnd = prng(seed);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const len = Math.floor(rnd() * 12);
    let s = '';
    for (let j = 0; j < len; j++) s += alphabet[Math.floor(rnd() * alphabet.length)];
    out.push(s);
  }
  return out;
}

describe('parseBraceFormat() on well-formed formats', () => {
  it('splits literals and fields with conversion and spec', () => {
    const p = parseBraceFormat('a{name!r:>{width}}b{}');
    expect(p.error).toBeNull();
    expect(p.chunks).toEqual([
      {
        literal: 'a',
        field: { name: 'name', conversion: 'r', spec: '>{width}', specNeedsExpanding: true },
      },
      { literal: 'b', field: { name: '', conversion: null, spec: '', specNeedsExpanding: false } },
    ]);
  });

  it('ends a chunk at an escaped brace, keeping one brace in the literal', () => {
    expect(parseBraceFormat('x{{y}}z').chunks.map((c) => c.literal)).toEqual(['x{', 'y}', 'z']);
  });

  it('keeps brackets in field names, even around a closing brace', () => {
    expect(parseBraceFormat('{[}]}').chunks[0]!.field!.name).toBe('[}]');
  });
});

describe('parseBraceFormat() on malformed formats', () => {
  const cases: [string, string][] = [
    ['{', "Single '{' encountered in format string"],
    ['a}b', "Single '}' encountered in format string"],
    ['{name', "expected '}' before end of string"],
    ['{a{b}', "unexpected '{' in field name"],
    ['{a!', 'end of string while looking for conversion specifier'],
    ['{a!}', "unmatched '{' in format spec"],
    ['{a!rx}', "expected ':' after conversion specifier"],
    ['{a:', "unmatched '{' in format spec"],
  ];
  for (const [fmt, error] of cases) {
    it(`reports ${JSON.stringify(error)} for ${JSON.stringify(fmt)}`, () => {
      expect(parseBraceFormat(fmt).error).toBe(error);
    });
  }

  it('keeps the chunks that precede the error', () => {
    const p = parseBraceFormat('{a}x{');
    expect(p.chunks).toHaveLength(1);
    expect(p.error).toBe("Single '{' encountered in format string");
  });
});

describe('parseFieldName()', () => {
  it('splits the first name from attribute and index accessors', () => {
    expect(parseFieldName('args[1].x[key]')).toEqual({
      first: 'args',
      auto: false,
      accessors: [
        { kind: 'item', key: 1 },
        { kind: 'attr', name: 'x' },
        { kind: 'item', key: 'key' },
      ],
      error: null,
      firstError: null,
    });
  });

  it('treats an empty first part as automatic numbering and digits as positional', () => {
    expect(parseFieldName('').auto).toBe(true);
    expect(parseFieldName('3').first).toBe(3);
    expect(parseFieldName('٣').first).toBe(3);
  });

  it('records accessor errors after the accessors that parse', () => {
    const p = parseFieldName('a[0]x');
    expect(p.accessors).toEqual([{ kind: 'item', key: 0 }]);
    expect(p.error).toBe("Only '.' or '[' may follow ']' in format field specifier");
    expect(parseFieldName('a..b').error).toBe('Empty attribute in format string');
  });

  it('reports too many digits for an index beyond Py_ssize_t', () => {
    expect(parseFieldName('99999999999999999999').firstError).toBe(
      'Too many decimal digits in format string',
    );
    expect(parseFieldInteger('9223372036854775807')).toBe(Number(2n ** 63n - 1n));
    expect(parseFieldInteger('9223372036854775808')).toBeNull();
    expect(parseFieldInteger('-1')).toBe(-1);
  });
});

describe.skipIf(!hasPython)(
  'parseBraceFormat() against live CPython (skipped: python3 not found)',
  () => {
    const alphabet = [
      '{',
      '}',
      '{',
      '}',
      '!',
      ':',
      '[',
      ']',
      '.',
      'a',
      'b',
      '0',
      'r',
      's',
      '>',
      ' ',
      'é',
      '😀',
    ];
    const formats = randomFormats(3000, alphabet, 20240229);

    it('yields the same chunks and errors as _string.formatter_parser for 3,000 random formats', () => {
      const script = `
import _string, json, sys
out = []
for f in json.load(sys.stdin):
    chunks = []
    err = None
    it = _string.formatter_parser(f)
    while True:
        try:
            lit, name, spec, conv = next(it)
        except StopIteration:
            break
        except ValueError as e:
            err = str(e)
            break
        chunks.append([lit, name, spec, conv])
    out.append([chunks, err])
print(json.dumps(out))
`;
      const expected = python(script, formats) as [unknown[][], string | null][];
      const actual = formats.map((f) => {
        const p = parseBraceFormat(f);
        return [
          p.chunks.map((c) => [
            c.literal,
            c.field?.name ?? null,
            c.field ? c.field.spec : null,
            c.field?.conversion ?? null,
          ]),
          p.error,
        ];
      });
      expect(actual).toEqual(expected);
    });

    it('splits field names like _string.formatter_field_name_split for 2,000 random names', () => {
      const names = randomFormats(2000, ['a', 'b', '0', '1', '[', ']', '.', 'x', '٣'], 7);
      const script = `
import _string, json, sys
out = []
for f in json.load(sys.stdin):
    try:
        first, rest = _string.formatter_field_name_split(f)
    except ValueError as e:
        out.append(['first-error', str(e)])
        continue
    acc = []
    err = None
    while True:
        try:
            is_attr, key = next(rest)
        except StopIteration:
            break
        except ValueError as e:
            err = str(e)
            break
        acc.append(['attr' if is_attr else 'item', key])
    out.append([first, acc, err])
print(json.dumps(out))
`;
      const expected = python(script, names);
      const actual = names.map((n) => {
        const p = parseFieldName(n);
        if (p.firstError !== null) return ['first-error', p.firstError];
        return [
          p.auto ? '' : p.first,
          p.accessors.map((a) => (a.kind === 'attr' ? ['attr', a.name] : ['item', a.key])),
          p.error,
        ];
      });
      expect(actual).toEqual(expected);
    });
  },
);
