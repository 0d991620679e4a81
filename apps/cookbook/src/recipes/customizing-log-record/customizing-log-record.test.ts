import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasPython, runPython, runRecipe } from '../../test-support/run-recipe.js';

const pythonTwin = `
import logging
old_factory = logging.getLogRecordFactory()
def record_factory(*args, **kwargs):
    record = old_factory(*args, **kwargs)
    record.custom_attribute = 0xdecafbad
    return record
logging.setLogRecordFactory(record_factory)
second_factory = logging.getLogRecordFactory()
def version_factory(*args, **kwargs):
    record = second_factory(*args, **kwargs)
    record.app_version = '1.4.2'
    return record
logging.setLogRecordFactory(version_factory)

class AppLogger(logging.Logger):
    def makeRecord(self, *args, **kwargs):
        rv = super().makeRecord(*args, **kwargs)
        rv.logger_class = type(self).__name__
        return rv
logging.setLoggerClass(AppLogger)
logging.basicConfig(level=logging.DEBUG,
    format='%(custom_attribute)#x v%(app_version)s %(logger_class)-9s %(levelname)-8s %(name)s: %(message)s')
log = logging.getLogger('app.db')
log.debug('connecting to %s', 'db.example')
log.info('connected after %d attempts', 2)
logging.getLogger('app.web').warning('listening on port %d', 8080)
`;

describe('recipe 17, customizing-log-record', () => {
  const run = runRecipe('customizing-log-record');

  it('adds both chained factory attributes and the Logger subclass attribute to every record', () => {
    expect(run.status).toBe(0);
    expect(run.stderr).toBe(
      [
        '0xdecafbad v1.4.2 AppLogger DEBUG    app.db: connecting to db.example',
        '0xdecafbad v1.4.2 AppLogger INFO     app.db: connected after 2 attempts',
        '0xdecafbad v1.4.2 AppLogger WARNING  app.web: listening on port 8080',
        '',
      ].join('\n'),
    );
  });

  it.skipIf(!hasPython)(
    `prints what CPython prints${hasPython ? '' : ' [skipped: python3 not found]'}`,
    () => {
      const py = runPython(pythonTwin, mkdtempSync(join(tmpdir(), 'cookbook-py-')))!;
      expect(py.status).toBe(0);
      expect(run.stderr).toBe(py.stderr);
    },
  );
});
