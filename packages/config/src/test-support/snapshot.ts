import { existsSync, readdirSync, readFileSync } from 'node:fs';
import {
  getHandlerByName,
  getHandlerNames,
  getManager,
  type Handler,
  Logger,
  settings,
} from '@logweave/core';

/** A comparable picture of the whole logging state (objects by identity index), and of a directory. */
export function fullSnapshot(dir?: string): unknown {
  const ids = new Map<unknown, number>();
  const id = (o: unknown): number => {
    let n = ids.get(o);
    if (n === undefined) {
      n = ids.size;
      ids.set(o, n);
    }
    return n;
  };
  const handler = (h: Handler): unknown => ({
    id: id(h),
    name: h.name,
    level: h.level,
    closed: (h as unknown as { _closed: boolean })._closed,
    formatter: h.formatter === null ? null : id(h.formatter),
    filters: h.filters.map(id),
    stream: id((h as unknown as { stream?: unknown }).stream),
    target: id((h as unknown as { target?: unknown }).target),
  });
  const manager = getManager();
  const logger = (l: Logger): unknown => ({
    level: l.level,
    propagate: l.propagate,
    disabled: l.disabled,
    parent: l.parent?.name ?? null,
    handlers: l.handlers.map(handler),
    filters: l.filters.map(id),
  });
  const loggers: Record<string, unknown> = {};
  for (const [n, l] of manager.loggerDict)
    loggers[n] = l instanceof Logger ? logger(l) : 'placeholder';
  const files: Record<string, string> = {};
  if (dir && existsSync(dir))
    for (const f of readdirSync(dir).sort()) files[f] = readFileSync(`${dir}/${f}`, 'utf8');
  return {
    root: logger(manager.root!),
    loggers,
    names: getHandlerNames().map((n) => [n, id(getHandlerByName(n))]),
    settings: { ...settings, lastResort: id(settings.lastResort) },
    files,
  };
}
