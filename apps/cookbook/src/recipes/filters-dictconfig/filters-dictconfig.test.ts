import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasPython, runPython, runRecipe } from '../../test-support/run-recipe.js';

const pythonTwin = `
import logging, logging.config
class MyFilter(logging.Filter):
    def __init__(self, param=None):
        self.param = param
    def filter(self, record):
        if self.param is None:
            allow = True
        else:
            allow = self.param not in record.msg
        if allow:
            record.msg = 'changed: ' + record.msg
        return allow
LOGGING = {
    'version': 1,
    'filters': {'myfilter': {'()': MyFilter, 'param': 'noshow'}},
    'handlers': {'console': {'class': 'logging.StreamHandler', 'filters': ['myfilter']}},
    'root': {'level': 'DEBUG', 'handlers': ['console']},
}
logging.config.dictConfig(LOGGING)
logging.debug('hello')
logging.debug('hello - noshow')
`;

describe('recipe 27, filters-dictconfig', () => {
  const run = runRecipe('filters-dictconfig');
  it('prints the changed message and drops the one containing the parameter', () => {
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('changed: hello\n');
  });
  it.skipIf(!hasPython)(
    `prints exactly what CPython prints${hasPython ? '' : ' [skipped: python3 not found]'}`,
    () => {
      const py = runPython(pythonTwin, mkdtempSync(join(tmpdir(), 'cookbook-py-')))!;
      expect(run.stderr).toBe(py.stderr);
    },
  );
});
