import { isPlainObject } from './converter.js';
import { ConfigError, didYouMean, joinPath } from './errors.js';

/** Handler names in build order: dependencies (MemoryHandler `target`, QueueHandler `handlers`) first. */
export function handlerOrder(handlers: Record<string, unknown>): string[] {
  const names = Object.keys(handlers).sort();
  const deps = (name: string): [string, string][] => {
    const spec = handlers[name];
    if (!isPlainObject(spec)) return [];
    const out: [string, string][] = [];
    if (typeof spec.target === 'string' && !spec.target.includes('://'))
      out.push([spec.target, 'target']);
    if (Array.isArray(spec.handlers)) {
      spec.handlers.forEach((h, i) => {
        if (typeof h === 'string') out.push([h, `handlers[${i}]`]);
      });
    }
    return out;
  };
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string, chain: string[]): void => {
    const s = state.get(name);
    if (s === 'done') return;
    if (s === 'visiting') {
      const from = chain.indexOf(name);
      throw new ConfigError(
        joinPath('handlers', name),
        `handler reference cycle: ${[...chain.slice(from), name].join(' -> ')}`,
      );
    }
    state.set(name, 'visiting');
    for (const [dep, key] of deps(name)) {
      if (!Object.hasOwn(handlers, dep)) {
        throw new ConfigError(
          joinPath(joinPath('handlers', name), key).replace(/\.handlers(\[\d+\])$/, '.handlers$1'),
          `no handler named '${dep}'`,
          {
            hint: didYouMean(dep, names),
          },
        );
      }
      visit(dep, [...chain, name]);
    }
    state.set(name, 'done');
    order.push(name);
  };
  for (const n of names) visit(n, []);
  return order;
}
