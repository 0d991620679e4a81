import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasPython, runPython, runRecipe } from '../../test-support/run-recipe.js';

// The cookbook's program and the respect_handler_level part, as CPython runs them.
const pythonTwin = `
import logging, queue
from logging.handlers import QueueHandler, QueueListener
que = queue.Queue(-1)
queue_handler = QueueHandler(que)
handler = logging.StreamHandler()
listener = QueueListener(que, handler)
root = logging.getLogger()
root.addHandler(queue_handler)
formatter = logging.Formatter('%(threadName)s: %(message)s')
handler.setFormatter(formatter)
listener.start()
root.warning('Look out!')
listener.stop()

q = queue.Queue()
console = logging.StreamHandler()
console.setLevel(logging.WARNING)
console.setFormatter(logging.Formatter('%(threadName)s: %(levelname)s: %(message)s'))
file = logging.FileHandler('all.log', 'w')
file.setFormatter(logging.Formatter('%(threadName)s %(levelname)s %(name)s %(message)s'))
levels = QueueListener(q, console, file, respect_handler_level=True)
app = logging.getLogger('app')
app.setLevel(logging.DEBUG)
app.propagate = False
app.addHandler(QueueHandler(q))
levels.start()
app.debug('connecting')
app.info('connected')
app.warning('slow response')
levels.stop()
file.close()
`;

describe('recipe 7, blocking-handlers', () => {
  const run = runRecipe('blocking-handlers');

  it('exits cleanly', () => {
    expect(run.stderr).not.toContain('Logging error');
    expect(run.status).toBe(0);
  });

  it("shows the caller's threadName, not the listener's", () => {
    expect(run.stderr.split('\n')[0]).toBe('MainThread: Look out!');
  });

  it('with respect_handler_level, the WARNING console gets one record and the file all three', () => {
    expect(run.stderr).toBe('MainThread: Look out!\nMainThread: WARNING: slow response\n');
    expect(readFileSync(join(run.outDir, 'all.log'), 'utf8')).toBe(
      'MainThread DEBUG app connecting\nMainThread INFO app connected\nMainThread WARNING app slow response\n',
    );
  });

  it('a handler that blocks in a worker thread leaves the logging calls fast, and loses nothing', () => {
    expect(run.stdout).toContain(
      'main thread: 20 logging calls took under 20 ms; the worker spends about 200 ms writing them\nslow.log is complete\n',
    );
    const lines = readFileSync(join(run.outDir, 'slow.log'), 'utf8').split('\n');
    expect(lines).toHaveLength(21);
    expect(lines[19]).toBe('MainThread WARNING slow record 19');
  });

  it.skipIf(!hasPython)(
    `prints and writes what CPython does${hasPython ? '' : ' [skipped: python3 not found]'}`,
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'cookbook-py-'));
      const py = runPython(pythonTwin, dir)!;
      expect(py.status).toBe(0);
      expect(run.stderr).toBe(py.stderr);
      expect(readFileSync(join(run.outDir, 'all.log'), 'utf8')).toBe(
        readFileSync(join(dir, 'all.log'), 'utf8'),
      );
    },
  );
});
