import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  FileHandler,
  Formatter,
  getLogger,
  JSONFormatter,
  kw,
  type LogRecord,
  MemoryDestination,
  Queue,
  QueueHandler,
  QueueListener,
  resetLogging,
  StreamHandler,
} from '@logweave/core';
import { afterEach, describe, expect, it } from 'vitest';
import { RedactingFilter } from './redacting-filter.js';

afterEach(() => resetLogging());

// A seeded generator, so a failure can be replayed.
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SECRET_KEYS = ['password', 'apiToken', 'X-Refresh-Token', 'cardNumber'];
const PLAIN_KEYS = ['id', 'name', 'items', 'meta', 'tags', 'config', 'child', 'value'];

/** A random nested value holding `secrets` (pushed as generated) at random depths. */
function generate(rand: () => number, depth: number, secrets: string[], n: number): unknown {
  const roll = rand();
  if (depth > 7 || roll < 0.2) return rand() < 0.5 ? `plain-${Math.floor(rand() * 1e6)}` : depth;
  if (roll < 0.45) {
    const len = 1 + Math.floor(rand() * 4);
    const arr: unknown[] = [];
    for (let i = 0; i < len; i++) arr.push(generate(rand, depth + 1, secrets, n));
    return arr;
  }
  const obj: Record<string, unknown> = {};
  const keys = 1 + Math.floor(rand() * 4);
  for (let i = 0; i < keys; i++) {
    if (rand() < 0.3) {
      const key = SECRET_KEYS[Math.floor(rand() * SECRET_KEYS.length)]!;
      const secret = `SECRET${n}x${secrets.length}`;
      secrets.push(secret);
      // A secret key may also hold an object: everything below it is censored.
      obj[key] = rand() < 0.8 ? secret : { inner: secret, list: [secret] };
    } else {
      obj[PLAIN_KEYS[Math.floor(rand() * PLAIN_KEYS.length)]!] = generate(
        rand,
        depth + 1,
        secrets,
        n,
      );
    }
  }
  return obj;
}

/** Writes every extra field and argument fully (util.inspect would stop at depth 2). */
class FullFormatter extends Formatter {
  override format(record: LogRecord): string {
    const extra = { payload: record.payload, args: record.args };
    return `${super.format(record)} ${JSON.stringify(extra)}`;
  }
}

describe('RedactingFilter fuzz', () => {
  it('10,000 random nested objects: no secret reaches a file, JSON or queue handler; inputs unchanged', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'redact-fuzz-'));
    try {
      const logger = getLogger('fuzz.redact');
      logger.setLevel('INFO');
      logger.propagate = false;
      logger.addFilter(
        new RedactingFilter({
          paths: ['**.password', '**.cardNumber'],
          patterns: [/token/i],
        }),
      );
      const file = new FileHandler(join(dir, 'out.log'));
      file.setFormatter(new FullFormatter('%(levelname)s %(message)s'));
      const memory = new MemoryDestination();
      const json = new StreamHandler(memory);
      json.setFormatter(new JSONFormatter({ maxDepth: 100 }));
      const queue = new Queue<unknown>();
      const qh = new QueueHandler(queue);
      const sink = new MemoryDestination();
      const target = new StreamHandler(sink);
      target.setFormatter(new JSONFormatter({ maxDepth: 100 }));
      const listener = new QueueListener(queue, target);
      listener.start();
      for (const h of [file, json, qh]) logger.addHandler(h);

      const rand = rng(20261206);
      const all: string[] = [];
      const inputs: unknown[] = [];
      const copies: string[] = [];
      const N = 10_000;
      for (let n = 0; n < N; n++) {
        const secrets: string[] = [];
        const payload = generate(rand, 0, secrets, n);
        const arg = generate(rand, 1, secrets, n);
        inputs.push(payload, arg);
        copies.push(JSON.stringify(payload), JSON.stringify(arg));
        const r = rand();
        if (r < 0.1 && secrets.length > 0) {
          // The secret also appears in an error's message and properties.
          const err = Object.assign(new Error(`failed with ${secrets[0]}`), {
            config: { password: secrets[0] },
          });
          logger.error('call %s failed', arg, kw({ exc_info: err, extra: { payload } }));
        } else {
          logger.info('call %s', arg, kw({ extra: { payload } }));
        }
        all.push(...secrets);
      }
      await listener.stop();
      file.close();
      const outputs = {
        file: readFileSync(join(dir, 'out.log'), 'utf8'),
        json: memory.chunks.join(''),
        queue: sink.chunks.join(''),
      };
      expect(all.length).toBeGreaterThan(5_000);
      for (const [name, text] of Object.entries(outputs)) {
        expect(
          text
            .split('\n')
            .filter((l) => l.startsWith('INFO') || l.startsWith('ERROR') || l.startsWith('{'))
            .length,
          name,
        ).toBeGreaterThanOrEqual(N);
        const leaked = text.match(/SECRET\d+x\d+/g) ?? [];
        expect(leaked, `${name} leaked`).toEqual([]);
        expect(text).toContain('[REDACTED]');
      }
      // Every JSON line parses and there is exactly one per record.
      expect(outputs.json.trimEnd().split('\n').length).toBe(N);
      expect(outputs.queue.trimEnd().split('\n').length).toBe(N);
      const after = inputs.map((v) => JSON.stringify(v));
      expect(after.filter((v, i) => v !== copies[i])).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
