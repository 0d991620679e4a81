import { ConfigError, joinPath } from './errors.js';

/**
 * Replaces `${VAR}` and `${VAR:-default}` in every string of a configuration (keys are left
 * alone); `$${` stands for a literal `${`. A variable that is unset (or empty, for `:-`) and
 * has no default is an error naming the path.
 */
export function expandEnv(
  value: unknown,
  env: Readonly<Record<string, string | undefined>> = process.env,
  path = '',
): unknown {
  if (typeof value === 'string') return expandString(value, env, path);
  if (Array.isArray(value)) return value.map((v, i) => expandEnv(v, env, joinPath(path, i)));
  if (
    value !== null &&
    typeof value === 'object' &&
    Object.getPrototypeOf(value) === Object.prototype
  ) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = expandEnv(v, env, joinPath(path, k));
    return out;
  }
  return value;
}

function expandString(
  s: string,
  env: Readonly<Record<string, string | undefined>>,
  path: string,
): string {
  return s.replace(
    /\$(\$?)\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g,
    (whole, escaped: string, name: string, def: string | undefined) => {
      if (escaped) return whole.slice(1);
      const v = env[name];
      if (v !== undefined && (def === undefined || v !== '')) return v;
      if (def !== undefined) return def;
      throw new ConfigError(
        path,
        `environment variable ${name} is not set (write \${${name}:-default} for a default)`,
      );
    },
  );
}
