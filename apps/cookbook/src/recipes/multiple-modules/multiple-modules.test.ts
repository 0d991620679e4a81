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

// The same program written with CPython's logging: the reference output.
const pythonTwin = `
import logging
logger = logging.getLogger('spam_application')
logger.setLevel(logging.DEBUG)
fh = logging.FileHandler('spam.log'); fh.setLevel(logging.DEBUG)
ch = logging.StreamHandler(); ch.setLevel(logging.ERROR)
formatter = logging.Formatter('%(asctime)s - %(name)s - %(levelname)s - %(message)s')
fh.setFormatter(formatter); ch.setFormatter(formatter)
logger.addHandler(fh); logger.addHandler(ch)
aux = logging.getLogger('spam_application.auxiliary')
cls = logging.getLogger('spam_application.auxiliary.Auxiliary')
rep = logging.getLogger('spam_application.report')
logger.info('creating an instance of auxiliary_module.Auxiliary')
cls.info('creating an instance of Auxiliary')
logger.info('created an instance of auxiliary_module.Auxiliary')
logger.info('calling auxiliary_module.Auxiliary.do_something')
cls.info('doing something'); cls.info('done doing something')
logger.info('finished auxiliary_module.Auxiliary.do_something')
logger.info('calling auxiliary_module.some_function()')
aux.info('received a call to "some_function"')
logger.info('done with auxiliary_module.some_function()')
rep.debug('writing a report of %d rows', 0)
rep.error('report is empty: nothing to write')
`;

describe('recipe 1, multiple-modules', () => {
  const run = runRecipe('multiple-modules');

  it('exits cleanly', () => {
    expect(run.stderr).not.toContain('Logging error');
    expect(run.status).toBe(0);
  });

  it("sends child loggers' records from two other modules to the parent's file handler", () => {
    const lines = normaliseAsctime(readFileSync(join(run.outDir, 'spam.log'), 'utf8')).split('\n');
    expect(lines).toContain(
      '<asctime> - spam_application.auxiliary.Auxiliary - INFO - doing something',
    );
    expect(lines).toContain(
      '<asctime> - spam_application.auxiliary - INFO - received a call to "some_function"',
    );
    expect(lines).toContain(
      '<asctime> - spam_application.report - DEBUG - writing a report of 0 rows',
    );
    expect(lines.at(-1)).toBe('');
  });

  it("shows only the ERROR record on the parent's console handler (stderr)", () => {
    expect(normaliseAsctime(run.stderr)).toBe(
      '<asctime> - spam_application.report - ERROR - report is empty: nothing to write\n',
    );
  });

  it.skipIf(!hasPython)(
    `writes the same spam.log and console lines as CPython's logging${hasPython ? '' : ' [skipped: python3 not found]'}`,
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'cookbook-py-'));
      const py = runPython(pythonTwin, dir)!;
      expect(py.status).toBe(0);
      const ours = normaliseAsctime(readFileSync(join(run.outDir, 'spam.log'), 'utf8'));
      const theirs = normaliseAsctime(readFileSync(join(dir, 'spam.log'), 'utf8'));
      expect(ours).toBe(theirs);
      expect(normaliseAsctime(run.stderr)).toBe(normaliseAsctime(py.stderr));
    },
  );
});
