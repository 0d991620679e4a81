import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runRecipe } from '../../test-support/run-recipe.js';

/**
 * A CPython >= 3.12 (the first whose filters may return a replacement record): python3.12+
 * on PATH, or a pyenv-installed one; null when there is none.
 */
function findPython312(): string | null {
  const candidates = ['python3.13', 'python3.12'];
  const pyenv = join(homedir(), '.pyenv', 'versions');
  if (existsSync(pyenv)) {
    for (const v of readdirSync(pyenv).filter((d) => /^3\.(1[2-9])/.test(d))) {
      candidates.push(join(pyenv, v, 'bin', 'python3'));
    }
  }
  for (const c of candidates) {
    const r = spawnSync(c, ['-c', 'import sys; print(sys.version_info >= (3, 12))'], {
      encoding: 'utf8',
    });
    if (r.status === 0 && r.stdout.trim() === 'True') return c;
  }
  return null;
}
const python312 = findPython312();

const pythonTwin = `
import copy
import logging

def filter(record: logging.LogRecord):
    record = copy.copy(record)
    record.user = 'jim'
    return record

if __name__ == '__main__':
    logger = logging.getLogger()
    logger.setLevel(logging.INFO)
    handler = logging.StreamHandler()
    formatter = logging.Formatter('%(message)s from %(user)-8s')
    handler.setFormatter(formatter)
    handler.addFilter(filter)
    logger.addHandler(handler)
    other = logging.StreamHandler()
    other.setFormatter(logging.Formatter('%(message)s from %(user)-8s', defaults={'user': 'nobody'}))
    logger.addHandler(other)

    logger.info('A log message')
`;

describe('recipe 13, handler-context', () => {
  const run = runRecipe('handler-context');

  it('exits cleanly', () => {
    expect(run.status).toBe(0);
  });

  it('only the handler with the filter sees the added attribute', () => {
    expect(run.stderr).toBe('A log message from jim     \nA log message from nobody  \n');
  });

  it.skipIf(python312 === null)(
    `prints what CPython 3.12 prints${python312 ? '' : ' [skipped: no CPython >= 3.12 found; 3.11 ignores a record returned by a filter]'}`,
    () => {
      const py = spawnSync(python312!, ['-c', pythonTwin], { encoding: 'utf8' });
      expect(py.status).toBe(0);
      expect(run.stderr).toBe(py.stderr);
    },
  );
});
