/**
 * A configuration that cannot be applied. `path` names the place inside the configuration
 * (`handlers.file.filename`, `handler_h.args`), `reason` says what is wrong, and `hint`
 * suggests the nearest valid key or name when the mistake looks like a misspelling. When
 * this error is thrown, nothing of the logging state has changed.
 */
export class ConfigError extends Error {
  /** Where in the configuration the problem is (dotted, as `handlers.file.level`); '' for the whole. */
  readonly path: string;
  /** What is wrong, without the path. */
  readonly reason: string;
  /** A suggestion (`did you mean 'formatter'?`), or null. */
  readonly hint: string | null;

  constructor(
    path: string,
    reason: string,
    options: { hint?: string | null; cause?: unknown } = {},
  ) {
    const hint = options.hint ?? null;
    super(`${path === '' ? '' : `${path}: `}${reason}${hint ? ` (${hint})` : ''}`, {
      cause: options.cause,
    });
    this.name = 'ConfigError';
    this.path = path;
    this.reason = reason;
    this.hint = hint;
  }
}

/** Levenshtein distance, bounded use on short keys. */
function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      const cost = a[i - 1]!.toLowerCase() === b[j - 1]!.toLowerCase() ? 0 : 1;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + cost);
      diag = tmp;
    }
  }
  return prev[b.length]!;
}

/** The candidate nearest to `word` when it is close enough to be a misspelling, else null. */
export function nearest(word: string, candidates: Iterable<string>): string | null {
  let best: string | null = null;
  let bestD = Number.POSITIVE_INFINITY;
  for (const c of candidates) {
    const d = distance(word, c);
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  if (best === null) return null;
  const limit = Math.max(1, Math.min(3, Math.ceil(Math.max(word.length, best.length) / 3)));
  return bestD <= limit ? best : null;
}

/** `did you mean 'x'?` for the nearest candidate, or null. */
export function didYouMean(word: string, candidates: Iterable<string>): string | null {
  const n = nearest(word, candidates);
  return n === null ? null : `did you mean '${n}'?`;
}

/** The dotted path of `key` under `base`, quoting keys that are not plain words. */
export function joinPath(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  const k = /^[A-Za-z_][\w-]*$/.test(key) ? key : JSON.stringify(key);
  return base === '' ? k : `${base}.${k}`;
}

/** A readable message of any thrown value. */
export function messageOf(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}
