import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasPython, runPython, runRecipe } from '../../test-support/run-recipe.js';

const EXPECTED = [
  'INFO     app: users has 3 rows',
  'INFO     app: ann logged in from 10.0.0.1',
  'WARNING  app:  1234.57|1.2e+03 |',
  'INFO     thirdparty.lib: orders has 7 rows',
  'ERROR    thirdparty.lib: bob failed 2 times',
  'INFO     app: no arguments: {} and % stay as written',
  '',
];

const pythonTwin = `
import logging
class StyleRecord(logging.LogRecord):
    def getMessage(self):
        msg = str(self.msg)
        if not self.args:
            return msg
        if '%' in msg:
            return super().getMessage()
        if isinstance(self.args, dict):
            return msg.format(**self.args)
        return msg.format(*self.args)
logging.setLogRecordFactory(StyleRecord)
root = logging.getLogger()
root.setLevel(logging.INFO)
handler = logging.StreamHandler()
handler.setFormatter(logging.Formatter('%(levelname)-8s %(name)s: %(message)s'))
root.addHandler(handler)
ours = logging.getLogger('app')
library = logging.getLogger('thirdparty.lib')
ours.info('{} has {} rows', 'users', 3)
ours.info('{user} logged in from {ip}', {'user': 'ann', 'ip': '10.0.0.1'})
ours.warning('{0:>8.2f}|{0:<8.1e}|', 1234.5678)
library.info('%s has %d rows', 'orders', 7)
library.error('%(user)s failed %(count)d times', {'user': 'bob', 'count': 2})
ours.info('no arguments: {} and % stay as written')
`;

describe('recipe 26, formatting-throughout', () => {
  const run = runRecipe('formatting-throughout');

  it('exits cleanly', () => {
    expect(run.status).toBe(0);
  });

  it('formats {} messages and keeps % messages working, through the record factory', () => {
    expect(run.stderr.split('\n')).toEqual(EXPECTED);
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
