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
import {
  RotatingFileHandler,
  TimedRotatingFileHandler,
  WatchedFileHandler,
} from '@logweave/handlers-file';
import {
  DatagramHandler,
  HTTPHandler,
  SMTPHandler,
  SocketHandler,
  SysLogHandler,
} from '@logweave/handlers-net';
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
// The handler packages' classes, wrapped the same way (Python's parameter lists).
class FRotating extends RotatingFileHandler {
  static pythonParameters = [
    'filename',
    'mode',
    'maxBytes',
    'backupCount',
    'encoding',
    'delay',
    'errors',
  ];
  constructor(...a: ConstructorParameters<typeof RotatingFileHandler>) {
    tick();
    super(...a);
  }
}
class FTimed extends TimedRotatingFileHandler {
  static pythonParameters = [
    'filename',
    'when',
    'interval',
    'backupCount',
    'encoding',
    'delay',
    'utc',
    'atTime',
    'errors',
  ];
  constructor(...a: ConstructorParameters<typeof TimedRotatingFileHandler>) {
    tick();
    super(...a);
  }
}
class FWatched extends WatchedFileHandler {
  static pythonParameters = ['filename', 'mode', 'encoding', 'delay', 'errors'];
  constructor(...a: ConstructorParameters<typeof WatchedFileHandler>) {
    tick();
    super(...a);
  }
}
class FSocket extends SocketHandler {
  static pythonParameters = ['host', 'port'];
  constructor(...a: ConstructorParameters<typeof SocketHandler>) {
    tick();
    super(...a);
  }
}
class FDatagram extends DatagramHandler {
  static pythonParameters = ['host', 'port'];
  constructor(...a: ConstructorParameters<typeof DatagramHandler>) {
    tick();
    super(...a);
  }
}
class FSysLog extends SysLogHandler {
  static pythonParameters = ['address', 'facility', 'socktype'];
  constructor(...a: ConstructorParameters<typeof SysLogHandler>) {
    tick();
    super(...a);
  }
}
class FHTTP extends HTTPHandler {
  static pythonParameters = ['host', 'url', 'method', 'secure', 'credentials', 'context'];
  constructor(...a: ConstructorParameters<typeof HTTPHandler>) {
    tick();
    super(...a);
  }
}
class FSMTP extends SMTPHandler {
  static pythonParameters = [
    'mailhost',
    'fromaddr',
    'toaddrs',
    'subject',
    'credentials',
    'secure',
    'timeout',
  ];
  constructor(...a: ConstructorParameters<typeof SMTPHandler>) {
    tick();
    super(...a);
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
  'logging.handlers.RotatingFileHandler': FRotating,
  'logging.handlers.TimedRotatingFileHandler': FTimed,
  'logging.handlers.WatchedFileHandler': FWatched,
  'logging.handlers.SocketHandler': FSocket,
  'logging.handlers.DatagramHandler': FDatagram,
  'logging.handlers.SysLogHandler': FSysLog,
  'logging.handlers.HTTPHandler': FHTTP,
  'logging.handlers.SMTPHandler': FSMTP,
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
beforeAll(async () => {
  // Loads the handler packages, so that the wrappers above inherit their classes' checks.
  await new Resolver({}).preload(
    ['SocketHandler', 'RotatingFileHandler'].map((c) => `logging.handlers.${c}`),
  );
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
  it('a failure injected at every construction step of 40 generated configurations (and more seeds until every wrapped handler class is drawn) leaves the full state unchanged', async () => {
    let rejected = 0;
    // Seeds 1-40, plus the first later seeds bringing a handler class not drawn yet, so that
    // every wrapped class (core's and the handler packages') is failed at least once.
    const classesOf = (seed: number) =>
      Object.values(injectable(seed, dir).handlers ?? {}).map((h) => String((h as any).class));
    const covered = new Set<string>();
    const seeds: number[] = [];
    for (let seed = 1; seed <= 200; seed++) {
      const cs = classesOf(seed);
      if (seed <= 40 || cs.some((c) => !covered.has(c))) {
        seeds.push(seed);
        for (const c of cs) covered.add(c);
      }
    }
    for (const k of Object.keys(names).filter((n) => /Handler$/.test(n)))
      expect(covered, k).toContain(k);
    for (const seed of seeds) {
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

  it('a handler-package handler that cannot be built (missing directory, bad port, bad facility/method) rejects the whole config: no file created, no state changed', async () => {
    await applyLive(77);
    const ok = { class: 'logging.FileHandler', filename: join(dir, 'would-be-created.log') };
    const missing = join(dir, 'no-such-dir', 'x.log');
    const bad: [string, Record<string, unknown>, RegExp][] = [
      [
        'handlers.bad.filename',
        { class: 'logging.handlers.RotatingFileHandler', filename: missing, maxBytes: 10 },
        /No such file or directory/,
      ],
      [
        'handlers.bad.filename',
        { class: 'logging.handlers.TimedRotatingFileHandler', filename: missing, when: 'D' },
        /No such file or directory/,
      ],
      [
        'handlers.bad.filename',
        { class: 'logging.handlers.WatchedFileHandler', filename: missing },
        /No such file or directory/,
      ],
      [
        'handlers.bad.port',
        { class: 'logging.handlers.SocketHandler', host: '127.0.0.1', port: 70000 },
        /port must be an integer from 1 to 65535/,
      ],
      [
        'handlers.bad.port',
        { class: 'logging.handlers.SocketHandler', host: '127.0.0.1', port: 'abc' },
        /port must be an integer/,
      ],
      [
        'handlers.bad.port',
        { class: 'logging.handlers.DatagramHandler', host: '127.0.0.1', port: -1 },
        /port must be an integer/,
      ],
      [
        'handlers.bad',
        { class: 'logging.handlers.SysLogHandler', address: ['127.0.0.1', 514], facility: 'nope' },
        /nope/,
      ],
      [
        'handlers.bad',
        { class: 'logging.handlers.SysLogHandler', address: ['127.0.0.1', 99999] },
        /address/,
      ],
      [
        'handlers.bad',
        { class: 'logging.handlers.HTTPHandler', host: 'localhost', url: '/', method: 'PUT' },
        /GET or POST/,
      ],
      [
        'handlers.bad',
        {
          class: 'logging.handlers.TimedRotatingFileHandler',
          filename: join(dir, 't.log'),
          when: 'W7',
        },
        /W7|when/i,
      ],
    ];
    for (const [where, h, why] of bad) {
      const before = fullSnapshot(dir);
      const cfg = {
        version: 1,
        handlers: { ok, bad: h },
        root: { level: 'DEBUG', handlers: ['ok', 'bad'] },
      };
      const e = await dictConfig(cfg, { names: { 'sys.stdout': names['sys.stdout'] } }).then(
        () => null,
        (x: unknown) => x,
      );
      expect(e, JSON.stringify(h)).toBeInstanceOf(ConfigError);
      expect((e as ConfigError).message, JSON.stringify(h)).toContain(where);
      expect((e as ConfigError).message, JSON.stringify(h)).toMatch(why);
      expect(fullSnapshot(dir), JSON.stringify(h)).toEqual(before);
    }
  });
});
