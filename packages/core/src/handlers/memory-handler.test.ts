import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ERROR } from '../levels.js';
import { getLogger } from '../logging-api.js';
import { makeLogRecord } from '../record.js';
import { RecordListHandler } from '../test-support/record-list.js';
import { resetLogging, snapshotLogging } from '../testing.js';
import { BufferingHandler } from './buffering-handler.js';
import { MemoryHandler } from './memory-handler.js';
import { hasPython, runPython, vsCPython } from './test-support/python.js';

let restore: () => void;
beforeEach(() => {
  restore = snapshotLogging();
  resetLogging();
});
afterEach(() => restore());

type Op = ['log', number, string] | ['flush'] | ['close'] | ['setTarget', boolean];

interface Case {
  title: string;
  kind: 'memory' | 'buffering';
  capacity: number;
  flushLevel?: number;
  target?: boolean;
  flushOnClose?: boolean;
  ops: Op[];
}

interface Step {
  buffer: string[];
  target: string[];
  hasTarget: boolean;
}

const CASES: Case[] = [
  {
    title: 'flushes at capacity and at the flush level, and on close',
    kind: 'memory',
    capacity: 3,
    target: true,
    ops: [
      ['log', 10, 'd1'],
      ['log', 20, 'i1'],
      ['log', 30, 'w1'],
      ['log', 20, 'i2'],
      ['log', 40, 'e1'],
      ['log', 10, 'd2'],
      ['close'],
      ['log', 20, 'after close'],
    ],
  },
  {
    title: 'flushOnClose false keeps the buffer and drops the target on close',
    kind: 'memory',
    capacity: 10,
    target: true,
    flushOnClose: false,
    ops: [['log', 10, 'kept'], ['close'], ['flush']],
  },
  {
    title: 'without a target, flushing keeps the buffer, past capacity, until setTarget()',
    kind: 'memory',
    capacity: 2,
    target: false,
    ops: [
      ['log', 40, 'e1'],
      ['log', 10, 'd1'],
      ['log', 10, 'd2'],
      ['flush'],
      ['setTarget', true],
      ['log', 10, 'd3'],
      ['log', 50, 'c1'],
    ],
  },
  {
    title: 'a custom flushLevel',
    kind: 'memory',
    capacity: 100,
    flushLevel: 30,
    target: true,
    ops: [
      ['log', 20, 'i1'],
      ['log', 29, 'almost'],
      ['log', 30, 'w1'],
      ['log', 20, 'i2'],
      ['setTarget', false],
      ['log', 50, 'lost?'],
    ],
  },
  {
    title: 'BufferingHandler empties the buffer at capacity and on flush/close',
    kind: 'buffering',
    capacity: 2,
    ops: [
      ['log', 10, 'a'],
      ['log', 50, 'b'],
      ['log', 10, 'c'],
      ['flush'],
      ['log', 10, 'd'],
      ['close'],
    ],
  },
];

function runOurs(c: Case): Step[] {
  const t = new RecordListHandler();
  const h =
    c.kind === 'memory'
      ? new MemoryHandler(c.capacity, c.flushLevel ?? ERROR, c.target ? t : null, c.flushOnClose)
      : new BufferingHandler(c.capacity);
  const steps: Step[] = [];
  for (const op of c.ops) {
    if (op[0] === 'log') h.handle(makeLogRecord({ levelno: op[1], msg: op[2] }));
    else if (op[0] === 'flush') h.flush();
    else if (op[0] === 'close') h.close();
    else (h as MemoryHandler).setTarget(op[1] ? t : null);
    steps.push({
      buffer: h.buffer.map((r) => r.getMessage()),
      target: t.records.map((r) => r.getMessage()),
      hasTarget: h instanceof MemoryHandler ? h.target !== null : false,
    });
  }
  return steps;
}

describe('MemoryHandler and BufferingHandler', () => {
  it.skipIf(!hasPython)(vsCPython('buffer and flush as CPython over scripted operations'), () => {
    const expected = runPython<Step[][]>(
      `
import logging, logging.handlers
class T(logging.Handler):
    def __init__(self):
        super().__init__(); self.got = []
    def emit(self, r): self.got.append(r.getMessage())
out = []
for c in data:
    t = T()
    if c['kind'] == 'memory':
        h = logging.handlers.MemoryHandler(c['capacity'], c.get('flushLevel', logging.ERROR),
                                           t if c.get('target') else None, c.get('flushOnClose', True))
    else:
        h = logging.handlers.BufferingHandler(c['capacity'])
    steps = []
    for op in c['ops']:
        if op[0] == 'log': h.handle(logging.makeLogRecord({'levelno': op[1], 'msg': op[2]}))
        elif op[0] == 'flush': h.flush()
        elif op[0] == 'close': h.close()
        else: h.setTarget(t if op[1] else None)
        steps.append({'buffer': [r.getMessage() for r in h.buffer], 'target': list(t.got),
                      'hasTarget': getattr(h, 'target', None) is not None})
    out.append(steps)
emit(out)
`,
      CASES,
    );
    for (const [i, c] of CASES.entries()) expect(runOurs(c), c.title).toEqual(expected[i]);
  });

  it('MemoryHandler() defaults: flushLevel ERROR, no target, flushOnClose true', () => {
    const h = new MemoryHandler(5);
    expect([h.capacity, h.flushLevel, h.target, h.flushOnClose]).toEqual([5, ERROR, null, true]);
  });

  it('MemoryHandler.shouldFlush() can be overridden (a custom flushing strategy)', () => {
    const t = new RecordListHandler();
    class EveryOther extends MemoryHandler {
      override shouldFlush(): boolean {
        return this.buffer.length % 2 === 0;
      }
    }
    const h = new EveryOther(100, ERROR, t);
    for (const m of ['a', 'b', 'c']) h.handle(makeLogRecord({ msg: m }));
    expect(t.lines).toEqual(['a', 'b']);
    expect(h.buffer.map((r) => r.msg)).toEqual(['c']);
  });

  it('a MemoryHandler on a logger passes buffered records to the target when an ERROR arrives', () => {
    const t = new RecordListHandler();
    const logger = getLogger('mem');
    logger.setLevel(10);
    logger.propagate = false;
    logger.addHandler(new MemoryHandler(100, ERROR, t));
    logger.debug('step %d', 1);
    logger.info('step %d', 2);
    expect(t.lines).toEqual([]);
    logger.error('failed');
    expect(t.lines).toEqual(['step 1', 'step 2', 'failed']);
  });
});
