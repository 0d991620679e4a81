import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasPython, runPython, runRecipe } from '../../test-support/run-recipe.js';

// The cookbook's program; the async and using parts as `with` blocks in a coroutine.
const pythonTwin = `
import asyncio, logging, sys
class LoggingContext:
    def __init__(self, logger, level=None, handler=None, close=True):
        self.logger = logger
        self.level = level
        self.handler = handler
        self.close = close
    def __enter__(self):
        if self.level is not None:
            self.old_level = self.logger.level
            self.logger.setLevel(self.level)
        if self.handler:
            self.logger.addHandler(self.handler)
    def __exit__(self, et, ev, tb):
        if self.level is not None:
            self.logger.setLevel(self.old_level)
        if self.handler:
            self.logger.removeHandler(self.handler)
        if self.handler and self.close:
            self.handler.close()
logger = logging.getLogger('foo')
logger.addHandler(logging.StreamHandler())
logger.setLevel(logging.INFO)
logger.info('1. This should appear just once on stderr.')
logger.debug('2. This should not appear.')
with LoggingContext(logger, level=logging.DEBUG):
    logger.debug('3. This should appear once on stderr.')
logger.debug('4. This should not appear.')
h = logging.StreamHandler(sys.stdout)
with LoggingContext(logger, level=logging.DEBUG, handler=h, close=True):
    logger.debug('5. This should appear twice - once on stderr and once on stdout.')
logger.info('6. This should appear just once on stderr.')
logger.debug('7. This should not appear.')
async def main():
    with LoggingContext(logger, level=logging.DEBUG):
        await asyncio.sleep(0.001)
        logger.debug('8. This should appear once on stderr, after an await.')
    with LoggingContext(logger, level=logging.DEBUG, handler=logging.StreamHandler(sys.stdout)):
        logger.debug('9. This should appear twice - once on stderr and once on stdout.')
    with LoggingContext(logger, level=logging.DEBUG):
        await asyncio.sleep(0.001)
        logger.debug('10. This should appear once on stderr.')
    logger.debug('11. This should not appear.')
asyncio.run(main())
`;

describe('recipe 33, selective-logging', () => {
  const run = runRecipe('selective-logging');
  const stdout = run.stdout.replace(/\[files in [^\n]*\]\n$/, '');

  it('exits cleanly', () => {
    expect(run.status).toBe(0);
  });

  it('applies each scoped change inside the scope only', () => {
    expect(run.stderr.split('\n')).toEqual([
      '1. This should appear just once on stderr.',
      '3. This should appear once on stderr.',
      '5. This should appear twice - once on stderr and once on stdout.',
      '6. This should appear just once on stderr.',
      '8. This should appear once on stderr, after an await.',
      '9. This should appear twice - once on stderr and once on stdout.',
      '10. This should appear once on stderr.',
      '',
    ]);
    expect(stdout.split('\n')).toEqual([
      '5. This should appear twice - once on stderr and once on stdout.',
      '9. This should appear twice - once on stderr and once on stdout.',
      '',
    ]);
  });

  it.skipIf(!hasPython)(
    `prints what CPython prints${hasPython ? '' : ' [skipped: python3 not found]'}`,
    () => {
      const py = runPython(pythonTwin, mkdtempSync(join(tmpdir(), 'cookbook-py-')))!;
      expect(py.status).toBe(0);
      expect(run.stderr).toBe(py.stderr);
      expect(stdout).toBe(py.stdout);
    },
  );
});
