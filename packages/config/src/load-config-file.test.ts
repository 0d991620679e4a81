import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfigFile } from './load-config-file.js';
import { main } from './cli.js';

const dir = mkdtempSync(join(tmpdir(), 'logweave-load-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const YAML = `version: 1
formatters:
  simple:
    format: '%(asctime)s - %(name)s - %(levelname)s - %(message)s'
handlers:
  console:
    class: logging.StreamHandler
    level: DEBUG
    formatter: simple
    stream: ext://sys.stdout
loggers:
  simpleExample:
    level: DEBUG
    handlers: [console]
    propagate: no
root:
  level: DEBUG
  handlers: [console]
`;

describe('loadConfigFile()', () => {
  it("reads the HOWTO's YAML into the same dictionary as its JSON form (YAML 1.2: `no` stays a string)", () => {
    const p = join(dir, 'logging.yaml');
    writeFileSync(p, YAML);
    const got = loadConfigFile(p);
    expect(got.kind).toBe('dict');
    const c = (got as { config: Record<string, any> }).config;
    expect(c.handlers.console).toEqual({
      class: 'logging.StreamHandler',
      level: 'DEBUG',
      formatter: 'simple',
      stream: 'ext://sys.stdout',
    });
    expect(c.loggers.simpleExample.propagate).toBe('no');
  });

  it('reads .conf/.ini as INI text and names a broken JSON file', () => {
    const ini = join(dir, 'logging.conf');
    writeFileSync(ini, '[loggers]\nkeys=root\n');
    expect(loadConfigFile(ini)).toEqual({ kind: 'ini', text: '[loggers]\nkeys=root\n' });
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{ nope');
    expect(() => loadConfigFile(bad)).toThrow(/bad\.json is not valid JSON/);
  });
});

describe('logweave-config lint', () => {
  it('exits 1 and prints the findings for a config with errors, 0 for a clean one', async () => {
    const bad = join(dir, 'bad-config.json');
    writeFileSync(
      bad,
      JSON.stringify({
        version: 1,
        disable_existing_loggers: false,
        root: { handlers: ['consle'] },
        handlers: { console: { class: 'logging.StreamHandler' } },
      }),
    );
    const out: string[] = [];
    const write = process.stdout.write;
    process.stdout.write = ((s: string) => out.push(s) > 0) as typeof process.stdout.write;
    let code: number;
    try {
      code = await main(['lint', bad]);
    } finally {
      process.stdout.write = write;
    }
    expect(code).toBe(1);
    expect(out.join('')).toContain(
      "error dangling-handler at root.handlers[0]: no handler named 'consle' (did you mean 'console'?)",
    );
    const good = join(dir, 'good.json');
    writeFileSync(
      good,
      JSON.stringify({
        version: 1,
        disable_existing_loggers: false,
        handlers: { console: { class: 'logging.StreamHandler' } },
        root: { handlers: ['console'] },
      }),
    );
    process.stdout.write = (() => true) as typeof process.stdout.write;
    try {
      expect(await main(['lint', good])).toBe(0);
    } finally {
      process.stdout.write = write;
    }
  });
});
