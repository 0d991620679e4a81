import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasPython, runPython, runRecipe } from '../../test-support/run-recipe.js';

// The cookbook's program with the sleeps divided by ten and four iterations of main.
const pythonTwin = `
import logging, threading, time
def worker(arg):
    while not arg['stop']:
        logging.debug('Hi from myfunc')
        time.sleep(0.05)
logging.basicConfig(level=logging.DEBUG, format='%(relativeCreated)6d %(threadName)s %(message)s')
info = {'stop': False}
thread = threading.Thread(target=worker, args=(info,))
thread.start()
for i in range(4):
    logging.debug('Hello from main')
    time.sleep(0.075)
info['stop'] = True
thread.join()
`;

const LINE = /^( {0,5}\d+) (MainThread|Thread-1 \(worker\)) (Hello from main|Hi from myfunc)$/;

function parse(stderr: string): { ms: number; thread: string; msg: string }[] {
  const lines = stderr.split('\n');
  expect(lines.pop()).toBe('');
  return lines.map((line) => {
    const m = LINE.exec(line);
    if (m === null) expect.fail(`unexpected line ${JSON.stringify(line)}`);
    expect(m[1]!.length).toBeGreaterThanOrEqual(6);
    return { ms: Number(m[1]), thread: m[2]!, msg: m[3]! };
  });
}

describe('recipe 2, multiple-threads', () => {
  const run = runRecipe('multiple-threads');

  it('exits cleanly', () => {
    expect(run.stderr).not.toContain('Logging error');
    expect(run.status).toBe(0);
  });

  it("prints both threads' records with %(relativeCreated)6d and the worker's threadName", () => {
    const lines = parse(run.stderr);
    const main = lines.filter((l) => l.thread === 'MainThread');
    const worker = lines.filter((l) => l.thread === 'Thread-1 (worker)');
    expect(main.map((l) => l.msg)).toEqual(Array(4).fill('Hello from main'));
    expect(worker.length).toBeGreaterThanOrEqual(4);
    expect(worker.every((l) => l.msg === 'Hi from myfunc')).toBe(true);
    for (const own of [main, worker]) {
      for (let i = 1; i < own.length; i++)
        expect(own[i]!.ms).toBeGreaterThanOrEqual(own[i - 1]!.ms);
    }
    // relativeCreated of the worker's records is on the main thread's clock: they fall
    // within the main thread's run (about 300 ms), not shifted by the worker's start-up.
    // The worker is started before main's first record, so its first record may precede it
    // slightly; a worker-local clock would be off by the whole start-up (hundreds of ms).
    expect(worker[0]!.ms).toBeGreaterThanOrEqual(main[0]!.ms - 50);
    expect(worker.at(-1)!.ms).toBeLessThanOrEqual(main.at(-1)!.ms + 200);
  });

  it.skipIf(!hasPython)(
    `prints the same kinds of lines as CPython${hasPython ? '' : ' [skipped: python3 not found]'}`,
    () => {
      const py = runPython(pythonTwin, mkdtempSync(join(tmpdir(), 'cookbook-py-')))!;
      expect(py.status).toBe(0);
      const kinds = (s: string) => [...new Set(parse(s).map((l) => `${l.thread} ${l.msg}`))].sort();
      expect(kinds(run.stderr)).toEqual(kinds(py.stderr));
    },
  );
});
