import { spawn } from 'node:child_process';
import { Formatter, getLogger, Handler, type LogRecord } from '@logweave/core';
import { describe, expect, it } from 'vitest';
import { hasPython, runRecipe } from '../../test-support/run-recipe.js';
import { RECEIVER_FORMAT, startReceiver } from './index.js';

class Lines extends Handler {
  readonly lines: string[] = [];
  override emit(record: LogRecord): void {
    this.lines.push(this.format(record));
  }
}

// The cookbook's sending end, as CPython runs it (argv: port).
const pythonSender = `
import logging, logging.handlers, sys
rootLogger = logging.getLogger('')
rootLogger.setLevel(logging.DEBUG)
socketHandler = logging.handlers.SocketHandler('localhost', int(sys.argv[1]))
rootLogger.addHandler(socketHandler)
logging.info('Jackdaws love my big sphinx of quartz.')
logger1 = logging.getLogger('myapp.area1')
logger2 = logging.getLogger('myapp.area2')
logger1.debug('Quick zephyrs blow, vexing daft Jim.')
logger1.info('How quickly daft jumping zebras vex.')
logger2.warning('Jail zesty vixen who grabbed pay from quack.')
logger2.error('The five boxing wizards jump quickly.')
`;

const EXPECTED = [
  'root            INFO     Jackdaws love my big sphinx of quartz.',
  'myapp.area1     DEBUG    Quick zephyrs blow, vexing daft Jim.',
  'myapp.area1     INFO     How quickly daft jumping zebras vex.',
  'myapp.area2     WARNING  Jail zesty vixen who grabbed pay from quack.',
  'myapp.area2     ERROR    The five boxing wizards jump quickly.',
];

/** Drops the relativeCreated column (times differ between runs). */
function strip(lines: string[]): string[] {
  return lines.filter((l) => /^\s*\d+ /.test(l)).map((l) => l.replace(/^\s*\d+ /, ''));
}

describe('recipe 8: sending and receiving logging events across a network', () => {
  it('the receiver prints the five records the sender process logged, in the cookbook format', () => {
    const r = runRecipe('network-logging');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('About to start TCP server...');
    expect(strip(lines)).toEqual(EXPECTED);
    expect(lines.slice(1, 6).every((l) => /^ {0,4}\d{1,5} \S/.test(l))).toBe(true);
  });

  it.skipIf(!hasPython)(
    hasPython
      ? "CPython's cookbook sender → the recipe's receiver: the same five lines"
      : 'interop with the CPython recipe (skipped: python3 is not on PATH)',
    async () => {
      // CPython's sender to the recipe's receiver (its output captured here).
      const { receiver, port } = await startReceiver();
      const root = getLogger('');
      for (const h of [...root.handlers]) root.removeHandler(h);
      const lines = new Lines();
      lines.setFormatter(new Formatter(RECEIVER_FORMAT));
      root.addHandler(lines);
      try {
        const py = spawn('python3', ['-c', pythonSender, String(port)], { stdio: 'ignore' });
        expect(await new Promise((r) => py.on('exit', r))).toBe(0);
        const end = Date.now() + 10_000;
        while (receiver.received < 5 && Date.now() < end)
          await new Promise((r) => setTimeout(r, 10));
        expect(strip(lines.lines)).toEqual(EXPECTED);
      } finally {
        root.removeHandler(lines);
        await receiver.close();
      }
    },
    60_000,
  );
});
