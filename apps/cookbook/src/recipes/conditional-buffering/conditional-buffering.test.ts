import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasPython, runPython, runRecipe } from '../../test-support/run-recipe.js';

// The cookbook's program, as CPython runs it: the reference output.
const pythonTwin = `
import logging
from logging.handlers import MemoryHandler
import sys

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

def log_if_errors(logger, target_handler=None, flush_level=None, capacity=None):
    if target_handler is None:
        target_handler = logging.StreamHandler()
    if flush_level is None:
        flush_level = logging.ERROR
    if capacity is None:
        capacity = 100
    handler = MemoryHandler(capacity, flushLevel=flush_level, target=target_handler)

    def decorator(fn):
        def wrapper(*args, **kwargs):
            logger.addHandler(handler)
            try:
                return fn(*args, **kwargs)
            except Exception:
                logger.exception('call failed')
                raise
            finally:
                super(MemoryHandler, handler).flush()
                logger.removeHandler(handler)
        return wrapper
    return decorator

def write_line(s):
    sys.stderr.write('%s\\n' % s)

def foo(fail=False):
    write_line('about to log at DEBUG ...')
    logger.debug('Actually logged at DEBUG')
    write_line('about to log at INFO ...')
    logger.info('Actually logged at INFO')
    write_line('about to log at WARNING ...')
    logger.warning('Actually logged at WARNING')
    if fail:
        write_line('about to log at ERROR ...')
        logger.error('Actually logged at ERROR')
        write_line('about to log at CRITICAL ...')
        logger.critical('Actually logged at CRITICAL')
    return fail

decorated_foo = log_if_errors(logger)(foo)

logger.setLevel(logging.DEBUG)
write_line('Calling undecorated foo with False')
assert not foo(False)
write_line('Calling undecorated foo with True')
assert foo(True)
write_line('Calling decorated foo with False')
assert not decorated_foo(False)
write_line('Calling decorated foo with True')
assert decorated_foo(True)
`;

describe('recipe 30, conditional-buffering', () => {
  const run = runRecipe('conditional-buffering');

  it('exits cleanly', () => {
    expect(run.stderr).not.toContain('Logging error');
    expect(run.status).toBe(0);
  });

  it('writes the buffered DEBUG/INFO/WARNING records only for the call that logged an ERROR', () => {
    const lines = run.stderr.split('\n');
    const decorated = lines.indexOf('Calling decorated foo with True');
    expect(lines.slice(decorated + 1, decorated + 10)).toEqual([
      'about to log at DEBUG ...',
      'about to log at INFO ...',
      'about to log at WARNING ...',
      'about to log at ERROR ...',
      'Actually logged at DEBUG',
      'Actually logged at INFO',
      'Actually logged at WARNING',
      'Actually logged at ERROR',
      'about to log at CRITICAL ...',
    ]);
    expect(lines.filter((l) => l.startsWith('Actually logged')).length).toBe(5);
  });

  it.skipIf(!hasPython)(
    `prints exactly what CPython prints${hasPython ? '' : ' [skipped: python3 not found]'}`,
    () => {
      const py = runPython(pythonTwin, mkdtempSync(join(tmpdir(), 'cookbook-py-')))!;
      expect(py.status).toBe(0);
      expect(run.stderr).toBe(py.stderr);
    },
  );
});
