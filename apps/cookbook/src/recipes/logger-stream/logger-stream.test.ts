import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasPython, runPython, runRecipe } from '../../test-support/run-recipe.js';

const EXPECTED = [
  'INFO:demo:An INFO message',
  'DEBUG:demo:A DEBUG message',
  'INFO:demo:Hello, world!',
  'WARNING:demo:partial line',
  'WARNING:demo:second line',
  'INFO:demo.child:child: line one',
  'INFO:demo.child:child: line two',
  'WARNING:demo.child:child: a warning',
  '',
];

// The cookbook's LoggerWriter and BufferingLoggerWriter; the child is the same node program.
const pythonTwin = (node: string, script: string) => `
import logging, subprocess, sys
class LoggerWriter:
    def __init__(self, logger, level):
        self.logger = logger
        self.level = level
    def write(self, message):
        if message != '\\n':
            self.logger.log(self.level, message)
    def flush(self):
        pass
class BufferingLoggerWriter(LoggerWriter):
    def __init__(self, logger, level):
        super().__init__(logger, level)
        self.buffer = ''
    def write(self, message):
        if '\\n' not in message:
            self.buffer += message
        else:
            parts = message.split('\\n')
            if self.buffer:
                s = self.buffer + parts.pop(0)
                self.logger.log(self.level, s)
            self.buffer = parts.pop()
            for part in parts:
                self.logger.log(self.level, part)
logging.basicConfig(level=logging.DEBUG)
logger = logging.getLogger('demo')
info_fp = LoggerWriter(logger, logging.INFO)
debug_fp = LoggerWriter(logger, logging.DEBUG)
print('An INFO message', file=info_fp)
print('A DEBUG message', file=debug_fp)
sys.stdout = LoggerWriter(logger, logging.INFO)
sys.stderr = BufferingLoggerWriter(logger, logging.WARNING)
print('Hello, world!')
sys.stderr.write('part')
sys.stderr.write('ial line\\nsecond')
sys.stderr.write(' line\\n')
sys.stdout = sys.__stdout__
sys.stderr = sys.__stderr__
r = subprocess.run([${JSON.stringify(node)}, '-e', ${JSON.stringify(script)}], capture_output=True, text=True)
child = logging.getLogger('demo.child')
out = BufferingLoggerWriter(child, logging.INFO); out.write(r.stdout)
err = BufferingLoggerWriter(child, logging.WARNING); err.write(r.stderr)
`;

describe('recipe 37, logger-stream', () => {
  const run = runRecipe('logger-stream');

  it('exits cleanly, with nothing but the runner line on stdout', () => {
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^\[files in [^\n]*\]\n$/);
  });

  it('logs writes, redirected stdout/stderr and a child process as records', () => {
    expect(run.stderr.split('\n')).toEqual(EXPECTED);
  });

  it.skipIf(!hasPython)(
    `prints what CPython prints${hasPython ? '' : ' [skipped: python3 not found]'}`,
    async () => {
      const { CHILD_SCRIPT } = await import('./index.js');
      const py = runPython(
        pythonTwin(process.execPath, CHILD_SCRIPT),
        mkdtempSync(join(tmpdir(), 'cookbook-py-')),
      )!;
      expect(py.status).toBe(0);
      expect(run.stderr).toBe(py.stderr);
    },
  );
});
