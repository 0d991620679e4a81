import { createRequire } from 'node:module';
import { isAbsolute, join, resolve as resolvePath } from 'node:path';
import { pathToFileURL } from 'node:url';
import { getLevelNamesMapping } from '@logweave/core';
import {
  BY_CONSTRUCTOR,
  BY_PYTHON_NAME,
  CORE_EXPORTS,
  KNOWN_CLASSES,
  type KnownClass,
} from './class-registry.js';
import { ConfigError, didYouMean, messageOf } from './errors.js';

/** Options that say where user classes and functions come from. */
export interface ResolveOptions {
  /**
   * The directory relative module specifiers (`./filters.js#onlyWarnings`) resolve against.
   * @default process.cwd() (for files: the file's directory)
   */
  baseDir?: string;
  /**
   * Modules supplied directly, by specifier: `{ './filters.js': await import('./filters.js') }`
   * or `{ app: { MyHandler } }` for `app#MyHandler`. They win over imports, and are what
   * `dictConfigSync` can use without importing.
   */
  modules?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /**
   * Values for Python dotted names, so a configuration shared with Python services runs
   * unchanged: `{ 'myapp.filters.filter_maker': filterMaker, 'sys.stdout': myStream }`.
   * They win over every other resolution.
   */
  names?: Readonly<Record<string, unknown>>;
}

/** A module specifier reference: `./filters.js#warningsAndBelow`, `my-pkg#Factory.create`. */
function isModuleRef(ref: string): boolean {
  return (
    ref.includes('#') ||
    ref.startsWith('./') ||
    ref.startsWith('../') ||
    ref.startsWith('/') ||
    ref.startsWith('file:')
  );
}

function splitRef(ref: string): [spec: string, member: string] {
  const i = ref.indexOf('#');
  return i < 0 ? [ref, 'default'] : [ref.slice(0, i), ref.slice(i + 1) || 'default'];
}

/** Python's `logging` constants usable as `ext://logging.DEBUG`. */
function levelConstant(name: string): number | undefined {
  const m = /^logging\.([A-Z]+)$/.exec(name);
  if (!m) return undefined;
  const v = getLevelNamesMapping()[m[1]!];
  return typeof v === 'number' ? v : undefined;
}

/**
 * Turns the names found in a configuration into values: Python's class names into ours
 * (importing `@logweave/handlers-file`/`-net` when they are needed), module specifiers
 * into exports, `sys.stdout`/`sys.stderr` into the process streams. Imports happen in
 * `preload` (async); `resolve` is synchronous and only reads what was loaded.
 */
export class Resolver {
  readonly #modules = new Map<string, Readonly<Record<string, unknown>>>();
  readonly #failed = new Map<string, unknown>();
  readonly baseDir: string;
  readonly #names: Readonly<Record<string, unknown>>;

  constructor(options: ResolveOptions = {}) {
    this.baseDir = options.baseDir ?? process.cwd();
    this.#names = options.names ?? {};
    this.#modules.set('@logweave/core', CORE_EXPORTS);
    for (const [k, v] of Object.entries(options.modules ?? {})) this.#modules.set(k, v);
  }

