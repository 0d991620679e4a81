/**
 * @internal The shared back end of the three styles: turns a format's literals and fields
 * into one function of the record, generated once per format so that every field is a
 * constant-key property read and the text is a single concatenation (a loop over field
 * names makes V8's property loads megamorphic, about twice as slow). Falls back to an
 * equivalent loop where code generation from strings is disabled.
 */
import type { LogRecord } from '../record.js';

/** A field whose string value is written as is. */
export const STR_RAW = 0;
/** A field whose string value goes through the plan's `str` function (padding). */
export const STR_FN = 1;
/** A field that always goes through the slow path. */
export const SLOW = 2;
/** A field whose safe-integer value is written in decimal (`%d`), else the slow path. */
export const INT_FAST = 3;

/** How one field is rendered. */
export interface FieldPlan {
  /** The record attribute read. */
  readonly key: string;
  /** `STR_RAW`, `STR_FN`, `SLOW` or `INT_FAST`. */
  readonly mode: number;
  /** For `STR_FN`: renders a string value. */
  readonly str?: (s: string) => string;
}

/**
 * Renders field `index` from the value read off the record (which may be missing: the slow
 * path resolves defaults and raises `KeyError`), returning its final text.
 */
export type SlowField = (record: LogRecord, index: number, value: unknown) => string;

/**
 * Compiles literals and fields into `lits[0] + field0 + lits[1] + ... + lits[n]`, fields
 * evaluated left to right; `fail`, when given, is called after all fields are evaluated
 * (a format error CPython raises after the fields before it).
 */
export function compileFields(
  lits: readonly string[],
  plans: readonly FieldPlan[],
  slow: SlowField,
  fail: (() => never) | null = null,
): (record: LogRecord) => string {
  try {
    return generate(lits, plans, slow, fail);
  } catch {
    return loop(lits, plans, slow, fail);
  }
}

function generate(
  lits: readonly string[],
  plans: readonly FieldPlan[],
  slow: SlowField,
  fail: (() => never) | null,
): (record: LogRecord) => string {
  let body = '';
  const parts: string[] = [];
  if (lits[0]) parts.push(JSON.stringify(lits[0]));
  plans.forEach((p, i) => {
    const v = `v${i}`;
    const read = `r[${JSON.stringify(p.key)}]`;
    switch (p.mode) {
      case STR_RAW:
        body += `let ${v}=${read};if(typeof ${v}!=='string')${v}=slow(r,${i},${v});`;
        break;
      case STR_FN:
        body += `let ${v}=${read};${v}=typeof ${v}==='string'?f[${i}](${v}):slow(r,${i},${v});`;
        break;
      case INT_FAST:
        body += `let ${v}=${read};${v}=typeof ${v}==='number'&&Number.isSafeInteger(${v})?''+${v}:slow(r,${i},${v});`;
        break;
      default:
        body += `const ${v}=slow(r,${i},${read});`;
    }
    parts.push(v);
    const lit = lits[i + 1] ?? '';
    if (lit !== '') parts.push(JSON.stringify(lit));
  });
  if (fail !== null) body += 'fail();';
  const ret = parts.length === 0 ? "''" : parts.join('+');
  const src = `'use strict';return function render(r){${body}return ${ret};};`;
  const fns = plans.map((p) => p.str);
  return new Function('slow', 'f', 'fail', src)(slow, fns, fail) as (record: LogRecord) => string;
}

function loop(
  lits: readonly string[],
  plans: readonly FieldPlan[],
  slow: SlowField,
  fail: (() => never) | null,
): (record: LogRecord) => string {
  const n = plans.length;
  return (r) => {
    let s = lits[0] ?? '';
    for (let i = 0; i < n; i++) {
      const p = plans[i]!;
      const v = r[p.key];
      if (p.mode === STR_RAW && typeof v === 'string') s += v;
      else if (p.mode === STR_FN && typeof v === 'string') s += p.str!(v);
      else if (p.mode === INT_FAST && typeof v === 'number' && Number.isSafeInteger(v)) s += v;
      else s += slow(r, i, v);
      s += lits[i + 1] ?? '';
    }
    if (fail !== null) fail();
    return s;
  };
}
