import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasPython, runPython, runRecipe } from '../../test-support/run-recipe.js';

const pythonTwin = `
import logging
logging.basicConfig(level=logging.DEBUG,
                    format='%(asctime)s %(name)-12s %(levelname)-8s %(message)s',
                    datefmt='%m-%d %H:%M', filename='myapp.log', filemode='w')
console = logging.StreamHandler()
console.setLevel(logging.INFO)
console.setFormatter(logging.Formatter('%(name)-12s: %(levelname)-8s %(message)s'))
logging.getLogger('').addHandler(console)
logging.info('Jackdaws love my big sphinx of quartz.')
logger1 = logging.getLogger('myapp.area1')
logger2 = logging.getLogger('myapp.area2')
logger1.debug('Quick zephyrs blow, vexing daft Jim.')
logger1.info('How quickly daft jumping zebras vex.')
logger2.warning('Jail zesty vixen who grabbed pay from quack.')
logger2.error('The five boxing wizards jump quickly.')
`;

/** `11-25 06:03` (datefmt '%m-%d %H:%M') → `<date>`. */
const normalise = (s: string) => s.replace(/^\d\d-\d\d \d\d:\d\d /gm, '<date> ');

describe('recipe 4, multiple-destinations', () => {
  const run = runRecipe('multiple-destinations');

  it('exits cleanly', () => {
    expect(run.status).toBe(0);
  });

  it('writes every record to myapp.log with the short datefmt and padded names', () => {
    const text = readFileSync(join(run.outDir, 'myapp.log'), 'utf8');
    expect(text).toMatch(/^\d\d-\d\d \d\d:\d\d root /);
    expect(normalise(text)).toBe(
      [
        '<date> root         INFO     Jackdaws love my big sphinx of quartz.',
        '<date> myapp.area1  DEBUG    Quick zephyrs blow, vexing daft Jim.',
        '<date> myapp.area1  INFO     How quickly daft jumping zebras vex.',
        '<date> myapp.area2  WARNING  Jail zesty vixen who grabbed pay from quack.',
        '<date> myapp.area2  ERROR    The five boxing wizards jump quickly.',
        '',
      ].join('\n'),
    );
  });

  it('shows INFO and above on the console in the simpler format', () => {
    expect(run.stderr).toBe(
      [
        'root        : INFO     Jackdaws love my big sphinx of quartz.',
        'myapp.area1 : INFO     How quickly daft jumping zebras vex.',
        'myapp.area2 : WARNING  Jail zesty vixen who grabbed pay from quack.',
        'myapp.area2 : ERROR    The five boxing wizards jump quickly.',
        '',
      ].join('\n'),
    );
  });

  it.skipIf(!hasPython)(
    `matches CPython's file and console output${hasPython ? '' : ' [skipped: python3 not found]'}`,
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'cookbook-py-'));
      const py = runPython(pythonTwin, dir)!;
      expect(py.status).toBe(0);
      expect(normalise(readFileSync(join(run.outDir, 'myapp.log'), 'utf8'))).toBe(
        normalise(readFileSync(join(dir, 'myapp.log'), 'utf8')),
      );
      expect(run.stderr).toBe(py.stderr);
    },
  );
});
