import { checkLevel } from '@logweave/core';
import { BY_CONSTRUCTOR, type KnownClass, knownClassOf } from './class-registry.js';
import { ConfigError, didYouMean, joinPath, messageOf } from './errors.js';
import type { Resolver } from './resolver.js';

/** A plain configuration object (not an array, not a class instance). */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** Whether a function is a class (constructed with `new`). */
export function isClass(f: unknown): f is new (...args: unknown[]) => unknown {
  if (typeof f !== 'function') return false;
  if (/^class[\s{]/.test(Function.prototype.toString.call(f))) return true;
  return knownClassOf(f) !== null;
}

const WORD = /^\s*(\w+)\s*/;
const DOT = /^\.\s*(\w+)\s*/;
const INDEX = /^\[\s*(\w+)\s*\]\s*/;

/** Python's `valid_ident`: keys that can be keyword arguments. */
export function validIdent(k: string): boolean {
  return /^[A-Za-z_]\w*$/.test(k);
}

/**
 * Python's `BaseConfigurator.convert`: `ext://` and `cfg://` strings become what they name,
 * dicts with `()` become the object their factory returns, containers are converted
 * element by element. `cfg://` cycles are reported with the chain of references.
 */
export class Converter {
  readonly #visiting: string[] = [];

  constructor(
    readonly config: Record<string, unknown>,
    readonly resolver: Resolver,
  ) {}

  convert(value: unknown, path: string): unknown {
    if (typeof value === 'string') {
      if (value.startsWith('ext://')) return this.resolver.resolve(value.slice(6), path);
      if (value.startsWith('cfg://')) return this.cfg(value, path);
      return value;
    }
    if (Array.isArray(value)) return value.map((v, i) => this.convert(v, joinPath(path, i)));
    if (isPlainObject(value)) {
      if ('()' in value) return this.custom(value, path);
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[k] = this.convert(v, joinPath(path, k));
      return out;
    }
    return value;
  }

  /** `cfg://handlers.email[toaddrs][0]`, resolved against the whole configuration. */
  cfg(ref: string, path: string): unknown {
    if (this.#visiting.includes(ref)) {
      throw new ConfigError(path, `cfg:// cycle: ${[...this.#visiting, ref].join(' -> ')}`);
    }
    if (this.#visiting.length > 64) throw new ConfigError(path, 'cfg:// references nest too deep');
    let rest = ref.slice(6);
    const first = WORD.exec(rest);
    if (!first) throw new ConfigError(path, `unable to convert ${JSON.stringify(ref)}`);
    rest = rest.slice(first[0].length);
    let where = first[1]!;
    let d: unknown = this.#step(this.config, first[1]!, ref, path, where);
    while (rest !== '') {
      const m = DOT.exec(rest) ?? INDEX.exec(rest);
      if (!m)
        throw new ConfigError(
          path,
          `unable to convert ${JSON.stringify(ref)} at ${JSON.stringify(rest)}`,
        );
      rest = rest.slice(m[0].length);
      const key = m[1]!;
      if (m[0].startsWith('[') && /^\d+$/.test(key) && Array.isArray(d)) {
        d = this.#step(d, Number(key), ref, path, where);
        where = `${where}[${key}]`;
      } else {
        d = this.#step(d, key, ref, path, where);
        where = `${where}.${key}`;
      }
    }
    this.#visiting.push(ref);
    try {
      return this.convert(d, path);
    } finally {
      this.#visiting.pop();
    }
  }

  #step(d: unknown, key: string | number, ref: string, path: string, where: string): unknown {
    if (d !== null && typeof d === 'object' && Object.hasOwn(d, key)) {
      return (d as Record<string | number, unknown>)[key];
    }
    const keys = d !== null && typeof d === 'object' ? Object.keys(d) : [];
    throw new ConfigError(
      path,
      `${ref}: '${String(key)}' not found${typeof key === 'string' && where !== key ? ` in ${where}` : ''}`,
      {
        hint: typeof key === 'string' ? didYouMean(key, keys) : null,
      },
    );
  }

  /** Python's `configure_custom`: `()` factory, `.` properties, the rest as keywords. */
  custom(
    spec: Record<string, unknown>,
    path: string,
    rename?: (kw: Record<string, unknown>) => void,
  ): unknown {
    let factory = spec['()'];
    if (typeof factory === 'string') factory = this.resolver.resolve(factory, joinPath(path, '()'));
    if (typeof factory !== 'function') {
      throw new ConfigError(
        joinPath(path, '()'),
        `a factory must be a function, a class or a name, not ${typeof factory}`,
      );
    }
    const kwargs: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(spec)) {
      if (k === '()' || k === '.') continue;
      if (!validIdent(k)) {
        throw new ConfigError(joinPath(path, k), 'not a valid keyword argument name');
      }
      kwargs[k] = this.convert(v, joinPath(path, k));
    }
    rename?.(kwargs);
    const result = instantiate(factory, [], kwargs, path);
    setProperties(result, spec['.'], joinPath(path, '.'), this);
    return result;
  }
}

