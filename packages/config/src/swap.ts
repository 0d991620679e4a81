import {
  type FilterLike,
  getLogger,
  getManager,
  type Handler,
  Logger,
  MemoryHandler,
  NOTSET,
  QueueHandler,
  type QueueListener,
} from '@logweave/core';
import type { LoggerPlan, Plan } from './dict-configurator.js';
import { configState } from './state.js';

interface HandlerRefs {
  target?: unknown;
  listener?: { handlers?: readonly unknown[] } | null;
}

/** Every handler reachable from the logger tree (and from handlers, through targets and listeners). */
export function liveHandlers(): Set<Handler> {
  const manager = getManager();
  const out = new Set<Handler>();
  const add = (h: unknown): void => {
    if (h === null || typeof h !== 'object' || out.has(h as Handler)) return;
    out.add(h as Handler);
    const r = h as HandlerRefs;
    if (r.target) add(r.target);
    for (const x of r.listener?.handlers ?? []) add(x);
  };
  for (const h of manager.root?.handlers ?? []) add(h);
  for (const l of manager.loggerDict.values())
    if (l instanceof Logger) for (const h of l.handlers) add(h);
  return out;
}

function configureLogger(logger: Logger, plan: LoggerPlan, incremental: boolean): void {
  const state = configState();
  if (plan.level !== undefined) logger.setLevel(plan.level);
  if (!incremental) {
    logger.handlers = [...(plan.handlers ?? [])];
    // CPython only adds filters; filters a previous configuration added are removed here,
    // so that reloading never piles them up. Filters added by code stay.
    const previous = state.loggerFilters.get(logger) ?? [];
    logger.filters = logger.filters.filter((f) => !previous.includes(f));
    for (const f of plan.filters ?? []) logger.addFilter(f);
    state.loggerFilters.set(logger, [...(plan.filters ?? [])] as FilterLike[]);
  }
}

/**
 * Applies a built plan in one synchronous step, as CPython's `configure()` would have left
 * the tree, then closes the handlers that nothing uses any more (after stopping the
 * listeners that fed them). Returns a promise settled once closed listeners are drained.
 */
export function swap(plan: Plan): Promise<void> {
  const manager = getManager();
  const root = manager.root!;
  if (plan.incremental) {
    for (const [h, lvl] of plan.handlerLevels) h.setLevel(lvl);
    for (const lp of plan.loggers) {
      const logger = getLogger(lp.name);
      configureLogger(logger, lp, true);
      logger.disabled = false;
      if (lp.propagate !== undefined) logger.propagate = lp.propagate;
    }
    if (plan.root) configureLogger(root, plan.root, true);
    manager._clear_cache();
    return Promise.resolve();
  }
  const state = configState();
  const before = liveHandlers();
  for (const a of state.handlers.values()) before.add(a.handler);

  // Names: the previous configuration's names go, the new ones are registered.
  for (const a of state.handlers.values()) {
    if (a.handler.name !== null && !plan.handlers.some((b) => b.handler === a.handler))
      a.handler.set_name(null);
  }
  for (const b of plan.handlers) b.handler.name = b.name;

  const existing = [...manager.loggerDict.keys()].sort();
  const existingSet = new Set(existing);
  const children = new Set<string>();
  for (const lp of plan.loggers) {
    if (existingSet.has(lp.name)) {
      const prefixed = `${lp.name}.`;
      for (const e of existing) if (e.startsWith(prefixed)) children.add(e);
      existingSet.delete(lp.name);
    }
    const logger = lp.name === '' ? root : getLogger(lp.name);
    configureLogger(logger, lp, false);
    logger.disabled = false;
    if (lp.propagate !== undefined) logger.propagate = lp.propagate;
  }
  for (const name of existing) {
    if (!existingSet.has(name)) continue;
    const logger = manager.loggerDict.get(name);
    if (!(logger instanceof Logger)) continue;
    if (children.has(name)) {
      logger.setLevel(NOTSET);
      logger.handlers = [];
      logger.propagate = true;
    } else logger.disabled = plan.disableExisting;
  }
  if (plan.root) configureLogger(root, plan.root, false);
  manager._clear_cache();

  state.handlers = new Map(
    plan.handlers.map((b) => [b.name, { fingerprint: b.fingerprint, handler: b.handler }]),
  );

  // Files the configuration did not ask to delay are opened now (they were built closed).
  for (const b of plan.handlers) {
    if (!b.eagerOpen) continue;
    const h = b.handler as unknown as { stream: unknown; _open?: () => unknown; delay?: boolean };
    h.delay = false;
    if (h.stream == null && typeof h._open === 'function') {
      try {
        h.stream = h._open();
      } catch (e) {
        // The file was checked while building; if it vanished since, it opens on the first record.
        h.delay = true;
        process.stderr.write(
          `logweave config: ${String((e as Error)?.message ?? e)}; the file will be opened on the first record\n`,
        );
      }
    }
  }
  for (const b of plan.handlers) {
    if (b.listener) {
      b.listener.start();
      state.listeners.add(b.listener as QueueListener<unknown>);
    }
  }

  const after = liveHandlers();
  for (const b of plan.handlers) after.add(b.handler);
  const gone = [...before].filter((h) => !after.has(h));
  return closeHandlers(gone, after);
}

/** Closes handlers: queue handlers (after draining their listeners) and buffers first. */
async function closeHandlers(gone: Handler[], keep: Set<Handler>): Promise<void> {
  const state = configState();
  const rank = (h: Handler): number =>
    h instanceof QueueHandler ? 0 : h instanceof MemoryHandler ? 1 : 2;
  gone.sort((a, b) => rank(a) - rank(b));
  const waits: Promise<void>[] = [];
  // Handlers fed by a listener that is being stopped close once it has drained.
  const drained = new Set<Handler>();
  for (const h of gone) {
    const listener = (h as unknown as QueueHandler<unknown>).listener as
      | QueueListener<unknown>
      | null
      | undefined;
    if (listener && state.listeners.has(listener))
      for (const x of listener.handlers) drained.add(x as Handler);
  }
  for (const h of gone) {
    if (drained.has(h)) continue;
    try {
      const listener = (h as unknown as QueueHandler<unknown>).listener as
        | QueueListener<unknown>
        | null
        | undefined;
      if (listener && state.listeners.has(listener)) {
        state.listeners.delete(listener);
        const lhs = listener.handlers.filter((x) => !keep.has(x as Handler)) as Handler[];
        waits.push(
          Promise.resolve(listener.stop()).then(() => {
            for (const x of lhs) safeClose(x);
          }),
        );
      }
      safeClose(h);
    } catch {
      // a handler that fails to close must not stop the others
    }
  }
  await Promise.all(waits);
}

function safeClose(h: Handler): void {
  try {
    h.flush();
    h.close();
  } catch {
    // as CPython's shutdown: errors while closing are ignored
  }
}
