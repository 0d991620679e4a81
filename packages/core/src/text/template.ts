import { LoggingKeyError, LoggingValueError } from '../errors.js';
import { pyRepr, pyStr } from './py-repr.js';

/** One `$name` / `${name}` placeholder of a template. */
export interface TemplateField {
  /** The identifier. */
  readonly name: string;
  /** True for the `${name}` form. */
  readonly braced: boolean;
}

/** A template split once into literal text and placeholders (CPython's `Template.pattern`). */
export interface ParsedTemplate {
  /** Literal texts: `lits[i]` precedes `fields[i]`; one more literal than fields. */
  readonly lits: readonly string[];
  /** The placeholders, in order, up to the first invalid `$`. */
  readonly fields: readonly TemplateField[];
  /**
   * CPython's `ValueError` text for the first ill-formed `$` (`Invalid placeholder in string:
   * line 1, col 5`), raised after `fields` are substituted; null when there is none.
   */
  readonly error: string | null;
  /** The code-unit index just after the first ill-formed `$`, or -1. */
  readonly invalidIndex: number;
}

const DOLLAR = 0x24;
const LBRACE = 0x7b;
const RBRACE = 0x7d;

// Template.idpattern is (?a:[_a-z][_a-z0-9]*) with IGNORECASE: ASCII letters of both cases.
function isIdStart(c: number): boolean {
  return c === 0x5f || (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
}
function isIdChar(c: number): boolean {
  return isIdStart(c) || (c >= 0x30 && c <= 0x39);
}

/** Splits a `string.Template` into literals and placeholders, as `Template.pattern` matches. */
export function parseTemplate(template: string): ParsedTemplate {
  const lits: string[] = [''];
  const fields: TemplateField[] = [];
  const end = template.length;
  let pos = 0;
  let litStart = 0;
  while (pos < end) {
    const d = template.indexOf('$', pos);
    if (d < 0) break;
    lits[lits.length - 1] += template.slice(litStart, d);
    const i = d + 1;
    const c = i < end ? template.charCodeAt(i) : -1;
    if (c === DOLLAR) {
      lits[lits.length - 1] += '$';
      pos = litStart = i + 1;
      continue;
    }
    if (isIdStart(c)) {
      let j = i + 1;
      while (j < end && isIdChar(template.charCodeAt(j))) j++;
      fields.push({ name: template.slice(i, j), braced: false });
      lits.push('');
      pos = litStart = j;
      continue;
    }
    if (c === LBRACE && i + 1 < end && isIdStart(template.charCodeAt(i + 1))) {
      let j = i + 2;
      while (j < end && isIdChar(template.charCodeAt(j))) j++;
      if (j < end && template.charCodeAt(j) === RBRACE) {
        fields.push({ name: template.slice(i + 1, j), braced: true });
        lits.push('');
        pos = litStart = j + 1;
        continue;
      }
    }
    return { lits, fields, error: invalidPlaceholder(template, i), invalidIndex: i };
  }
  lits[lits.length - 1] += template.slice(litStart);
  return { lits, fields, error: null, invalidIndex: -1 };
}

/** CPython's `Template._invalid` message: line and column (in code points) of the bad `$`. */
function invalidPlaceholder(template: string, i: number): string {
  const prefix = template.slice(0, i);
  let lineno = 1;
  let lineStart = 0;
  for (let k = 0; k < prefix.length; k++) {
    const c = prefix.charCodeAt(k);
    // str.splitlines boundaries: \n \r \r\n \v \f \x1c \x1d \x1e \x85 \u2028 \u2029
    if (
      c === 0x0a ||
      c === 0x0b ||
      c === 0x0c ||
      c === 0x0d ||
      c === 0x1c ||
      c === 0x1d ||
      c === 0x1e ||
      c === 0x85 ||
      c === 0x2028 ||
      c === 0x2029
    ) {
      if (c === 0x0d && prefix.charCodeAt(k + 1) === 0x0a) k++;
      if (k + 1 < prefix.length) {
        lineno++;
        lineStart = k + 1;
      }
    }
  }
  const colno = [...prefix.slice(lineStart)].length;
  return `Invalid placeholder in string: line ${lineno}, col ${colno}`;
}

/** A mapping for {@link Template.substitute}: a plain object or a Map. */
export type TemplateMapping = Readonly<Record<string, unknown>> | ReadonlyMap<string, unknown>;

function lookup(mapping: TemplateMapping, name: string): { found: boolean; value: unknown } {
  if (mapping instanceof Map) {
    return mapping.has(name)
      ? { found: true, value: mapping.get(name) }
      : { found: false, value: undefined };
  }
  const m = mapping as Readonly<Record<string, unknown>>;
  return Object.hasOwn(m, name)
    ? { found: true, value: m[name] }
    : { found: false, value: undefined };
}

/**
 * Python's `string.Template` with the default `$` delimiter and identifier pattern:
 * `$name`, `${name}` and `$$`. Values render with Python's `str()` rules.
 */
export class Template {
  /** The template text. */
  readonly template: string;
  #parsed: ParsedTemplate | null = null;

  /** @param template The template text. */
  constructor(template: string) {
    this.template = template;
  }

  #parse(): ParsedTemplate {
    return (this.#parsed ??= parseTemplate(this.template));
  }

  /**
   * Substitutes every placeholder; a missing name raises `LoggingKeyError`, an ill-formed `$`
   * raises `LoggingValueError` (`Invalid placeholder in string: line 1, col 3`).
   */
  substitute(mapping: TemplateMapping = {}): string {
    const p = this.#parse();
    let s = p.lits[0]!;
    for (let i = 0; i < p.fields.length; i++) {
      const name = p.fields[i]!.name;
      const r = lookup(mapping, name);
      if (!r.found) throw new LoggingKeyError(pyRepr(name));
      s += typeof r.value === 'string' ? r.value : pyStr(r.value);
      s += p.lits[i + 1]!;
    }
    if (p.error !== null) throw new LoggingValueError(p.error);
    return s;
  }

  /** Like `substitute`, but leaves missing placeholders and ill-formed `$` as written. */
  safe_substitute(mapping: TemplateMapping = {}): string {
    const p = this.#parse();
    let s = p.lits[0]!;
    for (let i = 0; i < p.fields.length; i++) {
      const f = p.fields[i]!;
      const r = lookup(mapping, f.name);
      if (r.found) s += typeof r.value === 'string' ? r.value : pyStr(r.value);
      else s += f.braced ? `\${${f.name}}` : `$${f.name}`;
      s += p.lits[i + 1]!;
    }
    if (p.error !== null) {
      // Continue after the bare `$`, which stays as written.
      s += `$${new Template(this.template.slice(p.invalidIndex)).safe_substitute(mapping)}`;
    }
    return s;
  }

  /** False when the template has an ill-formed `$`. */
  is_valid(): boolean {
    return this.#parse().error === null;
  }

  /** The placeholder names, each once, in order of first appearance (ill-formed `$` skipped). */
  get_identifiers(): string[] {
    const names = new Set<string>();
    let text = this.template;
    for (;;) {
      const p = text === this.template ? this.#parse() : parseTemplate(text);
      for (const f of p.fields) names.add(f.name);
      if (p.error === null) return [...names];
      text = text.slice(p.invalidIndex);
    }
  }
}
