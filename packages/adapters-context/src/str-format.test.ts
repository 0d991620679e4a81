import { Formatter, getLogger, kw, resetLogging } from '@logweave/core';
import { afterEach, describe, expect, it } from 'vitest';
import { BraceMessage, DollarMessage } from './brace-message.js';
import { strFormat } from './str-format.js';
import { StyleAdapter } from './style-adapter.js';
import { ListHandler } from './test-support/list-handler.js';
import { hasPython, runPython, vsCPython } from './test-support/python.js';

afterEach(() => resetLogging());

type Vector = [fmt: string, args: unknown[], kwargs: Record<string, unknown>];

// Each is run through CPython's str.format with the same arguments.
const VECTORS: Vector[] = [
  ['{} {}', ['a', 1], {}],
  ['{0} {1} {0}', ['x', 'y'], {}],
  ['{name!r} {name!s} {name!a}', [], { name: 'héllo' }],
  ['{:>8}|{:<6}|{:^7}|', ['r', 'l', 'c'], {}],
  ['{:08.3f} {:,d} {:_x} {:#o} {:e}', [2.71, 1234567, 255, 8, 12345.678], {}],
  ['{0[1]} {0[0]}', [['p', 'q']], {}],
  ['{a[k]} {a[n]}', [], { a: { k: 'v', n: 2 } }],
  ['{:{width}.{prec}f}', [2.5], { width: 10, prec: 2 }],
  ['{{literal}} {}', ['x'], {}],
  ['{:%}', [0.25], {}],
  ['{!r:>10}', ['q'], {}],
  ['{}', [], {}],
  ['{0} {}', ['a', 'b'], {}],
  ['{missing}', [], {}],
  ['{', [], {}],
  ['{abc', [], {}],
  ['}', [], {}],
  ['{:d}', ['s'], {}],
  ['{!x}', [1], {}],
];

function ours(v: Vector): { ok: string } | { error: string } {
  try {
    return { ok: strFormat(v[0], v[1], v[2]) };
  } catch (e) {
    return { error: `${(e as Error).name.replace(/^Logging/, '')}: ${(e as Error).message}` };
  }
}

describe('strFormat()', () => {
  it.skipIf(!hasPython)(vsCPython('matches CPython str.format, errors included'), () => {
    const theirs = runPython<unknown[]>(
      `
out = []
for fmt, args, kwargs in data:
    try:
        out.append({'ok': fmt.format(*args, **kwargs)})
    except Exception as e:
        out.append({'error': '%s: %s' % (type(e).__name__, str(e) if not isinstance(e, KeyError) else repr(e.args[0]))})
emit(out)`,
      VECTORS,
    );
    expect(VECTORS.map(ours)).toEqual(theirs);
  });

  it('reads attributes with .name', () => {
    expect(strFormat('{0.x}-{u.id}', [{ x: 1 }], { u: { id: 'a' } })).toBe('1-a');
  });
});

describe('BraceMessage and DollarMessage', () => {
  it('format only when the text is needed', () => {
    let reads = 0;
    const arg = {
      toString() {
        reads++;
        return 'x';
      },
    };
    const m = new BraceMessage('{}', [arg]);
    expect(reads).toBe(0);
    expect(String(m)).toBe('x');
    expect(reads).toBe(1);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a string.Template placeholder
    expect(String(new DollarMessage('$a and ${b}s', { a: 1, b: 'thing' }))).toBe('1 and things');
  });
});

describe('StyleAdapter', () => {
  it('formats {} messages lazily and keeps kw() keywords', () => {
    const logger = getLogger('style.adapter');
    logger.setLevel('INFO');
    logger.propagate = false;
    const h = new ListHandler();
    h.setFormatter(new Formatter('%(levelname)s %(message)s %(user)s'));
    logger.addHandler(h);
    const log = new StyleAdapter(logger, { user: 'adapter' });
    log.info('{} has {:,d} rows', 'tbl', 12345);
    log.warning('{user} logged in', { user: 'ann' });
    log.error('{0:>5}', 'x', kw({ extra: { user: 'call' } }));
    log.debug('{} not formatted', {
      toString() {
        throw new Error('should not be formatted');
      },
    });
    expect(h.lines).toEqual([
      'INFO tbl has 12,345 rows adapter',
      'WARNING ann logged in adapter',
      'ERROR     x call',
    ]);
  });
});
