// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${name}` is string.Template syntax here.
import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { LoggingValueError } from './errors.js';
import { Formatter } from './formatter.js';
import { type LogRecord, makeLogRecord } from './record.js';
import { StrFormatStyle } from './styles/str-format-style.js';
import { StringTemplateStyle } from './styles/string-template-style.js';
import { gmtime, localtime } from './time/converters.js';

const hasPython = spawnSync('python3', ['--version']).status === 0;

function python(script: string, input: unknown): unknown {
  const r = spawnSync('python3', ['-c', script], {
    input: JSON.stringify(input),
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout);
}

/** A record as the logging machinery makes it, with a fixed clock. */
function record(fields: Record<string, unknown> = {}): LogRecord {
  return makeLogRecord({
    name: 'app',
    levelname: 'INFO',
    levelno: 20,
    msg: 'hello %s',
    args: ['world'],
    created: 1700000000.5,
    msecs: 500,
    ...fields,
  });
}

afterEach(() => {
  Formatter.converter = localtime;
  Formatter.default_time_format = '%Y-%m-%d %H:%M:%S';
  Formatter.default_msec_format = '%s,%03d';
});

describe('Formatter constructor', () => {
  it("defaults to the '%' style and '%(message)s'", () => {
    const f = new Formatter();
    expect(f._fmt).toBe('%(message)s');
    expect(f.datefmt).toBeNull();
    expect(f.format(record())).toBe('hello world');
  });

  it('accepts an options object equivalent to the positional form', () => {
    const a = new Formatter('{name}|{message}', null, '{', true, { defaults: { x: 1 } });
    const b = new Formatter({ fmt: '{name}|{message}', style: '{', defaults: { x: 1 } });
    expect(b._style).toBeInstanceOf(StrFormatStyle);
    expect(b.format(record())).toBe(a.format(record()));
    expect(new Formatter({ style: '$' })._style).toBeInstanceOf(StringTemplateStyle);
  });

  it('rejects an unknown style and, when validating, a format without fields', () => {
    expect(() => new Formatter('%(name)s', null, '#' as '%')).toThrow(
      new LoggingValueError('Style must be one of: %,{,$'),
    );
    expect(() => new Formatter('no fields')).toThrow("Invalid format 'no fields' for '%' style");
    expect(new Formatter('no fields', null, '%', false).format(record())).toBe('no fields');
  });

  it('fills only fields the record lacks from defaults', () => {
    const f = new Formatter('%(name)s %(ip)s', null, '%', true, {
      defaults: { ip: '-', name: 'shadowed' },
    });
    expect(f.format(record())).toBe('app -');
  });
});

describe('Formatter.needsCaller', () => {
  const cases: [string, '%' | '{' | '$', boolean][] = [
    ['%(message)s', '%', false],
    ['%(lineno)d %(message)s', '%', true],
    ['{funcName}', '{', true],
    ['{message:{lineno}}', '{', true],
    ['$pathname', '$', true],
    ['${module}', '$', true],
    ['{filename}', '$', false],
  ];
  for (const [fmt, style, expected] of cases) {
    it(`is ${expected} for ${JSON.stringify(fmt)} in style '${style}'`, () => {
      expect(new Formatter(fmt, null, style, false).needsCaller).toBe(expected);
    });
  }
});

describe('Formatter.converter', () => {
  it('is localtime on the prototype, settable per instance', () => {
    const f = new Formatter('%(asctime)s');
    expect(f.converter).toBe(localtime);
    expect(Object.hasOwn(f, 'converter')).toBe(false);
    f.converter = gmtime;
    expect(new Formatter().converter).toBe(localtime);
  });

  it('is settable on the class for every formatter without its own', () => {
    Formatter.converter = gmtime;
    expect(new Formatter().converter).toBe(gmtime);
    class UTCFormatter extends Formatter {}
    UTCFormatter.converter = localtime;
    expect(new UTCFormatter().converter).toBe(localtime);
    expect(new Formatter().converter).toBe(gmtime);
  });
});

describe.skipIf(!hasPython)(
  'Formatter.formatTime() against CPython (skipped: python3 not found)',
  () => {
    const created = [
      0, 1.999, 946684800.001, 1700000000.123, 1709164800.5, -14182940.25, 2147483648.5,
    ];
    const variants: { datefmt: string | null; dtf?: string; dmf?: string | null }[] = [
      { datefmt: null },
      { datefmt: '%d/%b/%Y:%H:%M:%S %z %Z' },
      { datefmt: null, dtf: '%H:%M:%S', dmf: '%s.%03d' },
      { datefmt: null, dmf: null },
      { datefmt: null, dmf: '%s|%5.1f' },
    ];
    const expected = python(
      `
import json, logging, sys, time
data = json.load(sys.stdin)
out = []
for v in data['variants']:
    f = logging.Formatter('%(asctime)s', v['datefmt'])
    f.converter = time.gmtime
    if 'dtf' in v: f.default_time_format = v['dtf']
    if 'dmf' in v: f.default_msec_format = v['dmf']
    for c in data['created']:
        r = logging.makeLogRecord({'created': c, 'msecs': float(int((c - int(c)) * 1000))})
        out.append(f.format(r))
print(json.dumps(out))
`,
      { created, variants },
    ) as string[];

    it('formats gmtime timestamps with datefmt, default formats and msec overrides', () => {
      const got: string[] = [];
      for (const v of variants) {
        const f = new Formatter('%(asctime)s', v.datefmt);
        f.converter = gmtime;
        if (v.dtf !== undefined) f.default_time_format = v.dtf;
        if (v.dmf !== undefined) f.default_msec_format = v.dmf;
        for (const c of created) {
          got.push(
            f.format(makeLogRecord({ created: c, msecs: Math.trunc((c - Math.trunc(c)) * 1000) })),
          );
        }
      }
      expect(got).toEqual(expected);
    });
  },
);

describe('Formatter.formatTime() time-text cache', () => {
  it('reuses one second of text but always renders the record msecs', () => {
    const f = new Formatter('%(asctime)s');
    f.converter = gmtime;
    const a = f.formatTime(record({ created: 1700000000.1, msecs: 100 }));
    const b = f.formatTime(record({ created: 1700000000.9, msecs: 900 }));
    expect(a.slice(0, -4)).toBe(b.slice(0, -4));
    expect([a.slice(-4), b.slice(-4)]).toEqual([',100', ',900']);
    expect(f.formatTime(record({ created: 1700000001.0, msecs: 0 }))).not.toBe(a);
  });

  it('follows a change of datefmt, converter or default format within the same second', () => {
    const f = new Formatter('%(asctime)s');
    f.converter = gmtime;
    const r = record();
    const base = f.formatTime(r);
    expect(f.formatTime(r, '%Y')).toBe(f.formatTime(r, '%Y'));
    expect(f.formatTime(r, '%Y')).not.toBe(base);
    f.default_time_format = '%H:%M';
    expect(f.formatTime(r)).not.toBe(base);
    f.default_time_format = '%Y-%m-%d %H:%M:%S';
    f.converter = (secs) => ({ ...gmtime(secs), tm_year: 1999 });
    expect(f.formatTime(r).startsWith('1999-')).toBe(true);
  });
});

describe('Formatter.format()', () => {
  it('sets record.message, and record.asctime only when the format uses it', () => {
    const r = record();
    new Formatter('%(message)s').format(r);
    expect(r.message).toBe('hello world');
    expect(Object.hasOwn(r, 'asctime')).toBe(false);
    const f = new Formatter('%(asctime)s');
    f.converter = gmtime;
    f.format(r);
    expect(r.asctime).toBe(f.formatTime(r));
  });

  it('computes exc_text from exc_info once and appends it on a new line', () => {
    let calls = 0;
    class Counting extends Formatter {
      override formatException(ei: unknown): string {
        calls++;
        return `EXC(${(ei as Error).message})`;
      }
    }
    const f = new Counting();
    const r = record({ exc_info: new Error('boom') });
    expect(f.format(r)).toBe('hello world\nEXC(boom)');
    expect(f.format(r)).toBe('hello world\nEXC(boom)');
    expect(calls).toBe(1);
    expect(r.exc_text).toBe('EXC(boom)');
  });

  it('renders a real Error through formatException with its stack', () => {
    const e = new Error('kaput');
    const out = new Formatter().format(record({ exc_info: e }));
    expect(out).toBe(`hello world\n${e.stack}`);
  });

  it('appends stack_info through formatStack without doubling newlines', () => {
    class Upper extends Formatter {
      override formatStack(stack: string): string {
        return stack.toUpperCase();
      }
    }
    const f = new Upper('%(message)s');
    expect(f.format(record({ msg: 'line\n', args: [], stack_info: 'stack' }))).toBe('line\nSTACK');
    expect(f.format(record({ exc_text: 'E\n', stack_info: 'stack' }))).toBe(
      'hello world\nE\nSTACK',
    );
  });

  it('formats with the { and $ styles', () => {
    expect(new Formatter('{levelname:<6}|{message!r}', null, '{').format(record())).toBe(
      "INFO  |'hello world'",
    );
    expect(new Formatter('$levelname:$message', null, '$').format(record())).toBe(
      'INFO:hello world',
    );
  });
});
