import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasPython, runPython, runRecipe } from '../../test-support/run-recipe.js';

const pythonTwin = `
import logging, logging.config, sys, types
class SpecialFilter(logging.Filter):
    def __init__(self, foo):
        super().__init__()
        self.foo = foo
    def filter(self, record):
        record.special = self.foo
        return True
class AdminEmailHandler(logging.Handler):
    def emit(self, record):
        sys.stdout.write('[mail to admins] ' + self.format(record) + '\\n')
for name in ('project', 'project.logging', 'django', 'django.utils', 'django.utils.log'):
    sys.modules[name] = types.ModuleType(name)
sys.modules['project'].logging = sys.modules['project.logging']
sys.modules['django'].utils = sys.modules['django.utils']
sys.modules['django.utils'].log = sys.modules['django.utils.log']
sys.modules['project.logging'].SpecialFilter = SpecialFilter
sys.modules['django.utils.log'].AdminEmailHandler = AdminEmailHandler
LOGGING = {
    'version': 1, 'disable_existing_loggers': False,
    'formatters': {'verbose': {'format': '{levelname} {asctime} {module} {process:d} {thread:d} {message}', 'style': '{'},
                   'simple': {'format': '{levelname} {message}', 'style': '{'}},
    'filters': {'special': {'()': 'project.logging.SpecialFilter', 'foo': 'bar'}},
    'handlers': {'console': {'level': 'INFO', 'class': 'logging.StreamHandler', 'formatter': 'simple'},
                 'mail_admins': {'level': 'ERROR', 'class': 'django.utils.log.AdminEmailHandler', 'filters': ['special'], 'formatter': 'simple'}},
    'loggers': {'django': {'handlers': ['console'], 'propagate': True},
                'django.request': {'handlers': ['mail_admins'], 'level': 'ERROR', 'propagate': False},
                'myproject.custom': {'handlers': ['console', 'mail_admins'], 'level': 'INFO', 'filters': ['special']}},
}
logging.config.dictConfig(LOGGING)
logging.getLogger('django').warning('django warning')
logging.getLogger('django.db').debug('not shown: django has no level, root is at WARNING')
logging.getLogger('django.request').warning('not shown: below ERROR')
logging.getLogger('django.request').error('internal server error on /')
logging.getLogger('myproject.custom').info('custom info')
logging.getLogger('myproject.custom').error('custom error')
`;

describe('recipe 20, dict-config-example', () => {
  const run = runRecipe('dict-config-example');
  it('routes by logger, level and propagation as the dictionary says', () => {
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('WARNING django warning\nINFO custom info\nERROR custom error\n');
    expect(run.stdout.split('\n').filter((l) => l.startsWith('[mail'))).toEqual([
      '[mail to admins] ERROR internal server error on /',
      '[mail to admins] ERROR custom error',
    ]);
  });
  it.skipIf(!hasPython)(
    `prints exactly what CPython prints${hasPython ? '' : ' [skipped: python3 not found]'}`,
    () => {
      const py = runPython(pythonTwin, mkdtempSync(join(tmpdir(), 'cookbook-py-')))!;
      expect(py.status).toBe(0);
      expect(run.stderr).toBe(py.stderr);
      expect(run.stdout.startsWith(py.stdout)).toBe(true);
    },
  );
});
