import { readdirSync, readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { dictConfigSchema } from './schema.js';
import { generateConfig } from './test-support/generate.js';

const ajv = new Ajv2020({ allErrors: true, strict: false });
const validate = ajv.compile(dictConfigSchema);
const fixtures = new URL('../test/fixtures/dict/', import.meta.url);

const examples: [string, unknown][] = [];
for (const f of readdirSync(fixtures).sort()) {
  const fx = JSON.parse(readFileSync(new URL(f, fixtures), 'utf8')) as { configs: unknown[] };
  fx.configs.forEach((c, i) => {
    examples.push([`${f}#${i}`, c]);
  });
}
for (let seed = 1; seed <= 200; seed++)
  generateConfig(seed).configs.forEach((c, i) => {
    examples.push([`gen:${seed}#${i}`, c]);
  });

describe('dictConfigSchema (JSON Schema 2020-12, checked with ajv)', () => {
  it(`accepts every valid example (${examples.length}: the docs' and cookbook's, and the 200 generated)`, () => {
    for (const [name, c] of examples)
      expect(validate(c) ? null : { name, errors: validate.errors }).toBeNull();
  });

  it.each([
    ['no version', { handlers: {} }, ''],
    ['version 2', { version: 2 }, '/version'],
    [
      'a handler without class or ()',
      { version: 1, handlers: { h: { level: 'INFO' } } },
      '/handlers/h',
    ],
    [
      'a bad style',
      { version: 1, formatters: { f: { format: 'x', style: '#' } } },
      '/formatters/f/style',
    ],
    [
      'a misspelt formatter key',
      { version: 1, formatters: { f: { fromat: 'x' } } },
      '/formatters/f',
    ],
    ['a misspelt logger key', { version: 1, loggers: { a: { levle: 'INFO' } } }, '/loggers/a'],
    [
      'propagate as a string',
      { version: 1, loggers: { a: { propagate: 'yes' } } },
      '/loggers/a/propagate',
    ],
    ['handlers not a list', { version: 1, root: { handlers: 'console' } }, '/root/handlers'],
    ['a negative level', { version: 1, root: { level: -5 } }, '/root/level'],
    [
      'a handler keyword that cannot be an argument',
      { version: 1, handlers: { h: { class: 'logging.StreamHandler', 'max-bytes': 1 } } },
      '/handlers/h',
    ],
    ['incremental not boolean', { version: 1, incremental: 'yes' }, '/incremental'],
  ])('rejects %s, pointing at %s', (_name, config, pointer) => {
    expect(validate(config)).toBe(false);
    expect(validate.errors!.map((e) => e.instancePath)).toContain(pointer);
  });
});
