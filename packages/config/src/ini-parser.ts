import { ConfigError } from './errors.js';

/**
 * The part of Python's `configparser.ConfigParser` that logging's INI files use: `[section]`
 * headers, `key = value` / `key: value` (keys lower-cased), full-line `#`/`;` comments,
 * indented continuation lines, a `DEFAULT` section (plus caller defaults) seen by every
 * section, duplicate sections/keys rejected, and `BasicInterpolation` (`%(key)s`, `%%`)
 * when a value is read without `raw`.
 */
export class IniFile {
  readonly sections = new Map<string, Map<string, string>>();
  readonly defaults = new Map<string, string>();

  constructor(text: string, defaults: Readonly<Record<string, string>> = {}) {
    for (const [k, v] of Object.entries(defaults)) this.defaults.set(k.toLowerCase(), v);
    let current: Map<string, string> | null = null;
    let lastKey: string | null = null;
    let lastIndent = 0;
    const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
    lines.forEach((line, n) => {
      const where = `line ${n + 1}`;
      const stripped = line.trim();
      const indent = line.length - line.trimStart().length;
      if (stripped === '' || stripped.startsWith('#') || stripped.startsWith(';')) {
        if (stripped === '') lastKey = lastKey && current ? lastKey : null;
        return;
      }
      if (current && lastKey !== null && indent > lastIndent) {
        current.set(lastKey, `${current.get(lastKey)}\n${stripped}`);
        return;
      }
      const header = /^\[([^\]]+)\]\s*$/.exec(stripped);
      if (header) {
        const name = header[1]!;
        if (name === 'DEFAULT') current = this.defaults;
        else {
          if (this.sections.has(name))
            throw new ConfigError(name, `section '${name}' already exists (${where})`);
          current = new Map();
          this.sections.set(name, current);
        }
        lastKey = null;
        return;
      }
      if (current === null)
        throw new ConfigError(
          '',
          `File contains no section headers (${where}: ${JSON.stringify(line)})`,
        );
      const m = /^([^=:]+?)\s*[=:]\s*(.*)$/.exec(stripped);
      if (!m)
        throw new ConfigError(
          '',
          `Source contains parsing errors: ${where}: ${JSON.stringify(line)}`,
        );
      const key = m[1]!.toLowerCase();
      if (current !== this.defaults && current.has(key)) {
        throw new ConfigError(key, `option '${key}' in section already exists (${where})`);
      }
      current.set(key, m[2]!);
      lastKey = key;
      lastIndent = indent;
    });
  }

  has(section: string): boolean {
    return this.sections.has(section);
  }

  /** The raw or interpolated value of `key` in `section` (or DEFAULT), or undefined. */
  get(section: string, key: string, raw = false): string | undefined {
    const s = this.sections.get(section);
    const v = s?.get(key) ?? this.defaults.get(key);
    if (v === undefined || raw) return v;
    return this.#interpolate(section, key, v, 1);
  }

  /** The section's keys plus DEFAULT's. */
  keys(section: string): string[] {
    return [...new Set([...(this.sections.get(section)?.keys() ?? []), ...this.defaults.keys()])];
  }

  #interpolate(section: string, key: string, value: string, depth: number): string {
    if (depth > 10)
      throw new ConfigError(`${section}.${key}`, 'interpolation too deep (a %(...)s loop?)');
    let out = '';
    let i = 0;
    while (i < value.length) {
      const p = value.indexOf('%', i);
      if (p < 0) {
        out += value.slice(i);
        break;
      }
      out += value.slice(i, p);
      const next = value[p + 1];
      if (next === '%') {
        out += '%';
        i = p + 2;
        continue;
      }
      const m = /^%\(([^)]+)\)s/.exec(value.slice(p));
      if (!m) {
        throw new ConfigError(
          `${section}.${key}`,
          `'%' must be followed by '%' or '(', found: ${JSON.stringify(value.slice(p))}`,
        );
      }
      const ref = m[1]!.toLowerCase();
      const s = this.sections.get(section);
      const v = s?.get(ref) ?? this.defaults.get(ref);
      if (v === undefined) {
        throw new ConfigError(
          `${section}.${key}`,
          `Bad value substitution: option '${key}' in section '${section}' contains an interpolation key '${ref}' which is not a valid option name`,
        );
      }
      out += this.#interpolate(section, ref, v, depth + 1);
      i = p + m[0].length;
    }
    return out;
  }
}
