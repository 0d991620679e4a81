import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { dirname, resolve as resolvePath } from 'node:path';
import {
  checkLevel,
  type FilterLike,
  Filter,
  Formatter,
  getHandlerByName,
  type Handler,
  MemoryHandler,
  Queue,
  QueueHandler,
  QueueListener,
} from '@logweave/core';
import { knownClassOf, isSubclass } from './class-registry.js';
import {
  Converter,
  instantiate,
  isClass,
  isPlainObject,
  setProperties,
  validIdent,
} from './converter.js';
import { ConfigError, didYouMean, joinPath, messageOf } from './errors.js';
import type { Resolver } from './resolver.js';
import { type AppliedHandler, fingerprintOf } from './state.js';

/** A handler of the new topology. */
export interface BuiltHandler {
  readonly name: string;
  readonly handler: Handler;
  /** True when the live handler of the same name and configuration is carried over. */
  readonly reused: boolean;
  readonly fingerprint: string;
  /** Whether the file must be opened after the swap (its config did not ask for `delay`). */
  readonly eagerOpen: boolean;
  /** A listener to start after the swap (QueueHandler with `handlers`). */
  readonly listener: QueueListener<unknown> | null;
}

/** What one logger becomes. Absent fields are left as they are. */
export interface LoggerPlan {
  readonly name: string;
  readonly level?: number;
  readonly propagate?: boolean;
  readonly handlers?: readonly Handler[];
  readonly filters?: readonly FilterLike[];
}

/** The whole new topology, built aside. */
export interface Plan {
  readonly incremental: boolean;
  readonly disableExisting: boolean;
  readonly handlers: readonly BuiltHandler[];
  readonly loggers: readonly LoggerPlan[];
  readonly root: LoggerPlan | null;
  readonly handlerLevels: readonly (readonly [Handler, number])[];
}

export const TOP_KEYS = [
  'version',
  'formatters',
  'filters',
  'handlers',
  'loggers',
  'root',
  'incremental',
  'disable_existing_loggers',
];
export const FORMATTER_KEYS = ['format', 'datefmt', 'style', 'validate', 'defaults', 'class'];
export const LOGGER_KEYS = ['level', 'propagate', 'filters', 'handlers'];
const HANDLER_OWN = ['class', '()', 'level', 'formatter', 'filters', '.'];

/** Extra inputs when the dictionary came from an INI file. */
export interface BuildExtras {
  /** Positional arguments of handlers (`args=` of `fileConfig`). */
  readonly positional?: ReadonlyMap<string, readonly unknown[]>;
}

function section(config: Record<string, unknown>, key: string): Record<string, unknown> {
  const v = config[key];
  if (v === undefined || v === null) return {};
  if (!isPlainObject(v))
    throw new ConfigError(key, `must be a mapping, not ${Array.isArray(v) ? 'a list' : typeof v}`);
  return v;
}

function level(v: unknown, path: string): number {
  try {
    return checkLevel(v);
  } catch (e) {
    throw new ConfigError(path, messageOf(e), { cause: e });
  }
}

function nameList(v: unknown, path: string): unknown[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new ConfigError(path, `must be a list of names, not ${typeof v}`);
  return v;
}

/**
 * Builds the topology a dictConfig dictionary describes, touching no live state: classes
 * resolved, references checked, handlers created with their files unopened. The live
 * state changes only in `swap()`.
 */
export class DictBuilder {
  readonly conv: Converter;
  readonly formatters = new Map<string, Formatter>();
  readonly filters = new Map<string, FilterLike>();
  readonly built = new Map<string, BuiltHandler>();
  readonly #fingerprints = new Map<string, string>();

  constructor(
    readonly config: Record<string, unknown>,
    readonly resolver: Resolver,
    readonly previous: ReadonlyMap<string, AppliedHandler>,
    readonly extras: BuildExtras = {},
  ) {
    this.conv = new Converter(config, resolver);
  }

