import { AsyncLocalStorage } from 'node:async_hooks';
import { ContextVarLookupError, TokenError } from './errors.js';

/**
 * The one `AsyncLocalStorage` behind every `ContextVar` (shared by all copies of this
 * package through a global symbol), holding the current {@link Context}.
 */
const STORAGE_KEY = Symbol.for('logweave.contextStorage');
type Global = Record<symbol, AsyncLocalStorage<Context> | undefined>;
const storage: AsyncLocalStorage<Context> = ((globalThis as unknown as Global)[STORAGE_KEY] ??=
  new AsyncLocalStorage<Context>());

const MISSING: unique symbol = Symbol('Token.MISSING');
type Missing = typeof MISSING;

/**
 * Python's `contextvars.Context`: a mapping from context variables to values. The current
 * context follows the async call chain (promises, timers, I/O callbacks started from it).
 * Writes are copy-on-write: `ContextVar.set()` enters a new context for the current
 * execution and what it starts afterwards, so concurrent requests never share a value.
 */
export class Context {
  /** @internal The values (never mutated once shared: replaced on write). */
  _vars: ReadonlyMap<ContextVar<unknown>, unknown>;

  /** @param vars initial values (a new context is empty, as `contextvars.Context()`). */
  constructor(vars: ReadonlyMap<ContextVar<unknown>, unknown> = new Map()) {
    this._vars = vars;
  }

  /**
   * Runs `fn(...args)` with this context as the current one and returns its result (Python's
   * `Context.run`). Values set by the synchronous part of `fn` are kept in this context
   * afterwards, as in Python; what `fn` starts asynchronously keeps its own copy.
   */
  run<A extends unknown[], R>(fn: (...args: A) => R, ...args: A): R {
    return storage.run(this, () => {
      try {
        return fn(...args);
      } finally {
        const end = storage.getStore();
        if (end !== undefined && end !== this) this._vars = end._vars;
      }
    });
  }

  /** A new context with the same values (Python's `Context.copy`). */
  copy(): Context {
    return new Context(this._vars);
  }

  /** The variable's value in this context, else `default_` (Python's `Context.get`). */
  get<T>(variable: ContextVar<T>, default_?: T): T | undefined {
    return this._vars.has(variable as ContextVar<unknown>)
      ? (this._vars.get(variable as ContextVar<unknown>) as T)
      : default_;
  }

  /** Whether the variable has a value in this context (Python's `var in ctx`). */
  has(variable: ContextVar<unknown>): boolean {
    return this._vars.has(variable);
  }

  /** How many variables have a value here (Python's `len(ctx)`). */
  get size(): number {
    return this._vars.size;
  }

  /** The variables that have a value here. */
  keys(): IterableIterator<ContextVar<unknown>> {
    return this._vars.keys();
  }

  /** The values. */
  values(): IterableIterator<unknown> {
    return this._vars.values();
  }

  /** `[variable, value]` pairs (Python's `ctx.items()`). */
  items(): IterableIterator<[ContextVar<unknown>, unknown]> {
    return this._vars.entries();
  }

  [Symbol.iterator](): IterableIterator<ContextVar<unknown>> {
    return this._vars.keys();
  }
}

const EMPTY = new Context();
const NO_VARS: ReadonlyMap<ContextVar<unknown>, unknown> = new Map();

/** @internal The variables of the current context (one storage read; for filters). */
export function currentVars(): ReadonlyMap<ContextVar<unknown>, unknown> {
  return storage.getStore()?._vars ?? NO_VARS;
}

/** The current context (an empty one outside any). */
function current(): Context {
  return storage.getStore() ?? EMPTY;
}

/**
 * A copy of the current context (Python's `contextvars.copy_context()`): run code in it later
 * with `ctx.run(fn)` to give that code the values current now.
 */
export function copyContext(): Context {
  return current().copy();
}

/** Options of a {@link ContextVar}. */
export interface ContextVarOptions<T> {
  /** The value `get()` returns when the variable has none in the current context. */
  default?: T;
}

/**
 * Python's `contextvars.ContextVar`, over `AsyncLocalStorage`: a value per async call chain.
 *
 * ```ts
 * const requestId = new ContextVar<string>('requestId', { default: '-' });
 * requestId.run('r-1', async () => { await work(); log.info('done'); }); // scoped (Node style)
 * const token = requestId.set('r-2');   // Python style: until reset(token)
 * requestId.reset(token);
 * ```
 *
 * `set()` applies to the current execution and everything it starts afterwards — including
 * the caller of an async function when done before that function's first `await` — but never
 * to concurrent chains started earlier (Python's per-task copies).
 */
