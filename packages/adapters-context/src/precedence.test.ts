import {
  Formatter,
  getLogger,
  kw,
  type LogKwargs,
  type Logger,
  LoggerAdapter,
  resetLogging,
} from '@logweave/core';
import { afterEach, describe, expect, it } from 'vitest';
import { ContextAdapter } from './context-adapter.js';
import { ContextFilter, DefaultsFilter } from './context-filter.js';
import { ContextVar } from './context-var.js';
import { ListHandler } from './test-support/list-handler.js';

// The written rule: call-site extra > adapter (child over parent) > async context > defaults.
const LAYERS = ['call', 'child', 'adapter', 'context', 'defaults'] as const;
type Layer = (typeof LAYERS)[number];

const field = new ContextVar<string>('field');

function subsets<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let mask = 0; mask < 1 << items.length; mask++) {
    out.push(items.filter((_, i) => mask & (1 << i)));
  }
  return out;
}

interface Case {
  present: Layer[];
  filterOrder: 'defaults-first' | 'context-first';
  attach: 'logger' | 'handler';
  dynamic: boolean;
}

const cases: Case[] = [];
for (const present of subsets(LAYERS)) {
  for (const filterOrder of ['defaults-first', 'context-first'] as const) {
    for (const attach of ['logger', 'handler'] as const) {
      for (const dynamic of [false, true]) cases.push({ present, filterOrder, attach, dynamic });
    }
  }
}

function expected(present: readonly Layer[]): string {
  for (const l of LAYERS) if (present.includes(l)) return l;
  return '<unset>';
}

afterEach(() => resetLogging());

describe('the precedence rule: call-site extra > adapter > async context > logger defaults', () => {
  it('covers all 32 combinations of layers, each filter order, attachment and getter form', () => {
    expect(cases.length).toBe(32 * 2 * 2 * 2);
  });

  it.each(
    cases.map((c) => [
      `${c.present.join('+') || 'nothing'} (${c.filterOrder}, on the ${c.attach}${c.dynamic ? ', getters' : ''}) -> ${expected(c.present)}`,
      c,
    ]),
  )('%s', (_title, c) => {
    const logger: Logger = getLogger(`prec.${cases.indexOf(c)}`);
    logger.propagate = false;
    logger.setLevel('DEBUG');
    const h = new ListHandler();
    h.setFormatter(new Formatter({ fmt: '%(field)s', defaults: { field: '<unset>' } }));
    logger.addHandler(h);
    const target = c.attach === 'logger' ? logger : h;
    const filters = [new ContextFilter([field]), new DefaultsFilter({ field: 'defaults' })];
    if (c.filterOrder === 'defaults-first') filters.reverse();
    for (const f of filters) {
      if (c.present.includes(f instanceof ContextFilter ? 'context' : 'defaults')) {
        target.addFilter(f);
      }
    }
    let calls = 0;
    const value = (v: string): Record<string, unknown> =>
      c.dynamic
        ? {
            get field() {
              calls++;
              return v;
            },
          }
        : { field: v };
    let log: Logger | LoggerAdapter = logger;
    if (c.present.includes('adapter')) log = new ContextAdapter(log, value('adapter'));
    if (c.present.includes('child')) {
      log =
        log instanceof ContextAdapter
          ? log.child(value('child'))
          : new ContextAdapter(log, value('child'));
    }
    const emit = () =>
      c.present.includes('call') ? log.info('m', kw({ extra: value('call') })) : log.info('m');
    if (c.present.includes('context')) field.run('context', emit);
    else emit();
    expect(h.lines).toEqual([expected(c.present)]);
    if (c.dynamic && (c.present.includes('call') || c.present.includes('adapter'))) {
      expect(calls).toBeGreaterThan(0);
    }
  });

  it('evaluates getters on the adapter extra at each call, not when the adapter is made', () => {
    const logger = getLogger('prec.getters');
    logger.propagate = false;
    logger.setLevel('DEBUG');
    const h = new ListHandler();
    h.setFormatter(new Formatter('%(n)s %(message)s'));
    logger.addHandler(h);
    let n = 0;
    const log = new ContextAdapter(logger, {
      get n() {
        return ++n;
      },
    });
    log.info('a');
    log.info('b');
    expect(h.lines).toEqual(['1 a', '2 b']);
  });

  it("keeps core LoggerAdapter's Python default: its extra replaces the call's", () => {
    const logger = getLogger('prec.core');
    logger.propagate = false;
    logger.setLevel('DEBUG');
    const h = new ListHandler();
    h.setFormatter(new Formatter({ fmt: '%(field)s', defaults: { field: '<unset>' } }));
    logger.addHandler(h);
    new LoggerAdapter(logger, { field: 'adapter' }).info('m', kw({ extra: { field: 'call' } }));
    new LoggerAdapter(logger, { field: 'adapter' }, true).info(
      'm',
      kw({ extra: { field: 'call' } }),
    );
    expect(h.lines).toEqual(['adapter', 'call']);
  });

  it('gives the same record fields, in the same order, on the merged fast path and through process()', () => {
    const logger = getLogger('prec.paths');
    logger.propagate = false;
    logger.setLevel('DEBUG');
    const h = new ListHandler();
    logger.addHandler(h);
    class Slow extends ContextAdapter {
      override process(msg: unknown, kwargs: LogKwargs): [unknown, LogKwargs] {
        return super.process(msg, kwargs);
      }
    }
    const fields = (r: Record<string, unknown>) =>
      Object.entries(r).filter(([k]) => ['a', 'b', 'c', 'd'].includes(k));
    const fast = new ContextAdapter(logger, { a: 1, b: 1 }).child({ b: 2, c: 2 });
    const slow = new Slow(new Slow(logger, { a: 1, b: 1 }), { b: 2, c: 2 });
    for (const log of [fast, slow]) {
      log.info('x', kw({ extra: { c: 3, d: 3 } }));
      log.warning('y');
      log.error('z', kw({ exc_info: new Error('e') }));
    }
    const [f1, f2, f3, s1, s2, s3] = h.records.map((r) => fields(r));
    expect(f1).toEqual([
      ['a', 1],
      ['b', 2],
      ['c', 3],
      ['d', 3],
    ]);
    expect([f1, f2, f3]).toEqual([s1, s2, s3]);
    expect(h.records[2]!.exc_info).toBeInstanceOf(Error);
  });

  it("over a core LoggerAdapter (general path): Python's replace, or a merge with merge_extra", () => {
    const logger = getLogger('prec.mixed');
    logger.propagate = false;
    logger.setLevel('DEBUG');
    const h = new ListHandler();
    h.setFormatter(new Formatter('%(a)s %(b)s'));
    logger.addHandler(h);
    new ContextAdapter(new LoggerAdapter(logger, { a: 'core', b: 'core' }), { b: 'ctx' }).info('m');
    new ContextAdapter(new LoggerAdapter(logger, { a: 'core', b: 'core' }, true), {
      b: 'ctx',
    }).info('m');
    expect(h.lines).toEqual(['core core', 'core ctx']);
  });
});
