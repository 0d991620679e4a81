import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  hasPython,
  normaliseAsctime,
  runPython,
  runRecipe,
} from '../../test-support/run-recipe.js';

const EXPECTED = [
  '<asctime> foo.bar DEBUG    This is a DEBUG message',
  '<asctime> foo.bar CRITICAL This is a CRITICAL message',
  '<asctime> foo.bar DEBUG This is a DEBUG message',
  '<asctime> foo.bar CRITICAL This is a CRITICAL message',
  'Message with 2 placeholders',
  'Message with coordinates: (0.50, 0.50)',
  'Message with 2 placeholders',
  'Hello, world!',
  ' right|left  | mid  |',
  '',
];

// The cookbook's code (BraceMessage/DollarMessage/StyleAdapter as written there).
const pythonTwin = `
import logging
from string import Template
class BraceMessage:
    def __init__(self, fmt, /, *args, **kwargs):
        self.fmt = fmt; self.args = args; self.kwargs = kwargs
    def __str__(self):
        return self.fmt.format(*self.args, **self.kwargs)
class DollarMessage:
    def __init__(self, fmt, /, **kwargs):
        self.fmt = fmt; self.kwargs = kwargs
    def __str__(self):
        return Template(self.fmt).substitute(**self.kwargs)
class StyleAdapter(logging.LoggerAdapter):
    def __init__(self, logger, extra=None):
        super().__init__(logger, extra or {})
    def log(self, level, msg, /, *args, stacklevel=1, **kwargs):
        if self.isEnabledFor(level):
            msg, kwargs = self.process(msg, kwargs)
            self.logger.log(level, BraceMessage(msg, *args), **kwargs, stacklevel=stacklevel + 1)
root = logging.getLogger()
root.setLevel(logging.DEBUG)
handler = logging.StreamHandler()
root.addHandler(handler)
logger = logging.getLogger('foo.bar')
handler.setFormatter(logging.Formatter('{asctime} {name} {levelname:8s} {message}', style='{'))
logger.debug('This is a DEBUG message')
logger.critical('This is a CRITICAL message')
handler.setFormatter(logging.Formatter('$asctime $name \${levelname} $message', style='$'))
logger.debug('This is a DEBUG message')
logger.critical('This is a CRITICAL message')
handler.setFormatter(logging.Formatter('%(message)s'))
__ = BraceMessage
logger.info(__('Message with {0} {name}', 2, name='placeholders'))
class Point: pass
p = Point(); p.x = 0.5; p.y = 0.5
logger.info(__('Message with coordinates: ({point.x:.2f}, {point.y:.2f})', point=p))
__ = DollarMessage
logger.info(__('Message with $num $what', num=2, what='placeholders'))
styled = StyleAdapter(logging.getLogger('foo.styled'))
styled.info('Hello, {}', 'world!')
styled.debug('{:>6}|{:<6}|{:^6}|', 'right', 'left', 'mid')
`;

describe('recipe 16, formatting-styles', () => {
  const run = runRecipe('formatting-styles');

  it('exits cleanly', () => {
    expect(run.status).toBe(0);
  });

  it('formats with { and $ styles, message objects and a StyleAdapter', () => {
    expect(normaliseAsctime(run.stderr).split('\n')).toEqual(EXPECTED);
  });

  it.skipIf(!hasPython)(
    `prints what CPython prints${hasPython ? '' : ' [skipped: python3 not found]'}`,
    () => {
      const py = runPython(pythonTwin, mkdtempSync(join(tmpdir(), 'cookbook-py-')))!;
      expect(py.status).toBe(0);
      expect(normaliseAsctime(run.stderr)).toBe(normaliseAsctime(py.stderr));
    },
  );
});