/** Sets the `.` properties of a configured object. */
export function setProperties(
  target: unknown,
  props: unknown,
  path: string,
  conv: Converter,
): void {
  if (props === undefined || props === null) return;
  if (!isPlainObject(props))
    throw new ConfigError(path, 'must be a mapping of property names to values');
  for (const [k, v] of Object.entries(props)) {
    try {
      (target as Record<string, unknown>)[k] = conv.convert(v, joinPath(path, k));
    } catch (e) {
      if (e instanceof ConfigError) throw e;
      throw new ConfigError(joinPath(path, k), messageOf(e), { cause: e });
    }
  }
}

interface WithPythonParameters {
  /** A class's own Python-style parameter list, for keyword mapping. */
  pythonParameters?: readonly string[];
  pythonKeywordOnly?: readonly string[];
}

function ownConstructor(f: Function): boolean {
  return /\bconstructor\s*\(/.test(Function.prototype.toString.call(f));
}

/** The parameter list used to map keywords for `factory`, or null (one keywords object). */
export function parametersOf(
  factory: unknown,
): Pick<KnownClass, 'params' | 'kwOnly' | 'levelParams'> | null {
  const own = factory as WithPythonParameters;
  if (typeof factory === 'function' && Array.isArray(own.pythonParameters)) {
    return { params: own.pythonParameters, kwOnly: own.pythonKeywordOnly ?? [] };
  }
  if (typeof factory !== 'function' || BY_CONSTRUCTOR.has(factory)) return knownClassOf(factory);
  // A subclass that declares its own constructor takes one object of keywords; one that
  // inherits its constructor takes the inherited Python signature.
  if (ownConstructor(factory)) return null;
  return knownClassOf(factory);
}

/**
 * Calls a factory as Python calls `c(*args, **kwargs)`: for logging's classes (and their
 * subclasses, or classes with a static `pythonParameters` list) keywords map onto the
 * positional parameters; any other class is constructed, and any other function called,
 * with one object of the keywords.
 */
export function instantiate(
  factory: unknown,
  args: readonly unknown[],
  kwargs: Record<string, unknown>,
  path: string,
): unknown {
  const f = factory as (...a: unknown[]) => unknown;
  const sig = parametersOf(factory);
  let argv: unknown[];
  if (sig) {
    argv = [...args];
    const kwOnly: Record<string, unknown> = {};
    let hasKwOnly = false;
    for (const [k, v0] of Object.entries(kwargs)) {
      let v = v0;
      if (sig.levelParams?.includes(k) && typeof v === 'string') {
        try {
          v = checkLevel(v);
        } catch (e) {
          throw new ConfigError(joinPath(path, k), messageOf(e), { cause: e });
        }
      }
      const i = sig.params.indexOf(k);
      if (i >= 0) {
        if (i < args.length)
          throw new ConfigError(joinPath(path, k), `got multiple values for argument '${k}'`);
        while (argv.length < i) argv.push(undefined);
        argv[i] = v;
      } else if (sig.kwOnly?.includes(k)) {
        kwOnly[k] = v;
        hasKwOnly = true;
      } else {
        const name = typeof factory === 'function' ? factory.name : 'factory';
        throw new ConfigError(
          joinPath(path, k),
          `${name}() got an unexpected keyword argument '${k}'`,
          {
            hint: didYouMean(k, [
              ...sig.params,
              ...(sig.kwOnly ?? []),
              'formatter',
              'level',
              'filters',
              'class',
            ]),
          },
        );
      }
    }
    if (args.length > sig.params.length && !hasKwOnly) {
      const name = typeof factory === 'function' ? factory.name : 'factory';
      throw new ConfigError(
        path,
        `${name}() takes at most ${sig.params.length} positional arguments (${args.length} given)`,
      );
    }
    if (hasKwOnly) {
      while (argv.length < sig.params.length) argv.push(undefined);
      argv.push(kwOnly);
    }
  } else if (isClass(factory) && Object.keys(kwargs).length === 0 && !ownConstructor(factory)) {
    // A class inheriting an unknown base's constructor (e.g. `extends Handler`): Python's `c()`.
    argv = [...args];
  } else argv = [...args, kwargs];
  try {
    return isClass(factory)
      ? new (f as unknown as new (...a: unknown[]) => unknown)(...argv)
      : f(...argv);
  } catch (e) {
    if (e instanceof ConfigError) throw e;
    const name = typeof factory === 'function' && factory.name ? factory.name : 'the factory';
    throw new ConfigError(path, `${name} failed: ${messageOf(e)}`, { cause: e });
  }
}
