import { describe, expect, it } from 'vitest';
import { hasPython, runPython, vsCPython } from '../handlers/test-support/python.js';
import { RejectingCodec, TextCodec } from './text-codec.js';

const TEXTS = [
  'plain ascii',
  'caf\u00e9',
  '\u00e9\u20ac x',
  'emoji \u{1f600} end',
  'lone \ud800 high',
  'lone \udc00 low',
  'pair reversed \udc00\ud800!',
  '\u20ac\u20ac\u20ac tail',
  '\u00ff\u0100',
  '',
];
const CODECS = ['utf-8', 'latin-1', 'ascii'];
const ERRORS = ['strict', 'ignore', 'replace', 'backslashreplace', 'xmlcharrefreplace'];

type Outcome = { ok: string } | { error: string; message: string };

function ours(encoding: string, errors: string, text: string): Outcome {
  const codec = new TextCodec(encoding, errors);
  try {
    return { ok: Buffer.from(codec.check(text), codec.bufferEncoding).toString('hex') };
  } catch (e) {
    return { error: (e as Error).name, message: (e as Error).message };
  }
}

describe.skipIf(!hasPython)(vsCPython("TextCodec.check() against CPython's str.encode"), () => {
  const cases = CODECS.flatMap((c) => ERRORS.flatMap((e) => TEXTS.map((t) => [c, e, t] as const)));
  const expected = hasPython
    ? runPython<Outcome[]>(
        `out = []
for enc, err, text in data:
    try:
        out.append({'ok': text.encode(enc, err).hex()})
    except UnicodeEncodeError as e:
        out.append({'error': type(e).__name__, 'message': str(e)})
emit(out)`,
        cases,
      )
    : [];
  it.each(cases.map((c, i) => [...c, i] as const))(
    '%s/%s encodes %j like CPython',
    (enc, err, text, i) => {
      expect(ours(enc, err, text)).toEqual(expected[i]);
    },
  );
});

describe('TextCodec names', () => {
  it.each([
    ['UTF-8', 'utf-8'],
    ['utf8', 'utf-8'],
    ['U8', 'utf-8'],
    ['locale', 'utf-8'],
    ['Latin-1', 'latin-1'],
    ['ISO-8859-1', 'latin-1'],
    ['iso8859_1', 'latin-1'],
    ['US-ASCII', 'ascii'],
    ['ascii', 'ascii'],
  ])('new TextCodec(%j) when given an alias gives %j', (alias, name) => {
    expect(new TextCodec(alias).name).toBe(name);
  });

  it('new TextCodec() when the encoding is unknown throws LookupError text', () => {
    expect(() => new TextCodec('bogus')).toThrow(/^unknown encoding: bogus/);
    expect(() => new TextCodec('cp1252')).toThrow(/^unknown encoding: cp1252/);
  });

  it('new TextCodec() when the error handler is unknown or unsupported throws', () => {
    expect(() => new TextCodec('utf-8', 'bogus')).toThrow("unknown error handler name 'bogus'");
    expect(() => new TextCodec('utf-8', 'surrogateescape')).toThrow(/not supported/);
  });

  it('new TextCodec() when errors is null uses strict', () => {
    expect(new TextCodec('ascii', null).errors).toBe('strict');
  });
});

describe('RejectingCodec.check()', () => {
  it('when binary throws TypeError text', () => {
    expect(() => new RejectingCodec('binary').check('x')).toThrow(
      "a bytes-like object is required, not 'str'",
    );
  });
  it('when read-only throws UnsupportedOperation text', () => {
    expect(() => new RejectingCodec('read-only').check('x')).toThrow('not writable');
  });
});
