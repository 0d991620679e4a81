/** A seeded generator of valid dictConfig dictionaries using core's classes only. */

/** mulberry32: a small seeded PRNG. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const LOGGER_POOL = [
  'app',
  'app.db',
  'app.db.pool',
  'app.web',
  'lib',
  'lib.sub',
  'x.y',
  'x.y.z',
  'other',
];
const LEVELS: (string | number)[] = [
  'DEBUG',
  'INFO',
  'WARNING',
  'ERROR',
  'CRITICAL',
  'NOTSET',
  10,
  20,
  30,
  40,
  50,
  25,
  5,
];
const PCT_FIELDS = [
  '%(name)s',
  '%(levelname)s',
  '%(levelname)-8s',
  '%(levelno)d',
  '%(message)s',
  '%(asctime)s',
  '%(msecs)03d',
  '%(process)d',
  '%(threadName)s',
  '%(processName)s',
  '%(name)-10s',
  '%(levelno)03d',
  '%(thread)d',
  '%(relativeCreated)d',
];
const BRACE_FIELDS = [
  '{name}',
  '{levelname}',
  '{levelname:<8}',
  '{levelno}',
  '{message}',
  '{asctime}',
  '{process}',
  '{name:>12}',
  '{levelno:03d}',
];
const DOLLAR_FIELDS = [
  '${name}',
  '${levelname}',
  '${levelno}',
  '${message}',
  '${asctime}',
  '$process',
];
const DATEFMTS = [null, '%Y-%m-%d %H:%M:%S', '%H:%M', '%d/%m/%Y %I:%M:%S %p', '%j %a %b'];

export interface Generated {
  configs: unknown[];
  preexisting: string[];
  calls: string[];
}

export function generateConfig(seed: number): Generated {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const some = <T>(xs: readonly T[], max: number): T[] => {
    if (xs.length === 0) return [];
    const n = Math.floor(r() * (max + 1));
    const out: T[] = [];
    for (let i = 0; i < n; i++) {
      const x = pick(xs);
      if (!out.includes(x)) out.push(x);
    }
    return out;
  };
  const formatters: Record<string, unknown> = {};
  const nf = Math.floor(r() * 4);
  for (let i = 0; i < nf; i++) {
    const style = pick(['%', '%', '{', '$']);
    const pool = style === '%' ? PCT_FIELDS : style === '{' ? BRACE_FIELDS : DOLLAR_FIELDS;
    const parts = some(pool, 4);
    if (!parts.some((p) => p.includes('message'))) parts.push(pool[style === '%' ? 4 : 3]!);
    const f: Record<string, unknown> = { format: parts.join(pick([' ', ' | ', ':', ' - '])) };
    if (style !== '%' || r() < 0.2) f.style = style;
    const d = pick(DATEFMTS);
    if (d !== null) f.datefmt = d;
    formatters[`f${i}`] = f;
  }
  const filters: Record<string, unknown> = {};
  const nfi = Math.floor(r() * 3);
  for (let i = 0; i < nfi; i++) filters[`flt${i}`] = r() < 0.2 ? {} : { name: pick(LOGGER_POOL) };
  const handlers: Record<string, Record<string, unknown>> = {};
  const nh = 1 + Math.floor(r() * 4);
  const names: string[] = [];
  for (let i = 0; i < nh; i++)
    names.push(pick(['console', 'err', 'file', 'mem', 'h', 'zeta', 'alpha']) + i);
  names.forEach((name, i) => {
    const kind = pick(['stream', 'stream', 'file', 'null', 'memory']);
    let h: Record<string, unknown>;
    if (kind === 'stream')
      h = {
        class: 'logging.StreamHandler',
        stream: pick(['ext://sys.stdout', 'ext://sys.stderr']),
      };
    else if (kind === 'file') {
      h = { class: 'logging.FileHandler', filename: `${name}.log` };
      if (r() < 0.5) h.mode = pick(['w', 'a']);
      if (r() < 0.3) h.delay = true;
    } else if (kind === 'null') h = { class: 'logging.NullHandler' };
    else {
      h = { class: 'logging.handlers.MemoryHandler', capacity: 1 + Math.floor(r() * 5) };
      if (r() < 0.5) h.flushLevel = pick([30, 40, 50]);
      const targets = names.filter((_n, j) => j !== i);
      // Only targets that are not themselves memory handlers pointing back (no cycles).
      if (targets.length > 0 && r() < 0.8) h.target = pick(targets);
    }
    if (r() < 0.5) h.level = pick(LEVELS);
    const fnames = Object.keys(formatters);
    if (fnames.length && r() < 0.8) h.formatter = pick(fnames);
    const flt = some(Object.keys(filters), 2);
    if (flt.length) h.filters = flt;
    handlers[name] = h;
  });
  // Break memory-handler target cycles: a memory handler may only target an earlier name.
  for (const [i, n] of names.entries()) {
    const h = handlers[n]!;
    if (
      typeof h.target === 'string' &&
      names.indexOf(h.target) > i &&
      handlers[h.target]!.class === 'logging.handlers.MemoryHandler'
    )
      delete h.target;
  }
  const loggers: Record<string, unknown> = {};
  for (const ln of some(LOGGER_POOL, 4)) {
    const l: Record<string, unknown> = {};
    if (r() < 0.7) l.level = pick(LEVELS);
    if (r() < 0.7) l.handlers = some(names, 2);
    if (r() < 0.4) l.propagate = r() < 0.5;
    const flt = some(Object.keys(filters), 1);
    if (flt.length) l.filters = flt;
    loggers[ln] = l;
  }
  const config: Record<string, unknown> = { version: 1, formatters, filters, handlers, loggers };
  if (r() < 0.8) {
    const root: Record<string, unknown> = { handlers: some(names, 2) };
    if (r() < 0.7) root.level = pick(LEVELS);
    config.root = root;
  }
  if (r() < 0.6) config.disable_existing_loggers = r() < 0.5;
  const configs: unknown[] = [config];
  if (r() < 0.15) {
    const inc: Record<string, unknown> = { version: 1, incremental: true, loggers: {} };
    for (const ln of some(Object.keys(loggers), 2))
      (inc.loggers as Record<string, unknown>)[ln] = { level: pick(LEVELS), propagate: r() < 0.5 };
    const hn = some(names, 1);
    if (hn.length) inc.handlers = { [hn[0]!]: { level: pick(['DEBUG', 'ERROR']) } };
    configs.push(inc);
  }
  return { configs, preexisting: some(LOGGER_POOL, 4), calls: [...LOGGER_POOL, 'root'] };
}

/** The same topology as an INI file for `fileConfig` (filters and incremental parts left out). */
export function dictToIni(config: Record<string, any>): string {
  const out: string[] = [];
  const fm = Object.keys(config.formatters ?? {});
  const hs = Object.keys(config.handlers ?? {});
  const ls = Object.keys(config.loggers ?? {});
  const key = (n: string): string => `l_${n.replace(/\./g, '_')}`;
  // CPython's fileConfig takes level names only (a number is 'Unknown level').
  const names: Record<number, string> = {
    0: 'NOTSET',
    10: 'DEBUG',
    20: 'INFO',
    30: 'WARNING',
    40: 'ERROR',
    50: 'CRITICAL',
  };
  const lv = (v: unknown): string => (typeof v === 'number' ? (names[v] ?? 'INFO') : String(v));
  out.push('[loggers]', `keys=root${ls.map((l) => `,${key(l)}`).join('')}`, '');
  out.push('[handlers]', `keys=${hs.join(',')}`, '');
  out.push('[formatters]', `keys=${fm.join(',')}`, '');
  const root = config.root ?? {};
  out.push('[logger_root]');
  if (root.level !== undefined) out.push(`level=${lv(root.level)}`);
  out.push(`handlers=${(root.handlers ?? []).join(',')}`, '');
  for (const l of ls) {
    const s = config.loggers[l];
    out.push(`[logger_${key(l)}]`, `qualname=${l}`, `handlers=${(s.handlers ?? []).join(',')}`);
    if (s.level !== undefined) out.push(`level=${lv(s.level)}`);
    if (s.propagate !== undefined) out.push(`propagate=${s.propagate ? 1 : 0}`);
    out.push('');
  }
  const py = (v: unknown): string =>
    typeof v === 'string' ? `'${v}'` : v === true ? 'True' : v === false ? 'False' : String(v);
  for (const h of hs) {
    const s = config.handlers[h];
    out.push(`[handler_${h}]`, `class=${String(s.class).replace(/^logging\./, '')}`);
    if (s.class === 'logging.StreamHandler')
      out.push(`args=(${s.stream === 'ext://sys.stdout' ? 'sys.stdout' : 'sys.stderr'},)`);
    else if (s.class === 'logging.FileHandler') {
      out.push(`args=(${py(s.filename)}, ${py(s.mode ?? 'a')})`);
      if (s.delay) out.push(`kwargs={'delay': True}`);
    } else if (s.class === 'logging.handlers.MemoryHandler') {
      out.push(`args=(${s.capacity},${s.flushLevel !== undefined ? ` ${s.flushLevel}` : ''})`);
      if (s.target) out.push(`target=${s.target}`);
    } else out.push('args=()');
    if (s.level !== undefined) out.push(`level=${lv(s.level)}`);
    if (s.formatter) out.push(`formatter=${s.formatter}`);
    out.push('');
  }
  for (const f of fm) {
    const s = config.formatters[f];
    out.push(`[formatter_${f}]`, `format=${s.format}`);
    if (s.datefmt) out.push(`datefmt=${s.datefmt}`);
    if (s.style) out.push(`style=${s.style}`);
    out.push('');
  }
  return out.join('\n');
}
