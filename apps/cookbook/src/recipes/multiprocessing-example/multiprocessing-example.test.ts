import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasPython, runPython, runRecipe } from '../../test-support/run-recipe.js';

const ASCTIME = String.raw`\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}`;
const LEVEL = '(DEBUG|INFO|WARNING|ERROR|CRITICAL)';
/** The listener's 'detailed' format, for a record relayed from a worker. */
const DETAILED = new RegExp(
  `^${ASCTIME} (\\S+) *${LEVEL} *listener \\(for (worker \\d)\\) Message no\\. (\\d+)$`,
);
/** The listener's 'simple' console format. */
const SIMPLE = new RegExp(`^(\\S+) *${LEVEL} *listener \\(for worker \\d\\) Message no\\. \\d+$`);
const MAIN_LINES = [
  'About to create workers ...',
  'Started worker processes',
  'About to create listener ...',
  'Started listener',
  'Telling listener to stop ...',
  'All done.',
];

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

// The cookbook's program (2 workers of 10 messages), to check our output against CPython's.
const pythonTwin = `
import logging, logging.config, logging.handlers, os, random, time
from multiprocessing import Process, Queue, Event, current_process
class MyHandler:
    def handle(self, record):
        logger = logging.getLogger() if record.name == 'root' else logging.getLogger(record.name)
        if logger.isEnabledFor(record.levelno):
            record.processName = '%s (for %s)' % (current_process().name, record.processName)
            logger.handle(record)
def listener_process(q, stop_event, config):
    logging.config.dictConfig(config)
    listener = logging.handlers.QueueListener(q, MyHandler())
    listener.start()
    logging.getLogger('setup').critical('Should not appear, because of disabled logger ...')
    stop_event.wait()
    listener.stop()
def worker_process(config):
    logging.config.dictConfig(config)
    levels = [logging.DEBUG, logging.INFO, logging.WARNING, logging.ERROR, logging.CRITICAL]
    loggers = ['foo', 'foo.bar', 'foo.bar.baz', 'spam', 'spam.ham', 'spam.ham.eggs']
    logging.getLogger('setup').critical('Should not appear, because of disabled logger ...')
    for i in range(10):
        logging.getLogger(random.choice(loggers)).log(random.choice(levels), 'Message no. %d', i)
        time.sleep(0.001)
def main():
    q = Queue()
    config_initial = {'version': 1, 'handlers': {'console': {'class': 'logging.StreamHandler', 'level': 'INFO'}},
                      'root': {'handlers': ['console'], 'level': 'DEBUG'}}
    config_worker = {'version': 1, 'disable_existing_loggers': True,
                     'handlers': {'queue': {'class': 'logging.handlers.QueueHandler', 'queue': q}},
                     'root': {'handlers': ['queue'], 'level': 'DEBUG'}}
    config_listener = {
        'version': 1, 'disable_existing_loggers': True,
        'formatters': {
            'detailed': {'class': 'logging.Formatter',
                         'format': '%(asctime)s %(name)-15s %(levelname)-8s %(processName)-10s %(message)s'},
            'simple': {'class': 'logging.Formatter',
                       'format': '%(name)-15s %(levelname)-8s %(processName)-10s %(message)s'}},
        'handlers': {
            'console': {'class': 'logging.StreamHandler', 'formatter': 'simple', 'level': 'INFO'},
            'file': {'class': 'logging.FileHandler', 'filename': 'mplog.log', 'mode': 'w', 'formatter': 'detailed'},
            'foofile': {'class': 'logging.FileHandler', 'filename': 'mplog-foo.log', 'mode': 'w', 'formatter': 'detailed'},
            'errors': {'class': 'logging.FileHandler', 'filename': 'mplog-errors.log', 'mode': 'w',
                       'formatter': 'detailed', 'level': 'ERROR'}},
        'loggers': {'foo': {'handlers': ['foofile']}},
        'root': {'handlers': ['console', 'file', 'errors'], 'level': 'DEBUG'}}
    logging.config.dictConfig(config_initial)
    logger = logging.getLogger('setup')
    logger.info('About to create workers ...')
    workers = []
    for i in range(2):
        wp = Process(target=worker_process, name='worker %d' % (i + 1), args=(config_worker,))
        workers.append(wp)
        wp.start()
    logger.info('Started worker processes')
    logger.info('About to create listener ...')
    stop_event = Event()
    lp = Process(target=listener_process, name='listener', args=(q, stop_event, config_listener))
    lp.start()
    logger.info('Started listener')
    for wp in workers:
        wp.join()
    logger.info('Telling listener to stop ...')
    stop_event.set()
    lp.join()
    logger.info('All done.')
if __name__ == '__main__':
    main()
`;

describe('recipe 22, multiprocessing-example', () => {
  const run = runRecipe('multiprocessing-example');

  it('exits cleanly, and the disabled setup logger stays quiet in the children', () => {
    expect(run.stderr).not.toContain('Logging error');
    expect(run.stderr).not.toContain('Should not appear');
    expect(run.status).toBe(0);
  });

  it("the main process's own console shows its setup records, in order", () => {
    const mine = run.stderr.split('\n').filter((l) => !SIMPLE.test(l) && l !== '');
    expect(mine).toEqual(MAIN_LINES);
  });

  it('the listener writes all 500 worker records to mplog.log, foo* to mplog-foo.log, ERROR+ to mplog-errors.log', () => {
    const all = match(fileLines(run.outDir, 'mplog.log'), DETAILED);
    expect(all).toHaveLength(500);
    for (let w = 1; w <= 5; w++) {
      const numbers = all.filter((m) => m[3] === `worker ${w}`).map((m) => Number(m[4]));
      expect(numbers).toEqual([...Array(100).keys()]);
    }
    expect(fileLines(run.outDir, 'mplog-foo.log')).toEqual(
      all.filter((m) => /^foo(\.|$)/.test(m[1]!)).map((m) => m[0]),
    );
    expect(fileLines(run.outDir, 'mplog-errors.log')).toEqual(
      all.filter((m) => m[2] === 'ERROR' || m[2] === 'CRITICAL').map((m) => m[0]),
    );
    const console = run.stderr.split('\n').filter((l) => SIMPLE.test(l));
    expect(console).toHaveLength(all.filter((m) => m[2] !== 'DEBUG').length);
  });

  it.skipIf(!hasPython)(
    `matches CPython's output shapes and main-process lines${hasPython ? '' : ' [skipped: python3 not found]'}`,
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'cookbook-py-'));
      const py = runPython(pythonTwin, dir)!;
      expect(py.status).toBe(0);
      expect(py.stderr).not.toContain('Should not appear');
      expect(py.stderr.split('\n').filter((l) => !SIMPLE.test(l) && l !== '')).toEqual(MAIN_LINES);
      expect(match(fileLines(dir, 'mplog.log'), DETAILED)).toHaveLength(20);
    },
  );
});