  build(): Plan {
    const config = this.config;
    if (!('version' in config))
      throw new ConfigError('version', "missing: Python's dictConfig requires 'version': 1");
    if (config.version !== 1)
      throw new ConfigError('version', `Unsupported version: ${JSON.stringify(config.version)}`);
    for (const k of ['formatters', 'filters', 'handlers', 'loggers']) section(config, k);
    const incremental = Boolean(config.incremental ?? false);
    if (incremental) return this.#incremental();
    const dis = config.disable_existing_loggers ?? true;
    const formatters = section(config, 'formatters');
    for (const [name, spec] of Object.entries(formatters)) {
      this.formatters.set(name, this.#formatter(spec, joinPath('formatters', name)));
    }
    for (const [name, spec] of Object.entries(section(config, 'filters'))) {
      this.filters.set(name, this.#filter(spec, joinPath('filters', name)));
    }
    const handlers = section(config, 'handlers');
    for (const name of this.#order(handlers))
      this.#handler(name, handlers[name], joinPath('handlers', name));
    const loggers: LoggerPlan[] = [];
    for (const [name, spec] of Object.entries(section(config, 'loggers'))) {
      loggers.push(this.#logger(name, spec, joinPath('loggers', name), false));
    }
    const rootSpec = config.root;
    let root: LoggerPlan | null = null;
    if (rootSpec !== undefined && rootSpec !== null) {
      if (!isPlainObject(rootSpec)) throw new ConfigError('root', 'must be a mapping');
      // As CPython (`if root:`), an empty root section leaves the root logger alone.
      if (Object.keys(rootSpec).length > 0) root = this.#logger('', rootSpec, 'root', false);
    }
    return {
      incremental: false,
      disableExisting: Boolean(dis),
      handlers: [...this.built.values()],
      loggers,
      root,
      handlerLevels: [],
    };
  }

  #incremental(): Plan {
    const handlerLevels: [Handler, number][] = [];
    for (const [name, spec] of Object.entries(section(this.config, 'handlers'))) {
      const path = joinPath('handlers', name);
      const h = getHandlerByName(name);
      if (h === null) throw new ConfigError(path, `No handler found with name '${name}'`);
      if (!isPlainObject(spec)) throw new ConfigError(path, 'must be a mapping');
      if (spec.level) handlerLevels.push([h, level(spec.level, joinPath(path, 'level'))]);
    }
    const loggers: LoggerPlan[] = [];
    for (const [name, spec] of Object.entries(section(this.config, 'loggers'))) {
      loggers.push(this.#logger(name, spec, joinPath('loggers', name), true));
    }
    const rootSpec = this.config.root;
    let root: LoggerPlan | null = null;
    if (isPlainObject(rootSpec) && Object.keys(rootSpec).length > 0)
      root = this.#logger('', rootSpec, 'root', true);
    return {
      incremental: true,
      disableExisting: false,
      handlers: [],
      loggers,
      root,
      handlerLevels,
    };
  }

  #formatter(spec: unknown, path: string): Formatter {
    if (!isPlainObject(spec)) throw new ConfigError(path, 'must be a mapping');
    if ('()' in spec) {
      return this.conv.custom(spec, path, (kw) => {
        // CPython retries a factory that rejects `format` with `fmt` instead.
        const factory = spec['()'];
        const resolved =
          typeof factory === 'string' ? this.resolver.resolve(factory, path) : factory;
        const sig = knownClassOf(resolved);
        if ('format' in kw && sig?.params.includes('fmt')) {
          kw.fmt = kw.format;
          delete kw.format;
        }
      }) as Formatter;
    }
    for (const k of Object.keys(spec)) {
      if (!FORMATTER_KEYS.includes(k)) {
        throw new ConfigError(joinPath(path, k), 'unknown formatter key', {
          hint: didYouMean(k, FORMATTER_KEYS),
        });
      }
    }
    const cls = spec.class
      ? this.resolver.resolve(String(spec.class), joinPath(path, 'class'))
      : Formatter;
    if (typeof cls !== 'function') throw new ConfigError(joinPath(path, 'class'), 'is not a class');
    const args: unknown[] = [spec.format ?? null, spec.datefmt ?? null, spec.style ?? '%'];
    if ('validate' in spec) args.push(spec.validate);
    if (spec.defaults !== undefined) {
      while (args.length < 4) args.push(true);
      args.push({ defaults: this.conv.convert(spec.defaults, joinPath(path, 'defaults')) });
    }
    try {
      return new (cls as new (...a: unknown[]) => Formatter)(...args);
    } catch (e) {
      const m = messageOf(e);
      const key = /style/i.test(m) ? 'style' : /format|field/i.test(m) ? 'format' : '';
      throw new ConfigError(key ? joinPath(path, key) : path, m, { cause: e });
    }
  }

  #filter(spec: unknown, path: string): FilterLike {
    if (!isPlainObject(spec)) throw new ConfigError(path, 'must be a mapping');
    if ('()' in spec) {
      const f = this.conv.custom(spec, path);
      if (
        typeof f !== 'function' &&
        (f === null ||
          typeof f !== 'object' ||
          typeof (f as { filter?: unknown }).filter !== 'function')
      ) {
        throw new ConfigError(
          joinPath(path, '()'),
          'the factory returned neither a filter function nor an object with filter()',
        );
      }
      return f as FilterLike;
    }
    for (const k of Object.keys(spec)) {
      if (k !== 'name')
        throw new ConfigError(joinPath(path, k), 'unknown filter key', {
          hint: didYouMean(k, ['name', '()']),
        });
    }
    return new Filter(String(spec.name ?? ''));
  }

  /** Handler names in build order: dependencies (MemoryHandler `target`, QueueHandler `handlers`) first. */
  #order(handlers: Record<string, unknown>): string[] {
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
            joinPath(joinPath('handlers', name), key).replace(
              /\.handlers(\[\d+\])$/,
              '.handlers$1',
            ),
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

  #fingerprint(name: string, spec: Record<string, unknown>): string {
    const fmts = section(this.config, 'formatters');
    const fils = section(this.config, 'filters');
    const refs: Record<string, unknown> = {};
    if (typeof spec.target === 'string') refs.target = this.#fingerprints.get(spec.target) ?? null;
    if (Array.isArray(spec.handlers))
      refs.handlers = spec.handlers.map((h) => this.#fingerprints.get(String(h)) ?? null);
    return fingerprintOf({
      spec,
      args: this.extras.positional?.get(name) ?? null,
      formatter: typeof spec.formatter === 'string' ? (fmts[spec.formatter] ?? null) : null,
      filters: Array.isArray(spec.filters)
        ? spec.filters.map((f) => (typeof f === 'string' ? (fils[f] ?? null) : f))
        : null,
      refs,
    });
  }

  #handler(name: string, spec0: unknown, path: string): void {
    if (!isPlainObject(spec0)) throw new ConfigError(path, 'must be a mapping');
    const spec = spec0;
    const fingerprint = this.#fingerprint(name, spec);
    this.#fingerprints.set(name, fingerprint);
    const prev = this.previous.get(name);
    if (
      prev &&
      prev.fingerprint === fingerprint &&
      !(prev.handler as unknown as { _closed?: boolean })._closed
    ) {
      this.built.set(name, {
        name,
        handler: prev.handler,
        reused: true,
        fingerprint,
        eagerOpen: false,
        listener: null,
      });
      return;
    }
    let factory: unknown;
    if ('()' in spec) {
      factory =
        typeof spec['()'] === 'string'
          ? this.resolver.resolve(spec['()'], joinPath(path, '()'))
          : spec['()'];
    } else if ('class' in spec) {
      factory = this.resolver.resolve(String(spec.class), joinPath(path, 'class'));
    } else {
      const keys = Object.keys(spec);
      const near = keys.map((k) => didYouMean(k, ['class'])).find((h) => h !== null);
      throw new ConfigError(path, "needs 'class' (or a '()' factory)", { hint: near ?? null });
    }
    if (typeof factory !== 'function')
      throw new ConfigError(
        joinPath(path, 'class' in spec ? 'class' : '()'),
        'is not a class or function',
      );
    const known = knownClassOf(factory);
    const isQueue = isSubclass(factory, QueueHandler);
    const kwargs: Record<string, unknown> = {};
    let listenerSpec: { cls: unknown; handlers: Handler[]; rhl: boolean } | null = null;
    for (const [k, v] of Object.entries(spec)) {
      if (HANDLER_OWN.includes(k)) continue;
      const kp = joinPath(path, k);
      if (!validIdent(k)) throw new ConfigError(kp, 'not a valid keyword argument name');
      if (
        k === 'target' &&
        isSubclass(factory, MemoryHandler) &&
        typeof v === 'string' &&
        !v.includes('://')
      ) {
        kwargs.target = this.built.get(v)!.handler;
      } else if (
        isQueue &&
        (k === 'handlers' || k === 'listener' || k === 'respect_handler_level')
      ) {
        listenerSpec ??= { cls: QueueListener, handlers: [], rhl: false };
        if (k === 'handlers')
          listenerSpec.handlers = nameList(v, kp).map((n) => this.built.get(String(n))!.handler);
        else if (k === 'listener') {
          listenerSpec.cls =
            typeof v === 'string' ? this.resolver.resolve(v.replace(/^ext:\/\//, ''), kp) : v;
          if (
            !isSubclass(listenerSpec.cls, QueueListener) &&
            typeof listenerSpec.cls !== 'function'
          )
            throw new ConfigError(kp, 'is not a listener class');
        } else listenerSpec.rhl = Boolean(v);
      } else if (isQueue && k === 'queue') {
        kwargs.queue = isPlainObject(v) && !('()' in v) ? v : this.conv.convert(v, kp);
      } else {
        kwargs[k] = this.conv.convert(v, kp);
      }
    }
    if (isQueue && !('queue' in kwargs) && !this.extras.positional?.get(name)?.length)
      kwargs.queue = new Queue();
    let eagerOpen = false;
    if (known?.opensFile) {
      const positional = this.extras.positional?.get(name) ?? [];
      const di = known.params.indexOf('delay');
      const fileName = positional[0] ?? kwargs.filename;
      if (typeof fileName === 'string' || fileName instanceof URL)
        this.#checkFile(
          fileName,
          String(positional[1] ?? kwargs.mode ?? 'a'),
          joinPath(path, 'filename'),
        );
      const delayGiven = di < positional.length ? positional[di] : kwargs.delay;
      if (!delayGiven) {
        eagerOpen = true;
        if (di < positional.length) {
          const p = [...positional];
          p[di] = true;
          this.#positionalOverride.set(name, p);
        } else kwargs.delay = true;
      }
    }
    const positional =
      this.#positionalOverride.get(name) ?? this.extras.positional?.get(name) ?? [];
    const handler = instantiate(factory, positional, kwargs, path) as Handler;
    if (
      handler === null ||
      typeof handler !== 'object' ||
      typeof (handler as { handle?: unknown }).handle !== 'function'
    ) {
      throw new ConfigError(path, 'the factory did not return a handler');
    }
    if (spec.formatter !== undefined && spec.formatter !== null && spec.formatter !== '') {
      const fp = joinPath(path, 'formatter');
      const f = this.formatters.get(String(spec.formatter));
      if (!f)
        throw new ConfigError(fp, `no formatter named '${String(spec.formatter)}'`, {
          hint: didYouMean(String(spec.formatter), this.formatters.keys()),
        });
      handler.setFormatter(f);
    }
    if (spec.level !== undefined && spec.level !== null)
      handler.setLevel(level(spec.level, joinPath(path, 'level')));
    for (const f of this.#filterList(spec.filters, joinPath(path, 'filters'))) handler.addFilter(f);
    setProperties(handler, spec['.'], joinPath(path, '.'), this.conv);
    let listener: QueueListener<unknown> | null = null;
    if (listenerSpec && isQueue) {
      const qh = handler as unknown as QueueHandler<unknown>;
      try {
        const L = listenerSpec.cls as new (...a: unknown[]) => QueueListener<unknown>;
        listener = new L(qh.queue, ...listenerSpec.handlers, {
          respect_handler_level: listenerSpec.rhl,
        });
      } catch (e) {
        throw new ConfigError(joinPath(path, 'listener'), messageOf(e), { cause: e });
      }
      qh.listener = listener as QueueListener;
    }
    this.built.set(name, { name, handler, reused: false, fingerprint, eagerOpen, listener });
  }

  readonly #positionalOverride = new Map<string, unknown[]>();

  /** Fails now for a file that could not be opened later, without creating it. */
  #checkFile(filename: string | URL, mode: string, path: string): void {
    const file = resolvePath(typeof filename === 'string' ? filename : filename.pathname);
    try {
      if (existsSync(file)) {
        if (statSync(file).isDirectory()) throw new Error(`[Errno 21] Is a directory: '${file}'`);
        if (mode.includes('x')) throw new Error(`[Errno 17] File exists: '${file}'`);
        accessSync(file, constants.W_OK);
      } else {
        const dir = dirname(file);
        if (!existsSync(dir)) throw new Error(`[Errno 2] No such file or directory: '${file}'`);
        accessSync(dir, constants.W_OK);
      }
    } catch (e) {
      throw new ConfigError(path, messageOf(e), { cause: e });
    }
  }

  #filterList(v: unknown, path: string): FilterLike[] {
    return nameList(v, path).map((f, i) => {
      if (typeof f === 'string') {
        const got = this.filters.get(f);
        if (got === undefined)
          throw new ConfigError(joinPath(path, i), `no filter named '${f}'`, {
            hint: didYouMean(f, this.filters.keys()),
          });
        return got;
      }
      if (
        typeof f === 'function' ||
        (f !== null &&
          typeof f === 'object' &&
          typeof (f as { filter?: unknown }).filter === 'function')
      )
        return f as FilterLike;
      throw new ConfigError(joinPath(path, i), 'must be a filter name, a filter or a function');
    });
  }

  #logger(name: string, spec: unknown, path: string, incremental: boolean): LoggerPlan {
    if (spec === null || spec === undefined) spec = {};
    if (!isPlainObject(spec)) throw new ConfigError(path, 'must be a mapping');
    for (const k of Object.keys(spec)) {
      if (!LOGGER_KEYS.includes(k))
        throw new ConfigError(joinPath(path, k), 'unknown logger key', {
          hint: didYouMean(k, LOGGER_KEYS),
        });
    }
    const plan: { -readonly [K in keyof LoggerPlan]: LoggerPlan[K] } = { name };
    if (spec.level !== undefined && spec.level !== null)
      plan.level = level(spec.level, joinPath(path, 'level'));
    if (spec.propagate !== undefined && spec.propagate !== null && path !== 'root') {
      if (typeof spec.propagate !== 'boolean' && spec.propagate !== 0 && spec.propagate !== 1) {
        throw new ConfigError(
          joinPath(path, 'propagate'),
          `must be true or false, not ${JSON.stringify(spec.propagate)}`,
        );
      }
      plan.propagate = Boolean(spec.propagate);
    }
    if (!incremental) {
      plan.handlers = nameList(spec.handlers, joinPath(path, 'handlers')).map((h, i) => {
        const b = typeof h === 'string' ? this.built.get(h) : undefined;
        if (!b)
          throw new ConfigError(
            joinPath(joinPath(path, 'handlers'), i),
            `no handler named '${String(h)}'`,
            { hint: didYouMean(String(h), this.built.keys()) },
          );
        return b.handler;
      });
      plan.filters = this.#filterList(spec.filters, joinPath(path, 'filters'));
    }
    return plan;
  }
}

export { isClass };
