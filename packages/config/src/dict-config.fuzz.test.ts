import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  FileHandler,
  Formatter,
  MemoryHandler,
  NullHandler,
  resetLogging,
  snapshotLogging,
  StreamHandler,
} from '@logweave/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dictConfig } from './dict-config.js';
import { DictBuilder } from './dict-configurator.js';
import { Resolver } from './resolver.js';
import { ConfigError } from './errors.js';
import { configState } from './state.js';
import { generateConfig, rng } from './test-support/generate.js';
import { fullSnapshot } from './test-support/snapshot.js';

// Construction steps that fail on demand: every class the configurations use is wrapped.
let step = 0;
let failAt = -1;
function tick(): void {
  step++;
  if (step === failAt) throw new Error(`injected failure at construction step ${step}`);
}
class FStream extends StreamHandler {
  static pythonParameters = ['stream'];
  constructor(stream?: never) {
    tick();
    super(stream);
  }
}
class FFile extends FileHandler {
  static pythonParameters = ['filename', 'mode', 'encoding', 'delay', 'errors'];
  constructor(...a: ConstructorParameters<typeof FileHandler>) {
    tick();
    super(...a);
  }
}
class FNull extends NullHandler {
  constructor() {
    tick();
    super();
  }
}
class FMemory extends MemoryHandler {
  static pythonParameters = ['capacity', 'flushLevel', 'target', 'flushOnClose'];
  constructor(...a: ConstructorParameters<typeof MemoryHandler>) {
    tick();
    super(...a);
  }
}
class FFormatter extends Formatter {
  constructor(...a: ConstructorParameters<typeof Formatter>) {
    tick();
    super(...(a as [string]));
  }
}
function failingFilter({ name = '' }: { name?: string }) {
  tick();
  return (r: { name: string }) => r.name.startsWith(name);
}
const names = {
  'logging.StreamHandler': FStream,
  'logging.FileHandler': FFile,
  'logging.NullHandler': FNull,
  'logging.handlers.MemoryHandler': FMemory,
  'logging.Formatter': FFormatter,
  'fuzz.filter': failingFilter,
  'sys.stdout': { write: () => true },
  'sys.stderr': { write: () => true },
};

/** A generated configuration, with formatters and filters routed through injectable factories. */
function injectable(seed: number, dir: string): Record<string, any> {
  const cfg = structuredClone(generateConfig(seed).configs[0]) as Record<string, any>;
  for (const f of Object.values(cfg.formatters ?? {}) as Record<string, unknown>[])
    f.class = 'logging.Formatter';
  for (const [k, f] of Object.entries(cfg.filters ?? {}) as [string, Record<string, unknown>][])
    cfg.filters[k] = { '()': 'fuzz.filter', ...f };
  for (const h of Object.values(cfg.handlers ?? {}) as Record<string, unknown>[])
    if (typeof h.filename === 'string') h.filename = join(dir, h.filename);
  return cfg;
}

/** Random damage: a wrong type, a dangling name, a cfg:// cycle, an unknown class, an unknown key. */
function damage(cfg: Record<string, any>, r: () => number): void {
  const paths: (string | number)[][] = [];
  const walk = (v: unknown, p: (string | number)[]): void => {
    if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        paths.push([...p, Array.isArray(v) ? Number(k) : k]);
        walk(x, [...paths[paths.length - 1]!]);
      }
    }
  };
  walk(cfg, []);
  const junk = [
    42,
    'nope',
    null,
    [],
    {},
    true,
    'cfg://cyc1',
    'ext://nothing.here',
    { '()': 'missing.factory' },
    -1.5,
  ];
  const kind = Math.floor(r() * 4);
  if (kind === 0 && paths.length) {
    const p = paths[Math.floor(r() * paths.length)]!;
    let o = cfg;
    for (const k of p.slice(0, -1)) o = o[k as string];
    o[p[p.length - 1] as string] = junk[Math.floor(r() * junk.length)];
  } else if (kind === 1) {
    cfg.cyc1 = 'cfg://cyc2';
    cfg.cyc2 = 'cfg://cyc1';
    const hs = Object.values(cfg.handlers ?? {}) as Record<string, unknown>[];
    if (hs[0]) hs[0].stream = 'cfg://cyc1';
    else cfg.root = { level: 'cfg://cyc1' };
  } else if (kind === 2) {
    cfg.loggers = { ...(cfg.loggers ?? {}), fuzz: { handlers: ['ghost'], levle: 1 } };
  } else {
    cfg.handlers = { ...(cfg.handlers ?? {}), broken: { class: 'logging.handlers.NoSuchHandler' } };
  }
}

let restore: () => void;
let dir: string;
beforeAll(() => {
  restore = snapshotLogging();
  dir = mkdtempSync(join(tmpdir(), 'logweave-fuzz-'));
});
afterAll(() => {
  restore();
  rmSync(dir, { recursive: true, force: true });
});

async function applyLive(seed: number): Promise<void> {
  resetLogging();
  configState().handlers.clear();
  failAt = -1;
  await dictConfig(injectable(seed, dir), { names });
}

describe('dictConfig() under failure injection: never a crash, never a partial apply', () => {
  it('a failure injected at every construction step of 40 generated configurations leaves the full state unchanged', async () => {
    let rejected = 0;
    for (let seed = 1; seed <= 40; seed++) {
      await applyLive(seed + 500);
      const cfg = injectable(seed, dir);
      step = 0;
      failAt = -1;
      const before = fullSnapshot(dir);
      // Count the construction steps by building aside (what dictConfig does before its swap).
      const builder = new DictBuilder(
        structuredClone(cfg),
        new Resolver({ names }),
        configState().handlers,
      );
      builder.build();
      const steps = step;
      for (const b of builder.built.values()) if (!b.reused) b.handler.close();
      expect(fullSnapshot(dir)).toEqual(before);
      for (let n = 1; n <= steps; n++) {
        step = 0;
        failAt = n;
        const e = await dictConfig(structuredClone(cfg), { names }).then(
          () => null,
          (x: unknown) => x,
        );
        expect(e, `seed ${seed} step ${n}`).toBeInstanceOf(ConfigError);
        expect((e as ConfigError).message).toContain(`injected failure at construction step ${n}`);
        expect(fullSnapshot(dir), `seed ${seed} step ${n}`).toEqual(before);
        rejected++;
      }
    }
    expect(rejected).toBeGreaterThan(100);
  });

  it('300 randomly damaged configurations are either applied whole or rejected with a ConfigError and no change', async () => {
    const r = rng(7);
    let rejected = 0;
    for (let i = 0; i < 300; i++) {
      if (i % 10 === 0) await applyLive(i + 900);
      failAt = -1;
      const cfg = injectable(1 + Math.floor(r() * 200), dir);
      damage(cfg, r);
      const before = fullSnapshot(dir);
      const e = await dictConfig(cfg, { names }).then(
        () => null,
        (x: unknown) => x,
      );
      if (e !== null) {
        expect(e, JSON.stringify(cfg)).toBeInstanceOf(ConfigError);
        expect(fullSnapshot(dir), JSON.stringify(cfg)).toEqual(before);
        rejected++;
      }
    }
    expect(rejected).toBeGreaterThan(150);
  });
});
