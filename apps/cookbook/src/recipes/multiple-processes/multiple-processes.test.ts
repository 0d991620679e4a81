import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasPython, runPython, runRecipe } from '../../test-support/run-recipe.js';

const ASCTIME = String.raw`\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}`;
const LEVEL = '(DEBUG|INFO|WARNING|ERROR|CRITICAL)';
/** '%(asctime)s %(processName)-10s %(name)s %(levelname)-8s %(message)s' */
const MPTEST = new RegExp(
  `^${ASCTIME} (Process-\\d|Pool-\\d) *(a\\.b\\.c|d\\.e\\.f) ${LEVEL} * (Random message #[123])$`,
);
/** '%(asctime)s %(name)-15s %(levelname)-8s %(processName)-10s %(message)s' */
const MPLOG = new RegExp(`^${ASCTIME} (\\S+) *${LEVEL} *(worker \\d) *(Message no\\. (\\d+))$`);

function fileLines(dir: string, name: string): string[] {
  const lines = readFileSync(join(dir, name), 'utf8').split('\n');
  expect(lines.pop()).toBe('');
  return lines;
}

function match(lines: string[], re: RegExp): RegExpExecArray[] {
  return lines.map((l) => {
    const m = re.exec(l);
    if (m === null) expect.fail(`unexpected line ${JSON.stringify(l)}`);
    return m;
  });
}

function countBy<T>(items: T[], key: (t: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const i of items) out[key(i)] = (out[key(i)] ?? 0) + 1;
  return out;
}

// The cookbook's programs (two workers, no pauses), to check that our line shapes are CPython's.
const pythonTwin = `
import logging, logging.handlers, multiprocessing, random
def listener(q):
    root = logging.getLogger()
    h = logging.FileHandler('mptest.log', 'a')
    h.setFormatter(logging.Formatter('%(asctime)s %(processName)-10s %(name)s %(levelname)-8s %(message)s'))
    root.addHandler(h)
    while True:
        record = q.get()
        if record is None:
            break
        logging.getLogger(record.name).handle(record)
    d = logging.Formatter('%(asctime)s %(name)-15s %(levelname)-8s %(processName)-10s %(message)s')
    f = logging.FileHandler('mplog.log', 'w'); f.setFormatter(d)
    r = logging.makeLogRecord({'name': 'foo.bar', 'levelno': 40, 'levelname': 'ERROR',
                               'processName': 'worker 1', 'msg': 'Message no. %d', 'args': (7,)})
    f.handle(r)
def worker(q):
    root = logging.getLogger()
    root.addHandler(logging.handlers.QueueHandler(q))
    root.setLevel(logging.DEBUG)
    for i in range(10):
        logging.getLogger(random.choice(['a.b.c', 'd.e.f'])).log(
            random.choice([10, 20, 30, 40, 50]), random.choice(['Random message #1', 'Random message #2', 'Random message #3']))
if __name__ == '__main__':
    q = multiprocessing.Queue(-1)
    lp = multiprocessing.Process(target=listener, args=(q,)); lp.start()
    ws = [multiprocessing.Process(target=worker, args=(q,)) for i in range(2)]
    for w in ws: w.start()
    for w in ws: w.join()
    q.put_nowait(None); lp.join()
`;

describe('recipe 14, multiple-processes', () => {
  const run = runRecipe('multiple-processes');

  it('exits cleanly', () => {
    expect(run.stderr).not.toContain('Logging error');
    expect(run.stderr).not.toContain('logweave:');
    expect(run.status).toBe(0);
  });

  it('the listener writes mptest.log: 10 records from each of 4 worker processes', () => {
    const m = match(fileLines(run.outDir, 'mptest.log'), MPTEST);
    expect(countBy(m, (x) => x[1]!)).toEqual({
      'Process-1': 10,
      'Process-2': 10,
      'Process-3': 10,
      'Process-4': 10,
    });
    for (let i = 1; i <= 4; i++) {
      expect(run.stdout).toContain(`Worker started: Process-${i}\n`);
      expect(run.stdout).toContain(`Worker finished: Process-${i}\n`);
    }
  });

  it('the "logging thread" example routes 500 records to its files and console', () => {
    const all = match(fileLines(run.outDir, 'mplog.log'), MPLOG);
    expect(all).toHaveLength(500);
    const perWorker = countBy(all, (x) => x[3]!);
    expect(Object.values(perWorker)).toEqual([100, 100, 100, 100, 100]);
    for (const w of Object.keys(perWorker)) {
      const numbers = all.filter((x) => x[3] === w).map((x) => Number(x[5]));
      expect(numbers).toEqual([...Array(100).keys()]);
    }
    const foo = fileLines(run.outDir, 'mplog-foo.log');
    expect(foo).toEqual(all.filter((x) => /^foo(\.|$)/.test(x[1]!)).map((x) => x[0]));
    const errors = fileLines(run.outDir, 'mplog-errors.log');
    expect(errors).toEqual(
      all.filter((x) => x[2] === 'ERROR' || x[2] === 'CRITICAL').map((x) => x[0]),
    );
    // The console handler (INFO, default format) shows the message of every INFO+ record.
    const console = run.stderr.split('\n').filter((l) => l.startsWith('Message no. '));
    expect(console.length).toBe(all.filter((x) => x[2] !== 'DEBUG').length);
  });

  it('the process-pool example: 10 tasks of 10 records from 3 pool processes in pool.log', () => {
    const m = match(fileLines(run.outDir, 'pool.log'), MPTEST);
    expect(m).toHaveLength(100);
    expect(new Set(m.map((x) => x[1])).size).toBeGreaterThanOrEqual(2);
    expect(m.every((x) => /^Pool-[123]$/.test(x[1]!))).toBe(true);
  });

  it.skipIf(!hasPython)(
    `writes lines of the same shape as CPython's programs${hasPython ? '' : ' [skipped: python3 not found]'}`,
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'cookbook-py-'));
      const py = runPython(pythonTwin, dir)!;
      expect(py.status).toBe(0);
      const mptest = fileLines(dir, 'mptest.log');
      expect(mptest).toHaveLength(20);
      match(mptest, MPTEST);
      match(fileLines(dir, 'mplog.log'), MPLOG);
    },
  );
});
