import { describe, expect, it } from 'vitest';
import { PYTHON_NOTE, hasPython311, runPython } from './test-support/cpython.js';
import {
  codePointLength,
  decimalValue,
  escapeCodePoint,
  isPrintable,
  sliceCodePoints,
} from './unicode.js';

const STRINGS: readonly string[] = ['', 'abc', 'é', '😀', 'a😀b😀', '\ud800x', 'x\udc00', '日本語'];
const SAMPLE_CPS: readonly number[] = [
  0x0, 0x20, 0x7e, 0x7f, 0xa0, 0xa1, 0xad, 0x378, 0x661, 0x6f5, 0x200b, 0x2028, 0x3000, 0xd800,
  0xe000, 0xfeff, 0x1d7d9, 0x1f600, 0x1fbf9, 0x10ffff,
];

describe.skipIf(!hasPython311)(`code-point helpers ${PYTHON_NOTE}`, () => {
  const lengths = runPython(STRINGS.map((s) => ({ code: 'len(v[0])', values: [s] })));
  const slices = runPython(
    STRINGS.map((s) => ({ code: '[v[0][:0], v[0][:1], v[0][:2], v[0][:99]]', values: [s] })),
  );
  const props = runPython(
    SAMPLE_CPS.map((cp) => ({
      code: '[chr(v[0]).isprintable(), __import__("unicodedata").decimal(chr(v[0]), -1), ascii(chr(v[0]))]',
      values: [cp],
    })),
  );

  it('codePointLength() equals len() (surrogate pairs count once, lone surrogates once)', () => {
    expect(STRINGS.map((s) => ({ ok: codePointLength(s) }))).toEqual(lengths);
  });

  it('sliceCodePoints() equals s[:n]', () => {
    expect(STRINGS.map((s) => ({ ok: [0, 1, 2, 99].map((n) => sliceCodePoints(s, n)) }))).toEqual(
      slices,
    );
  });

  it('isPrintable(), decimalValue() and escapeCodePoint() match isprintable(), decimal() and ascii()', () => {
    expect(
      SAMPLE_CPS.map((cp) => {
        const printable = isPrintable(cp);
        const escaped = cp < 0x7f && cp >= 0x20 ? String.fromCodePoint(cp) : escapeCodePoint(cp);
        return { ok: [printable, decimalValue(cp), `'${escaped}'`] };
      }),
    ).toEqual(props);
  });
});
