import { type Handler, settings } from '@logweave/core';
import { isPlainObject } from './converter.js';
import { type BuildExtras, DictBuilder, type Plan } from './dict-configurator.js';
import { expandEnv } from './env-expand.js';
import { ConfigError, messageOf } from './errors.js';
import { type ResolveOptions, Resolver } from './resolver.js';
import { configState } from './state.js';
import { swap } from './swap.js';

/** Options of {@link dictConfig}. */
export interface DictConfigOptions extends ResolveOptions {
  /**
   * Expand `${VAR}` / `${VAR:-default}` in string values: `true` reads `process.env`, an
   * object is used as the environment.
   * @default false
   */
  expandEnv?: boolean | Readonly<Record<string, string | undefined>>;
}

/** Every class, factory and `ext://` name a configuration mentions (to import them first). */
export function collectRefs(value: unknown, out: Set<string> = new Set(), key = ''): Set<string> {
  if (typeof value === 'string') {
    if (value.startsWith('ext://')) out.add(value.slice(6));
    else if (key === 'class' || key === '()' || key === 'listener') out.add(value);
  } else if (Array.isArray(value)) {
    for (const v of value) collectRefs(v, out);
  } else if (isPlainObject(value)) {
    for (const [k, v] of Object.entries(value)) collectRefs(v, out, k);
  }
  return out;
}

function prepare(config: unknown, options: DictConfigOptions): Record<string, unknown> {
  if (!isPlainObject(config)) {
    throw new ConfigError(
      '',
      `a configuration must be a mapping, not ${Array.isArray(config) ? 'a list' : config === null ? 'null' : typeof config}`,
    );
  }
  if (options.expandEnv) {
    const env = options.expandEnv === true ? process.env : options.expandEnv;
    return expandEnv(config, env) as Record<string, unknown>;
  }
  return config;
}

/** @internal Builds aside, restoring every touched setting on failure; then swaps. */
export function buildAndSwap(
  config: Record<string, unknown>,
  resolver: Resolver,
  extras: BuildExtras = {},
): Promise<void> {
  const saved = { ...settings };
  const builder = new DictBuilder(config, resolver, configState().handlers, extras);
  let plan: Plan;
  try {
    plan = builder.build();
  } catch (e) {
    Object.assign(settings, saved);
    for (const b of builder.built.values()) if (!b.reused) discard(b.handler);
    if (e instanceof ConfigError) throw e;
    throw new ConfigError('', messageOf(e), { cause: e });
  }
  return swap(plan);
}

function discard(h: Handler): void {
  try {
    h.close();
  } catch {
    // it never opened anything
  }
}

/**
 * Python's `logging.config.dictConfig`, all or nothing: the whole new topology is built
 * aside (modules imported, classes resolved, references and cycles checked, files checked
 * but not created), and only then swapped in at once. On any error a {@link ConfigError}
 * naming the path (`handlers.file.filename`) is thrown and nothing has changed: no handler
 * closed, no file created, no logger touched. After the swap, handlers no longer used are
 * closed; handlers whose configuration did not change since the last call are carried over
 * (same object, same file descriptor).
 *
 * The returned promise settles once the swap is done and queue listeners of closed
 * handlers have drained. Use {@link dictConfigSync} when every class is in core or in
 * `options.modules`.
 */
export async function dictConfig(config: unknown, options: DictConfigOptions = {}): Promise<void> {
  const c = prepare(config, options);
  const resolver = new Resolver(options);
  await resolver.preload(collectRefs(c));
  await buildAndSwap(c, resolver);
}

/**
 * {@link dictConfig} without imports: classes must come from core or `options.modules`
 * (a class of `@logweave/handlers-file`/`-net` or a module specifier not given there is a
 * ConfigError). Listeners of closed queue handlers drain in the background.
 */
export function dictConfigSync(config: unknown, options: DictConfigOptions = {}): void {
  const c = prepare(config, options);
  void buildAndSwap(c, new Resolver(options));
}
