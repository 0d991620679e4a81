import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LoggingError } from '../../src/errors.js';
import { Filter } from '../../src/filter.js';
import { Handler } from '../../src/handler.js';
import { lastResort } from '../../src/handlers/last-resort.js';
import { addLevelName, getLevelName, getLevelNamesMapping } from '../../src/levels.js';
import type { Logger } from '../../src/logger.js';
import { disable, getLogger, root } from '../../src/logging-api.js';
import type { LogRecord } from '../../src/record.js';
import { resetLogging, snapshotLogging } from '../../src/testing.js';
import { loadCases } from './load-cases.js';

type Outcome = { ok: unknown } | { error: string; message: string };

interface Op {
  op: string;
  [field: string]: unknown;
}

interface LevelsCase {
  id: string;
  family: string;
  ops: Op[];
  expected: { ok: Outcome[] };
}

const { cases, count: counts } = loadCases<LevelsCase>('levels');

/** Emitted handler names of the current `log` op, in call order. */
let emitted: string[] = [];

/** The README's "capturing handler identified by name". */
class CapturingHandler extends Handler {
  constructor(
    readonly label: string,
    level: number | string,
  ) {
    super(level);
  }
  override emit(_record: LogRecord): void {
    emitted.push(this.label);
  }
}

function logger(name: unknown): Logger {
  return getLogger(name as string);
}

/** Applies the ops to the (fresh) state, one outcome per op, as the README describes. */
function runScript(ops: readonly Op[]): Outcome[] {
  const handlers = new Map<string, CapturingHandler>();
  const handler = (name: unknown): CapturingHandler => {
    const h = handlers.get(name as string);
    if (h === undefined) throw new Error(`unknown handler ${String(name)}`);
    return h;
  };
  const outcomes: Outcome[] = [];
  for (const op of ops) {
    try {
      outcomes.push({ ok: runOp(op, handlers, handler) });
    } catch (e) {
      if (!(e instanceof LoggingError)) throw e;
      outcomes.push({ error: e.pythonType, message: e.pythonMessage });
    }
  }
  return outcomes;
}

function runOp(
  op: Op,
  handlers: Map<string, CapturingHandler>,
  handler: (name: unknown) => CapturingHandler,
): unknown {
  switch (op.op) {
    case 'setLevel':
      logger(op.logger).setLevel(op.level as number);
      return null;
    case 'setPropagate':
      logger(op.logger).propagate = op.value as boolean;
      return null;
    case 'setDisabled':
      logger(op.logger).disabled = op.value as boolean;
      return null;
    case 'disable':
      if ('level' in op) disable(op.level as number);
      else disable();
      return null;
    case 'setManagerDisable':
      root.manager.disable = op.level as number;
      return null;
    case 'addHandler': {
      const name = op.handler as string;
      let h = handlers.get(name);
      if (h === undefined) {
        h = new CapturingHandler(name, (op.level as number | undefined) ?? 0);
        handlers.set(name, h);
      }
      logger(op.logger).addHandler(h);
      return null;
    }
    case 'removeHandler':
      logger(op.logger).removeHandler(handler(op.handler));
      return null;
    case 'setHandlerLevel':
      handler(op.handler).setLevel(op.level as number);
      return null;
    case 'addFilter':
      logger(op.logger).addFilter(new Filter(op.filter as string));
      return null;
    case 'addHandlerFilter':
      handler(op.handler).addFilter(new Filter(op.filter as string));
      return null;
    case 'addLevelName':
      addLevelName(op.level as number, op.levelName as string);
      return null;
    case 'isEnabledForDiscard':
      logger(op.logger).isEnabledFor(op.level as number);
      return null;
    case 'getLogger':
      return logger(op.logger).name;
    case 'getEffectiveLevel':
      return logger(op.logger).getEffectiveLevel();
    case 'isEnabledFor':
      return logger(op.logger).isEnabledFor(op.level as number);
    case 'log': {
      emitted = [];
      logger(op.logger).log(op.level as number, 'm');
      return [...emitted];
    }
    case 'hasHandlers':
      return logger(op.logger).hasHandlers();
    case 'parent':
      return logger(op.logger).parent?.name ?? null;
    case 'level':
      return logger(op.logger).level;
    case 'handlers':
      return logger(op.logger).handlers.map((h) => (h as CapturingHandler).label);
    case 'getChild':
      return logger(op.logger).getChild(op.suffix as string).name;
    case 'getLevelName':
      return getLevelName(op.level as number);
    case 'getLevelNamesMapping':
      return getLevelNamesMapping();
    default:
      throw new Error(`unknown op ${op.op}`);
  }
}

describe('levels conformance (level names and the logger tree against CPython 3.11)', () => {
  let restore: () => void;
  beforeEach(() => {
    restore = snapshotLogging();
    resetLogging();
    // The real lastResort, its output replaced by a capture.
    vi.spyOn(lastResort, 'emit').mockImplementation(() => {
      emitted.push('lastResort');
    });
  });
  afterEach(() => {
    vi.restoreAllMocks();
    restore();
  });

  it('the fixtures hold every levels case their headers count', () => {
    expect(cases.length).toBe(counts);
    expect(cases.length).toBeGreaterThanOrEqual(51);
  });

  for (const c of cases) {
    it(`${c.id} gives CPython's outcome for each of its ${c.ops.length} ops`, () => {
      expect(runScript(c.ops)).toEqual(c.expected.ok);
    });
  }
});
