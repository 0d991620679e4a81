import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  hasPython,
  normaliseAsctime,
  runPython,
  runRecipe,
} from '../../test-support/run-recipe.js';

const pythonTwin = `
import logging
logger = logging.getLogger('simple_example')
logger.setLevel(logging.DEBUG)
fh = logging.FileHandler('spam.log'); fh.setLevel(logging.DEBUG)
ch = logging.StreamHandler(); ch.setLevel(logging.ERROR)
formatter = logging.Formatter('%(asctime)s - %(name)s - %(levelname)s - %(message)s')
ch.setFormatter(formatter); fh.setFormatter(formatter)
logger.addHandler(ch); logger.addHandler(fh)
logger.debug('debug message')
logger.info('info message')
logger.warning('warn message')
logger.error('error message')
logger.critical('critical message')
`;

describe('recipe 3, multiple-handlers', () => {
  const run = runRecipe('multiple-handlers');

  it('exits cleanly', () => {
    expect(run.status).toBe(0);
  });

  it('writes all five records to the DEBUG file handler', () => {
    expect(normaliseAsctime(readFileSync(join(run.outDir, 'spam.log'), 'utf8'))).toBe(
      [
        '<asctime> - simple_example - DEBUG - debug message',
        '<asctime> - simple_example - INFO - info message',
        '<asctime> - simple_example - WARNING - warn message',
        '<asctime> - simple_example - ERROR - error message',
        '<asctime> - simple_example - CRITICAL - critical message',
        '',
      ].join('\n'),
    );
  });

  it('shows only ERROR and CRITICAL on the console handler (stderr)', () => {
    expect(normaliseAsctime(run.stderr)).toBe(
      '<asctime> - simple_example - ERROR - error message\n' +
        '<asctime> - simple_example - CRITICAL - critical message\n',
    );
    expect(run.stdout).not.toContain('simple_example');
  });

  it.skipIf(!hasPython)(
    `writes the same file and console lines as CPython's logging${hasPython ? '' : ' [skipped: python3 not found]'}`,
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'cookbook-py-'));
      const py = runPython(pythonTwin, dir)!;
      expect(py.status).toBe(0);
      expect(normaliseAsctime(readFileSync(join(run.outDir, 'spam.log'), 'utf8'))).toBe(
        normaliseAsctime(readFileSync(join(dir, 'spam.log'), 'utf8')),
      );
      expect(normaliseAsctime(run.stderr)).toBe(normaliseAsctime(py.stderr));
    },
  );
});
