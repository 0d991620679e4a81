/**
 * Test support: evaluates Python expressions in one live `python3` (3.11) subprocess, so
 * tests compare with CPython itself instead of hand-typed expectations. Values travel as
 * tagged JSON following the documented JS → Python mapping (safe integers are ints, other
 * numbers floats, bigint ints, arrays tuples, plain objects dicts, null None).
 *
 * @internal
 * @module
 */
import { spawnSync } from 'node:child_process';
import { isPyInt } from '../py-repr.js';

const probe = spawnSync('python3', ['-c', 'import sys; print(sys.version_info[:2] == (3, 11))'], {
  encoding: 'utf8',
});

/** True when `python3` on PATH is CPython 3.11, the reference interpreter. */
export const hasPython311: boolean = probe.status === 0 && probe.stdout.trim() === 'True';

/** Suffix for describe() titles: why a CPython comparison ran or was skipped. */
export const PYTHON_NOTE: string = hasPython311
  ? '(vs live python3 3.11)'
  : '(skipped: needs python3 3.11 on PATH)';

/** One expression: `code` sees the tagged `values` as the list `v`. */
export interface PyCase {
  code: string;
  values?: readonly unknown[];
}

/** The expression's value (JSON-decoded), or the exception CPython raised. */
export type PyResult = { ok: unknown } | { error: string; message: string };

type Tagged =
  | { t: 'i' | 'f' | 's' | 'b'; v: string }
  | { t: 'none' }
  | { t: 'bool'; v: boolean }
  | { t: 'tuple'; v: Tagged[] }
  | { t: 'dict'; v: Record<string, Tagged> };

function tag(v: unknown): Tagged {
  switch (typeof v) {
    case 'string':
      return { t: 's', v };
    case 'bigint':
      return { t: 'b', v: v.toString() };
    case 'number':
      if (isPyInt(v)) return { t: 'i', v: String(v) };
      return { t: 'f', v: Object.is(v, -0) ? '-0.0' : String(v) };
    case 'boolean':
      return { t: 'bool', v };
    default:
      if (v === null || v === undefined) return { t: 'none' };
      if (Array.isArray(v)) return { t: 'tuple', v: v.map(tag) };
      return {
        t: 'dict',
        v: Object.fromEntries(Object.entries(v as object).map(([k, x]) => [k, tag(x)])),
      };
  }
}

const SCRIPT = `
import json, sys
def val(t):
    k = t['t']
    if k in ('i', 'b'): return int(t['v'])
    if k == 's': return t['v']
    if k == 'f': return float({'Infinity': 'inf', '-Infinity': '-inf', 'NaN': 'nan'}.get(t['v'], t['v']))
    if k == 'none': return None
    if k == 'bool': return t['v']
    if k == 'tuple': return tuple(val(x) for x in t['v'])
    return {a: val(b) for a, b in t['v'].items()}
out = []
for case in json.load(sys.stdin):
    v = [val(x) for x in case['values']]
    try:
        out.append({'ok': eval(case['code'], {'v': v})})
    except Exception as e:
        out.append({'error': type(e).__name__, 'message': str(e)})
sys.stdout.write(json.dumps(out))
`;

/**
 * Evaluates every case in one `python3` process. Returns `[]` when CPython 3.11 is absent
 * (callers skip with {@link PYTHON_NOTE}).
 */
export function runPython(cases: readonly PyCase[]): PyResult[] {
  if (!hasPython311) return [];
  const input = JSON.stringify(
    cases.map((c) => ({ code: c.code, values: (c.values ?? []).map(tag) })),
  );
  const r = spawnSync('python3', ['-c', SCRIPT], {
    input,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`python3 failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as PyResult[];
}

/** Runs `f`, mapping a thrown logweave error to CPython's `{ error, message }` shape. */
export function capture(f: () => unknown): PyResult {
  try {
    return { ok: f() };
  } catch (e) {
    const pythonType = (e as { pythonType?: unknown }).pythonType;
    if (typeof pythonType === 'string') return { error: pythonType, message: (e as Error).message };
    throw e;
  }
}
