// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${name}` is string.Template syntax here.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { makeLogRecord } from '../record.js';
import { compileFields, INT_FAST, SLOW, STR_FN, STR_RAW } from './compiled-format.js';

const plans = [
  { key: 'name', mode: STR_RAW },
  { key: 'levelname', mode: STR_FN, str: (s: string) => s.padEnd(8) },
  { key: 'lineno', mode: INT_FAST },
  { key: 'msg', mode: SLOW },
];
const slow = (_r: unknown, i: number, v: unknown) => `<${i}:${String(v)}>`;

describe('compileFields()', () => {
  it('concatenates literals and fields, taking each fast path or the slow one', () => {
    const render = compileFields(['[', '|', '|', '|', ']'], plans, slow);
    const r = makeLogRecord({ name: 'a', levelname: 'INFO', lineno: 7, msg: 'm' });
    expect(render(r)).toBe('[a|INFO    |7|<3:m>]');
    const odd = makeLogRecord({ name: 1, levelname: null, lineno: 1.5, msg: 'm' });
    expect(render(odd)).toBe('[<0:1>|<1:null>|<2:1.5>|<3:m>]');
  });

  it('evaluates every field before calling fail', () => {
    const seen: number[] = [];
    const render = compileFields(
      ['', '', ''],
      [
        { key: 'a', mode: SLOW },
        { key: 'b', mode: SLOW },
      ],
      (_r, i) => {
        seen.push(i);
        return '';
      },
      () => {
        throw new Error('after fields');
      },
    );
    expect(() => render(makeLogRecord({}))).toThrow('after fields');
    expect(seen).toEqual([0, 1]);
  });

  it('escapes keys and literals safely in the generated code', () => {
    const render = compileFields(
      ['\'"`${x}\u2028\\', ''],
      [{ key: "a'];throw 1;//", mode: STR_RAW }],
      slow,
    );
    expect(render(makeLogRecord({ "a'];throw 1;//": 'v' }))).toBe('\'"`${x}\u2028\\v');
  });

  it('falls back to an equivalent loop when code generation from strings is disabled', () => {
    const script = fileURLToPath(
      new URL('./test-support/compiled-format-fallback.ts', import.meta.url),
    );
    const r = spawnSync(
      process.execPath,
      [
        '--disallow-code-generation-from-strings',
        '--import',
        'tsx',
        '--conditions=@logweave/source',
        script,
      ],
      { encoding: 'utf8', timeout: 20_000 },
    );
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      codegen: false,
      out: ['[a|INFO    |7|<3:m>]', "ValueError: Formatting field not found in record: 'nosuch'"],
    });
  });
});
