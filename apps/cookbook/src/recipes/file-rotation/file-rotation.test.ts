import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasPython, runPython, runRecipe } from '../../test-support/run-recipe.js';

// The cookbook's program, as CPython runs it (listing sorted, as the demo does).
const pythonTwin = `
import glob
import logging
import logging.handlers

LOG_FILENAME = 'logging_rotatingfile_example.out'
my_logger = logging.getLogger('MyLogger')
my_logger.setLevel(logging.DEBUG)
handler = logging.handlers.RotatingFileHandler(LOG_FILENAME, maxBytes=20, backupCount=5)
my_logger.addHandler(handler)
for i in range(20):
    my_logger.debug('i = %d' % i)
handler.flush()
for filename in sorted(glob.glob('%s*' % LOG_FILENAME)):
    print(filename)
`;

const BASE = 'logging_rotatingfile_example.out';

/** The file names the program printed (the CLI adds a summary line of its own). */
function listing(stdout: string): string[] {
  return stdout.split('\n').filter((l) => l.startsWith(BASE));
}

function files(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const n of readdirSync(dir).sort()) out[n] = readFileSync(join(dir, n), 'utf8');
  return out;
}

describe('recipe 15, file-rotation', () => {
  const run = runRecipe('file-rotation');

  it('exits cleanly', () => {
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('leaves exactly the base file and .1 to .5, holding the last records in order', () => {
    expect(listing(run.stdout)).toEqual([
      BASE,
      `${BASE}.1`,
      `${BASE}.2`,
      `${BASE}.3`,
      `${BASE}.4`,
      `${BASE}.5`,
    ]);
    const got = files(run.outDir);
    const order = [5, 4, 3, 2, 1].map((k) => got[`${BASE}.${k}`]).join('') + got[BASE];
    // Records of 6–7 bytes in 20-byte files: two per file; only i = 9 … 19 are kept.
    expect(order).toBe([...Array(11).keys()].map((i) => `i = ${i + 9}\n`).join(''));
  });

  it.skipIf(!hasPython)(
    `leaves the same files with the same bytes as CPython${hasPython ? '' : ' [skipped: python3 not found]'}`,
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'cookbook-py-'));
      const py = runPython(pythonTwin, dir)!;
      expect(py.status).toBe(0);
      expect(listing(run.stdout)).toEqual(listing(py.stdout));
      expect(files(run.outDir)).toEqual(files(dir));
    },
  );
});
