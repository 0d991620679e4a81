import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasPython, runPython, runRecipe } from '../../test-support/run-recipe.js';

const EXPECTED = [
  'INFO     10.0.0.1     ann    connected',
  'DEBUG    10.0.0.1     ann    sent 512 bytes',
  'WARNING  10.0.0.2     bob    [c-42] slow response: 1234ms',
  'INFO     192.168.0.1  jim    request 1',
  'INFO     192.168.0.2  fred   request 2',
  'INFO     192.168.0.3  sheila request 3',
  'INFO     10.0.0.3     child  from the child',
  'INFO     10.0.0.3     call   call-site wins',
];

// The same program with CPython's logging (the child adapter as Python 3.13's merge_extra).
const pythonTwin = `
import logging, sys
class CustomAdapter(logging.LoggerAdapter):
    def process(self, msg, kwargs):
        return '[%s] %s' % (self.extra['connid'], msg), kwargs
class ConnectionInfo:
    def __init__(self):
        self.requests = 0
        self.users = ['jim', 'fred', 'sheila']
    def __getitem__(self, name):
        if name == 'ip':
            return '192.168.0.%d' % (self.requests % 3 + 1)
        user = self.users[self.requests % 3]
        self.requests += 1
        return user
    def __iter__(self):
        return iter(['ip', 'user'])
class Merging(logging.LoggerAdapter):
    def process(self, msg, kwargs):
        kwargs['extra'] = {**self.extra, **kwargs.get('extra', {})}
        return msg, kwargs
logger = logging.getLogger('conn')
logger.setLevel(logging.DEBUG)
h = logging.StreamHandler(sys.stdout)
h.setFormatter(logging.Formatter('%(levelname)-8s %(ip)-12s %(user)-6s %(message)s'))
logger.addHandler(h)
plain = logging.LoggerAdapter(logger, {'ip': '10.0.0.1', 'user': 'ann'})
plain.info('connected')
plain.debug('sent %d bytes', 512)
custom = CustomAdapter(logging.getLogger('conn'), {'connid': 'c-42'})
custom.warning('slow response: %dms', 1234, extra={'ip': '10.0.0.2', 'user': 'bob'})
info = logging.LoggerAdapter(logger, ConnectionInfo())
for i in range(3):
    info.info('request %d', i + 1)
base = Merging(logger, {'ip': '10.0.0.3', 'user': 'svc'})
child = Merging(base, {'user': 'child'})
child.info('from the child')
child.info('call-site wins', extra={'user': 'call'})
`;

/** stdout without the runner's closing "[files in ...]" line. */
function ownLines(stdout: string): string[] {
  return stdout.split('\n').filter((l) => l !== '' && !l.startsWith('[files in '));
}

describe('recipe 10, logger-adapter', () => {
  const run = runRecipe('logger-adapter');

  it('exits cleanly', () => {
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('adds adapter context, a process() prefix and computed values to the records', () => {
    expect(ownLines(run.stdout)).toEqual(EXPECTED);
  });

  it.skipIf(!hasPython)(
    `prints what CPython prints${hasPython ? '' : ' [skipped: python3 not found]'}`,
    () => {
      const py = runPython(pythonTwin, mkdtempSync(join(tmpdir(), 'cookbook-py-')))!;
      expect(py.stderr).toBe('');
      expect(ownLines(py.stdout)).toEqual(EXPECTED);
    },
  );
});
