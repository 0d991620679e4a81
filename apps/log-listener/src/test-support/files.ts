import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Every line of `base` and its rotated backups (`base.1` ... `base.N`), oldest first. */
export function readRotated(dir: string, base: string): string[] {
  const names = readdirSync(dir).filter((n) => n === base || n.startsWith(`${base}.`));
  const index = (n: string): number => (n === base ? 0 : Number(n.slice(base.length + 1)));
  names.sort((a, b) => index(b) - index(a));
  const lines: string[] = [];
  for (const n of names) {
    const text = readFileSync(join(dir, n), 'utf8');
    for (const l of text.split('\n')) if (l !== '') lines.push(l);
  }
  return lines;
}

/**
 * Checks per-producer sequences in lines `<logger> seq <n>`: for each logger, which numbers
 * are missing from 0..expected-1 and how many lines are duplicates.
 */
export function checkSequences(
  lines: readonly string[],
): Map<string, { seen: Set<number>; duplicates: number }> {
  const by = new Map<string, { seen: Set<number>; duplicates: number }>();
  for (const l of lines) {
    const m = /^(\S+) seq (\d+)$/.exec(l);
    if (!m) continue;
    const name = m[1] as string;
    let e = by.get(name);
    if (!e) {
      e = { seen: new Set(), duplicates: 0 };
      by.set(name, e);
    }
    const n = Number(m[2]);
    if (e.seen.has(n)) e.duplicates++;
    else e.seen.add(n);
  }
  return by;
}

/** A listener YAML writing `%(name)s %(message)s` lines to a rotating `app.log` in `dir`. */
export function listenerYaml(
  dir: string,
  options: { tcpPort?: number; http?: boolean; maxBytes?: number; extraSources?: string } = {},
): string {
  return `sources:
  tcp:
    host: 127.0.0.1
    port: ${options.tcpPort ?? 0}
    maxFrameSize: 65536
${options.extraSources ?? ''}${options.http === false ? '' : 'http:\n  host: 127.0.0.1\n  port: 0\n'}logging:
  version: 1
  formatters:
    line:
      format: '%(name)s %(message)s'
  handlers:
    file:
      class: logging.handlers.RotatingFileHandler
      filename: ${JSON.stringify(join(dir, 'app.log'))}
      maxBytes: ${options.maxBytes ?? 262144}
      backupCount: 1000
      formatter: line
  root:
    level: DEBUG
    handlers: [file]
`;
}
