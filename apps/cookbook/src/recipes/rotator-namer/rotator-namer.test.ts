import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  hasPython,
  normaliseAsctime,
  runPython,
  runRecipe,
} from '../../test-support/run-recipe.js';

// The cookbook's program, as CPython runs it.
const pythonTwin = `
import gzip
import logging
import logging.handlers
import os
import shutil

def namer(name):
    return name + ".gz"

def rotator(source, dest):
    with open(source, 'rb') as f_in:
        with gzip.open(dest, 'wb') as f_out:
            shutil.copyfileobj(f_in, f_out)
    os.remove(source)

rh = logging.handlers.RotatingFileHandler('rotated.log', maxBytes=128, backupCount=5)
rh.rotator = rotator
rh.namer = namer

root = logging.getLogger()
root.setLevel(logging.INFO)
root.addHandler(rh)
f = logging.Formatter('%(asctime)s %(message)s')
rh.setFormatter(f)
for i in range(1000):
    root.info(f'Message no. {i + 1}')
`;

/** Every file, decompressed when gzipped, asctime normalised. */
function texts(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const n of readdirSync(dir).sort()) {
    const raw = readFileSync(join(dir, n));
    out[n] = normaliseAsctime((n.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8'));
  }
  return out;
}

describe('recipe 21, rotator-namer', () => {
  const run = runRecipe('rotator-namer');

  it('exits cleanly', () => {
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('leaves rotated.log and .1.gz … .5.gz, each decompressing to the right consecutive lines', () => {
    const got = texts(run.outDir);
    expect(Object.keys(got)).toEqual([
      'rotated.log',
      'rotated.log.1.gz',
      'rotated.log.2.gz',
      'rotated.log.3.gz',
      'rotated.log.4.gz',
      'rotated.log.5.gz',
    ]);
    const ordered =
      [5, 4, 3, 2, 1].map((k) => got[`rotated.log.${k}.gz`]).join('') + got['rotated.log'];
    const numbers = ordered
      .split('\n')
      .filter(Boolean)
      .map((l) => Number(/^<asctime> Message no\. (\d+)$/.exec(l)![1]));
    expect(numbers.at(-1)).toBe(1000);
    expect(numbers).toEqual(numbers.map((_, i) => numbers[0]! + i));
  });

  it.skipIf(!hasPython)(
    `leaves the same files, decompressing to the same lines, as CPython${hasPython ? '' : ' [skipped: python3 not found]'}`,
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'cookbook-py-'));
      const py = runPython(pythonTwin, dir)!;
      expect(py.status).toBe(0);
      expect(texts(run.outDir)).toEqual(texts(dir));
    },
  );
});
