import { ContextConfigError } from '../errors.js';

/** One step of a redaction path. */
export type PathSegment =
  | { readonly kind: 'key'; readonly key: string }
  | { readonly kind: 'any' }
  | { readonly kind: 'deep' };

/**
 * Parses a redaction path: keys separated by `.`, `[0]` array indices, `["a.b"]` / `['x-y']`
 * quoted keys, `*` / `[*]` for any one key, `**` for any number of keys (zero included):
 * `password`, `user.password`, `*.token`, `**.password`, `items[0].secret`, `items[*].secret`,
 * `headers["x-api-key"]`. Throws a `ContextConfigError` naming the path when it is malformed.
 */
export function parseRedactPath(path: string): PathSegment[] {
  if (typeof path !== 'string' || path === '') {
    throw new ContextConfigError(`RedactingFilter: bad path ${JSON.stringify(path)}: empty`);
  }
  const fail = (why: string): never => {
    throw new ContextConfigError(`RedactingFilter: bad path ${JSON.stringify(path)}: ${why}`);
  };
  const out: PathSegment[] = [];
  let i = 0;
  const n = path.length;
  let expectKey = true;
  while (i < n) {
    const c = path[i]!;
    if (c === '[') {
      const close = findClose(path, i, fail);
      const inner = path.slice(i + 1, close).trim();
      if (inner === '*') out.push({ kind: 'any' });
      else if (/^\d+$/.test(inner)) out.push({ kind: 'key', key: String(Number(inner)) });
      else if (/^(["']).*\1$/s.test(inner) && inner.length >= 2) {
        out.push({ kind: 'key', key: unquote(inner, fail) });
      } else fail(`expected an index, * or a quoted key inside [], got '${inner}'`);
      i = close + 1;
      expectKey = false;
      continue;
    }
    if (c === '.') {
      if (expectKey) fail(`empty key at position ${i}`);
      expectKey = true;
      i++;
      continue;
    }
    if (!expectKey) fail(`expected '.' or '[' at position ${i}`);
    let j = i;
    while (j < n && path[j] !== '.' && path[j] !== '[') j++;
    const key = path.slice(i, j);
    if (key === '**') out.push({ kind: 'deep' });
    else if (key === '*') out.push({ kind: 'any' });
    else if (key.includes('*')) {
      fail(`'*' must be a whole key (use a RegExp in patterns for partial names)`);
    } else out.push({ kind: 'key', key });
    i = j;
    expectKey = false;
  }
  if (expectKey) fail('ends with a dot');
  if (out[out.length - 1]!.kind === 'deep') fail("'**' cannot be the last segment");
  return out;
}

function findClose(path: string, open: number, fail: (w: string) => never): number {
  const q = path[open + 1];
  if (q === '"' || q === "'") {
    let k = open + 2;
    while (k < path.length && path[k] !== q) k += path[k] === '\\' ? 2 : 1;
    if (path[k + 1] !== ']') fail(`unclosed quoted key at position ${open}`);
    return k + 1;
  }
  const close = path.indexOf(']', open);
  if (close < 0) fail(`unclosed '[' at position ${open}`);
  return close;
}

function unquote(s: string, fail: (w: string) => never): string {
  const body = s.slice(1, -1);
  if (s[0] === '"') {
    try {
      return JSON.parse(s) as string;
    } catch {
      fail(`bad quoted key ${s}`);
    }
  }
  return body.replace(/\\(.)/g, '$1');
}

/**
 * A node of the matcher: the set of path positions reached so far, built lazily into a
 * deterministic automaton (each distinct set is built once, each transition memoised).
 * @internal
 */
export class MatchState {
  /** Some path ends here: the value at this position is censored. */
  readonly accept: boolean;
  /** True when keys other than `keys` can lead somewhere (`*` or `**` pending). */
  readonly scanAll: boolean;
  /** Keys named by a pending `key` segment. */
  readonly keys: readonly string[];
  /** True when no path can match below this position. */
  readonly dead: boolean;
  /** @internal */
  readonly positions: readonly number[];
  readonly #machine: PathMatcher;
  readonly #next = new Map<string, MatchState>();
  #other: MatchState | undefined;

  constructor(machine: PathMatcher, positions: readonly number[]) {
    this.#machine = machine;
    this.positions = positions;
    let accept = false;
    let scanAll = false;
    const keys = new Set<string>();
    for (const pos of positions) {
      const seg = machine.segmentAt(pos);
      if (seg === null) accept = true;
      else if (seg.kind === 'key') keys.add(seg.key);
      else scanAll = true;
    }
    this.accept = accept;
    this.scanAll = scanAll;
    this.keys = [...keys];
    this.dead = !scanAll && keys.size === 0;
  }

  /** The state after descending into `key`. */
  next(key: string): MatchState {
    const known = this.#next.get(key);
    if (known !== undefined) return known;
    if (!this.keys.includes(key)) {
      this.#other ??= this.#machine.step(this.positions, null);
      return this.#other;
    }
    const s = this.#machine.step(this.positions, key);
    this.#next.set(key, s);
    return s;
  }
}

/** @internal Compiles paths into the lazily built automaton of {@link MatchState}s. */
export class PathMatcher {
  readonly #paths: readonly PathSegment[][];
  readonly #states = new Map<string, MatchState>();
  /** The state at the root of every value redacted. */
  readonly root: MatchState;

  constructor(paths: readonly string[]) {
    this.#paths = paths.map(parseRedactPath);
    const start: number[] = [];
    for (let p = 0; p < this.#paths.length; p++) start.push(p * 65536);
    this.root = this.#intern(this.#closure(start));
  }

  /** @internal The segment at an encoded position, or null at a path's end. */
  segmentAt(pos: number): PathSegment | null {
    const path = this.#paths[Math.floor(pos / 65536)]!;
    return path[pos % 65536] ?? null;
  }

  /** @internal The state reached from `positions` through `key` (null: a key no segment names). */
  step(positions: readonly number[], key: string | null): MatchState {
    const out: number[] = [];
    for (const pos of positions) {
      const seg = this.segmentAt(pos);
      if (seg === null) continue;
      if (seg.kind === 'deep') out.push(pos);
      else if (seg.kind === 'any' || (key !== null && seg.key === key)) out.push(pos + 1);
    }
    return this.#intern(this.#closure(out));
  }

  #closure(positions: number[]): number[] {
    const set = new Set<number>();
    const stack = [...positions];
    while (stack.length > 0) {
      const pos = stack.pop()!;
      if (set.has(pos)) continue;
      set.add(pos);
      if (this.segmentAt(pos)?.kind === 'deep') stack.push(pos + 1);
    }
    return [...set].sort((a, b) => a - b);
  }

  #intern(positions: number[]): MatchState {
    const id = positions.join(',');
    let s = this.#states.get(id);
    if (s === undefined) {
      s = new MatchState(this, positions);
      this.#states.set(id, s);
    }
    return s;
  }
}
