import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { decimalValue, isPrintable } from '../../src/text/unicode.js';

/**
 * The frozen Unicode tables in `src/text/unicode-data.ts` against a live CPython 3.11 over
 * every code point: `str.isprintable()` (repr's escaping rule) and `unicodedata.decimal()`
 * (digits in format-spec widths).
 */

const probe = spawnSync('python3', ['-c', 'import sys; print(sys.version_info[:2] == (3, 11))'], {
  encoding: 'utf8',
});
const hasPython311 = probe.status === 0 && probe.stdout.trim() === 'True';
const REASON = hasPython311 ? 'python3 3.11 found' : 'skipped: needs python3 3.11 on PATH';

const SCRIPT = String.raw`
import sys, unicodedata
sys.stdout.write(''.join('1' if chr(c).isprintable() else '0' for c in range(0x110000)))
sys.stdout.write('\n')
sys.stdout.write(''.join(str(unicodedata.decimal(chr(c), -1)).replace('-1', '-') for c in range(0x110000)))
`;

describe.skipIf(!hasPython311)(`Unicode tables vs CPython 3.11 (${REASON})`, () => {
  const run = hasPython311
    ? spawnSync('python3', ['-c', SCRIPT], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 })
    : null;
  const [printable = '', decimals = ''] = run ? run.stdout.split('\n') : [];

  it('isPrintable() equals str.isprintable() for every code point', () => {
    const wrong: string[] = [];
    for (let cp = 0; cp < 0x110000; cp++) {
      if (isPrintable(cp) !== (printable[cp] === '1')) wrong.push(cp.toString(16));
    }
    expect(printable.length).toBe(0x110000);
    expect(wrong).toEqual([]);
  });

  it('decimalValue() equals unicodedata.decimal() for every code point', () => {
    const wrong: string[] = [];
    for (let cp = 0; cp < 0x110000; cp++) {
      const want = decimals[cp] === '-' ? -1 : Number(decimals[cp]);
      if (decimalValue(cp) !== want) wrong.push(cp.toString(16));
    }
    expect(decimals.length).toBe(0x110000);
    expect(wrong).toEqual([]);
  });
});