  /** The module key a reference needs, or null when it needs none. */
  moduleOf(ref: string): string | null {
    if (Object.hasOwn(this.#names, ref)) return null;
    const known = BY_PYTHON_NAME.get(ref);
    if (known) return known.pkg;
    if (isModuleRef(ref)) return splitRef(ref)[0];
    return null;
  }

  /** Imports every module the references need; failures are remembered for `resolve`. */
  async preload(refs: Iterable<string>): Promise<void> {
    const specs = new Set<string>();
    for (const r of refs) {
      const m = this.moduleOf(r);
      if (m !== null && !this.#modules.has(m) && !this.#failed.has(m)) specs.add(m);
    }
    await Promise.all(
      [...specs].map(async (spec) => {
        try {
          const ns = (await import(this.#importTarget(spec))) as Record<string, unknown>;
          this.#modules.set(spec, ns);
          for (const k of KNOWN_CLASSES) {
            if (k.pkg === spec && typeof ns[k.exportName] === 'function') {
              BY_CONSTRUCTOR.set(ns[k.exportName], k);
            }
          }
        } catch (e) {
          this.#failed.set(spec, e);
        }
      }),
    );
  }

  #importTarget(spec: string): string {
    if (spec.startsWith('file:')) return spec;
    if (spec.startsWith('.') || isAbsolute(spec)) {
      return pathToFileURL(resolvePath(this.baseDir, spec)).href;
    }
    try {
      return pathToFileURL(createRequire(join(this.baseDir, 'noop.js')).resolve(spec)).href;
    } catch {
      return spec;
    }
  }

  /** The known class behind a Python name, or null. */
  known(ref: string): KnownClass | null {
    return BY_PYTHON_NAME.get(ref) ?? null;
  }

  /**
   * The value named by `ref` (a class, a function, a stream, a constant).
   * @throws ConfigError naming `path`, with the package to install or a nearest-name hint.
   */
  resolve(ref: string, path: string): unknown {
    if (typeof ref !== 'string' || ref === '') {
      throw new ConfigError(path, `expected a class or function name, got ${JSON.stringify(ref)}`);
    }
    if (Object.hasOwn(this.#names, ref)) return this.#names[ref];
    const known = BY_PYTHON_NAME.get(ref);
    if (known) {
      const ns = this.#module(known.pkg, path, ref);
      const v = ns[known.exportName];
      if (typeof v !== 'function') {
        throw new ConfigError(
          path,
          `'${ref}' is provided by ${known.pkg}'s export ${known.exportName}, which the installed ${known.pkg} lacks: npm install ${known.pkg}@latest`,
        );
      }
      return v;
    }
    if (ref === 'sys.stdout') return process.stdout;
    if (ref === 'sys.stderr') return process.stderr;
    const level = levelConstant(ref);
    if (level !== undefined) return level;
    if (isModuleRef(ref)) {
      const [spec, member] = splitRef(ref);
      let v: unknown = this.#module(spec, path, ref);
      for (const part of member.split('.')) {
        if (
          v === null ||
          (typeof v !== 'object' && typeof v !== 'function') ||
          !(part in (v as object))
        ) {
          const keys = v !== null && typeof v === 'object' ? Object.keys(v) : [];
          throw new ConfigError(path, `'${ref}': '${spec}' has no export '${member}'`, {
            hint: didYouMean(part, keys),
          });
        }
        v = (v as Record<string, unknown>)[part];
      }
      return v;
    }
    const names = [...BY_PYTHON_NAME.keys(), 'sys.stdout', 'sys.stderr'];
    const short = ref.split('.').pop()!;
    const sameShort = names.find((n) => n.endsWith(`.${short}`));
    throw new ConfigError(
      path,
      `cannot resolve '${ref}': it is not one of logging's classes, and user code is named by a module specifier ('./module.js#Export' or 'package#Export')`,
      { hint: sameShort ? `did you mean '${sameShort}'?` : didYouMean(ref, names) },
    );
  }

  #module(spec: string, path: string, ref: string): Readonly<Record<string, unknown>> {
    const ns = this.#modules.get(spec);
    if (ns) return ns;
    const failure = this.#failed.get(spec);
    if (spec.startsWith('@logweave/')) {
      throw new ConfigError(
        path,
        `'${ref}' is provided by ${spec}, which is not installed: npm install ${spec}`,
        { cause: failure },
      );
    }
    if (failure !== undefined) {
      throw new ConfigError(path, `cannot import '${spec}' for '${ref}': ${messageOf(failure)}`, {
        cause: failure,
      });
    }
    throw new ConfigError(
      path,
      `'${spec}' is not loaded: dictConfigSync cannot import modules; use dictConfig (async) or pass it in options.modules`,
    );
  }
}
