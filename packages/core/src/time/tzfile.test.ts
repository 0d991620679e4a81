import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LoggingValueError } from '../errors.js';
import { crossCheckTitle, python } from './test-support/cpython-time.js';
import { parseTzif, readTzfile } from './tzfile.js';

const ZONEINFO = '/usr/share/zoneinfo';
const hasTzdata = existsSync(join(ZONEINFO, 'America', 'New_York'));

/** Every TZif file under the zoneinfo tree (relative names). */
function zoneFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string, prefix: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const rel = prefix === '' ? name : `${prefix}/${name}`;
      if (statSync(path).isDirectory()) walk(path, rel);
      else if (readFileSync(path).subarray(0, 4).toString('latin1') === 'TZif') out.push(rel);
    }
  };
  walk(ZONEINFO, '');
  return out.sort();
}

/** A hand-built TZif file (version 1, or 2 with a footer) from its parts. */
function buildTzif(
  version: 1 | 2,
  transitions: number[],
  indexes: number[],
  types: [number, number, number][],
  chars: string,
  leaps: [number, number][] = [],
  footer = '',
): Uint8Array {
  const block = (width: 4 | 8): number[] => {
    const bytes: number[] = [];
    const int = (v: number, w: number) => {
      const b = new DataView(new ArrayBuffer(8));
      b.setBigInt64(0, BigInt(v));
      bytes.push(...new Uint8Array(b.buffer).subarray(8 - w));
    };
    bytes.push(...Buffer.from('TZif'), version === 1 ? 0 : 0x32, ...new Array(15).fill(0));
    for (const n of [0, 0, leaps.length, transitions.length, types.length, chars.length]) int(n, 4);
    for (const t of transitions) int(t, width);
    bytes.push(...indexes);
    for (const [off, dst, idx] of types) {
      int(off, 4);
      bytes.push(dst, idx);
    }
    bytes.push(...Buffer.from(chars, 'latin1'));
    for (const [at, corr] of leaps) {
      int(at, width);
      int(corr, 4);
    }
    return bytes;
  };
  const bytes = block(4);
  if (version === 2) bytes.push(...block(8), 0x0a, ...Buffer.from(footer), 0x0a);
  return Uint8Array.from(bytes);
}

describe('parseTzif()', () => {
  it('reads a version 1 file: 32-bit transitions, types, abbreviations and leap records', () => {
    const data = parseTzif(
      buildTzif(
        1,
        [-100, 2000],
        [1, 0],
        [
          [3600, 0, 0],
          [7200, 1, 4],
        ],
        'AAA\0BBB\0',
        [[50, 1]],
      ),
    );
    expect(data.version).toBe(1);
    expect([...data.transitions]).toEqual([-100, 2000]);
    expect([...data.typeIndexes]).toEqual([1, 0]);
    expect(data.types.map((t) => [t.utoff, t.isdst, t.abbr])).toEqual([
      [3600, 0, 'AAA'],
      [7200, 1, 'BBB'],
    ]);
    expect(data.leaps).toEqual([{ transition: 50, correction: 1 }]);
    expect(data.footer).toBeNull();
  });

  it('reads the 64-bit block and the footer of a version 2 file', () => {
    const far = 2 ** 40;
    const data = parseTzif(
      buildTzif(2, [-far, far], [0, 0], [[-18000, 0, 0]], 'EST\0', [], 'EST5'),
    );
    expect(data.version).toBe(2);
    expect([...data.transitions]).toEqual([-far, far]);
    expect(data.footer).toBe('EST5');
  });

  it('rejects data glibc rejects', () => {
    expect(() => parseTzif(Buffer.from('not a tzif file, not at all, no no no no no'))).toThrow(
      LoggingValueError,
    );
    const bad = buildTzif(1, [0], [5], [[0, 0, 0]], 'UTC\0');
    expect(() => parseTzif(bad)).toThrow('transition type index out of range');
    const truncated = buildTzif(1, [0, 1, 2], [0, 0, 0], [[0, 0, 0]], 'UTC\0').subarray(0, 50);
    expect(() => parseTzif(truncated)).toThrow(LoggingValueError);
  });
});

describe('readTzfile()', () => {
  it('returns null for a missing file', () => {
    expect(readTzfile('/nonexistent/zone/file')).toBeNull();
  });
});

describe.skipIf(!hasTzdata || python === null)(
  hasTzdata
    ? crossCheckTitle("parseTzif() vs CPython's zoneinfo loader")
    : "parseTzif() vs CPython's zoneinfo loader (skipped: no tzdata)",
  () => {
    it('reads every file under /usr/share/zoneinfo as zoneinfo._common.load_data does', () => {
      const files = zoneFiles();
      const script = `
import json, sys
from zoneinfo._common import load_data
out = {}
for name in json.load(sys.stdin):
    with open('${ZONEINFO}/' + name, 'rb') as f:
        idx, trans, utcoff, isdst, abbr, tz = load_data(f)
    out[name] = [list(trans), list(idx), [list(t) for t in zip(utcoff, isdst, abbr)],
                 tz.decode('latin-1') if tz else None]
json.dump(out, sys.stdout)
`;
      const r = spawnSync(python!, ['-c', script], {
        input: JSON.stringify(files),
        encoding: 'utf8',
        maxBuffer: 1 << 28,
      });
      expect(r.status, r.stderr).toBe(0);
      const expected = JSON.parse(r.stdout) as Record<string, unknown>;
      const mismatches: string[] = [];
      for (const name of files) {
        const d = readTzfile(join(ZONEINFO, name));
        const got = d && [
          [...d.transitions],
          [...d.typeIndexes],
          d.types.map((t) => [t.utoff, t.isdst, t.abbr]),
          d.footer,
        ];
        if (JSON.stringify(got) !== JSON.stringify(expected[name])) mismatches.push(name);
      }
      expect(files.length).toBeGreaterThan(300);
      expect(mismatches).toEqual([]);
    });
  },
);