export class ContextVar<T> {
  /** The variable's name (used as the record attribute by `ContextFilter` by default). */
  readonly name: string;
  /** @internal Whether the variable has a default. */
  readonly _hasDefault: boolean;
  /** @internal The default (undefined when none). */
  readonly _default: T | undefined;

  /**
   * @param name the variable's name
   * @param options `default`: what `get()` returns when the variable has no value
   */
  constructor(name: string, options: ContextVarOptions<T> = {}) {
    this.name = name;
    this._hasDefault = 'default' in options;
    this._default = options.default;
  }

  /**
   * The value in the current context; else `default_` when given, else the variable's
   * default; else throws Python's `LookupError`.
   */
  get(...fallback: [default_?: T]): T {
    const ctx = storage.getStore();
    if (ctx !== undefined) {
      const vars = ctx._vars as ReadonlyMap<unknown, unknown>;
      const v = vars.get(this);
      if (v !== undefined || vars.has(this)) return v as T;
    }
    if (fallback.length > 0) return fallback[0] as T;
    if (this._hasDefault) return this._default as T;
    throw new ContextVarLookupError(`<ContextVar name='${this.name}'>`);
  }

  /** The value in the current context, or `undefined` (never throws; used by filters). */
  peek(): T | undefined {
    const ctx = storage.getStore();
    if (ctx !== undefined) {
      const vars = ctx._vars as ReadonlyMap<unknown, unknown>;
      if (vars.has(this)) return vars.get(this) as T;
    }
    return this._default;
  }

  /** Whether `peek()` would find a value (set in the context, or a default). */
  isSet(): boolean {
    return this._hasDefault || (storage.getStore()?._vars.has(this) ?? false);
  }

  /**
   * Sets the value for the current execution and what it starts from now on; returns the
   * `Token` that `reset()` takes to restore the previous value.
   */
  set(value: T): Token<T> {
    const ctx = current();
    const vars = ctx._vars as ReadonlyMap<unknown, unknown>;
    const old = vars.has(this) ? (vars.get(this) as T) : MISSING;
    const next = new Map(ctx._vars);
    next.set(this as ContextVar<unknown>, value);
    storage.enterWith(new Context(next));
    return new Token(this, old);
  }

  /**
   * Restores the value the variable had before the `set()` that returned `token` (Python's
   * `ContextVar.reset`). A token of another variable, or one already used, throws.
   */
  reset(token: Token<T>): void {
    if (token.var !== this) {
      throw new TokenError(`<Token> was created by a different ContextVar`);
    }
    if (token._used) throw new TokenError('<Token> has already been used once');
    token._used = true;
    const next = new Map(current()._vars);
    if (token.old_value === MISSING) next.delete(this as ContextVar<unknown>);
    else next.set(this as ContextVar<unknown>, token.old_value);
    storage.enterWith(new Context(next));
  }

  /**
   * Runs `fn(...args)` with the variable set to `value` in a new context that ends when `fn`
   * returns (and follows whatever `fn` starts asynchronously). The Node idiom for a
   * per-request value: nothing to reset, nothing leaks to the caller.
   */
  run<A extends unknown[], R>(value: T, fn: (...args: A) => R, ...args: A): R {
    const next = new Map(current()._vars);
    next.set(this as ContextVar<unknown>, value);
    return storage.run(new Context(next), fn, ...args);
  }

  /** Python's repr: `<ContextVar name='x'>`. */
  toString(): string {
    return `<ContextVar name='${this.name}'>`;
  }
}

/** What `ContextVar.set()` returns: the means to undo it (Python's `contextvars.Token`). */
export class Token<T> {
  /** Marks "the variable had no value" in `old_value`. */
  static readonly MISSING: Missing = MISSING;
  /** The variable that was set. */
  readonly var: ContextVar<T>;
  /** Its value before the set, or `Token.MISSING`. */
  readonly old_value: T | Missing;
  /** @internal */
  _used = false;

  /** @internal Made by `ContextVar.set()`. */
  constructor(variable: ContextVar<T>, oldValue: T | Missing) {
    this.var = variable;
    this.old_value = oldValue;
  }
}

/**
 * Runs `fn` with several variables set at once (one new context), as nested `run()` calls
 * would, in one step.
 */
export function runWith<R>(values: ReadonlyMap<ContextVar<unknown>, unknown>, fn: () => R): R {
  const next = new Map(current()._vars);
  for (const [k, v] of values) next.set(k, v);
  return storage.run(new Context(next), fn);
}
