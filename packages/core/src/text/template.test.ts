// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${name}` is string.Template syntax here.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { LoggingKeyError, LoggingValueError } from '../errors.js';
import { parseTemplate, Template } from './template.js';

const hasPython = spawnSync('python3', ['--version']).status === 0;

function python(script: string, input: unknown): unknown {
  const r = spawnSync('python3', ['-c', script], {
    input: JSON.stringify(input),
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout);
}

describe('parseTemplate()', () => {
  it('splits $name, ${name} and $$ into literals and fields', () => {
    const p = parseTemplate('a$x-${y}z$$w');
    expect(p.lits).toEqual(['a', '-', 'z$w']);
    expect(p.fields).toEqual([
      { name: 'x', braced: false },
      { name: 'y', braced: true },
    ]);
    expect(p.error).toBeNull();
  });

  it('stops an identifier at the first non-ASCII character', () => {
    const p = parseTemplate('$nameé$name_x');
    expect(p.fields.map((f) => f.name)).toEqual(['name', 'name_x']);
    expect(p.lits).toEqual(['', 'é', '']);
  });

  it('reports an ill-formed $ with its line and column', () => {
    expect(parseTemplate('$5').error).toBe('Invalid placeholder in string: line 1, col 1');
    expect(parseTemplate('ab\ncd ${x').error).toBe('Invalid placeholder in string: line 2, col 4');
    expect(parseTemplate('😀 $').error).toBe('Invalid placeholder in string: line 1, col 3');
  });
});

describe('Template.substitute()', () => {
  it('renders values with Python str() rules', () => {
    expect(new Template('$a/$b').substitute({ a: 'x', b: 12 })).toBe('x/12');
    expect(new Template('${a}!').substitute(new Map([['a', 1.5]]))).toBe('1.5!');
  });

  it('raises KeyError for a missing name and ValueError for a bare $', () => {
    expect(() => new Template('$a').substitute({})).toThrow(LoggingKeyError);
    expect(() => new Template('$a').substitute({})).toThrow("'a'");
    expect(() => new Template('$a $').substitute({ a: 1 })).toThrow(LoggingValueError);
  });
});

describe('Template.safe_substitute(), is_valid() and get_identifiers()', () => {
  it('keeps missing placeholders and bare $ as written', () => {
    expect(new Template('$a ${b} $ $5 $c').safe_substitute({ c: 'C' })).toBe('$a ${b} $ $5 C');
  });

  it('lists identifiers once, skipping ill-formed $', () => {
    const t = new Template('$a $ ${b} $a');
    expect(t.is_valid()).toBe(false);
    expect(t.get_identifiers()).toEqual(['a', 'b']);
  });
});

describe.skipIf(!hasPython)(
  'Template against live CPython string.Template (skipped: python3 not found)',
  () => {
    it('substitutes, safe-substitutes and reports errors like CPython for random templates', () => {
      const alphabet = ['$', '$', '{', '}', 'a', 'b', '_', '1', 'é', ' ', '\n', '\r\n', '\u2028'];
      let seed = 12345;
      const rnd = () => {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        return seed / 2147483648;
      };
      const templates: string[] = [];
      for (let i = 0; i < 1500; i++) {
        let s = '';
        const len = Math.floor(rnd() * 10);
        for (let j = 0; j < len; j++) s += alphabet[Math.floor(rnd() * alphabet.length)];
        templates.push(s);
      }
      const mapping = { a: 'A', ab: 2, b_: 'B', _: '-' };
      const script = `
import json, sys
from string import Template
data = json.load(sys.stdin)
out = []
for t in data['templates']:
    tpl = Template(t)
    try:
        sub = ['ok', tpl.substitute(data['mapping'])]
    except KeyError as e:
        sub = ['KeyError', str(e)]
    except ValueError as e:
        sub = ['ValueError', str(e)]
    out.append([sub, tpl.safe_substitute(data['mapping']), tpl.is_valid(), tpl.get_identifiers()])
print(json.dumps(out))
`;
      const expected = python(script, { templates, mapping });
      const actual = templates.map((t) => {
        const tpl = new Template(t);
        let sub: [string, string];
        try {
          sub = ['ok', tpl.substitute(mapping)];
        } catch (e) {
          const err = e as LoggingKeyError;
          sub = [err.pythonType, err.message];
        }
        return [sub, tpl.safe_substitute(mapping), tpl.is_valid(), tpl.get_identifiers()];
      });
      expect(actual).toEqual(expected);
    });
  },
);
