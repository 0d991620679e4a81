// Differential: a scripted sequence of writes (with a fake clock) through our handlers and
// through CPython's (3.13's rollover logic on the machine's python3) leaves the same files
// with the same bytes; no byte is lost or overwritten, and each backup is named for its period.
import { mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localtime, makeLogRecord, strftime } from '@logweave/core';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RotatingFileHandler } from './rotating-file-handler.js';
import { TimedRotatingFileHandler } from './timed-rotating-file-handler.js';
import { hasPython, runPython, vsCPython } from './test-support/python.js';

type Files = Record<string, string>;

function readFiles(dir: string): Files {
  const out: Files = {};
  for (const name of readdirSync(dir).sort()) out[name] = readFileSync(join(dir, name), 'utf8');
  return out;
}

/** A deterministic pseudo-random generator (mulberry32). */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface TimedCase {
  title: string;
  tz: string;
  when: string;
  interval: number;
  backupCount: number;
  utc: boolean;
  atTime: string | null;
  start: number;
  /** Largest step between writes, in seconds. */
  step: number;
  count: number;
}

const NY_SPRING = 1710054000; // 2024-03-10 03:00 EDT, just after the change
const LONDON_AUTUMN = 1729990800; // 2024-10-27 01:00 UTC, the change
const LORD_HOWE_SPRING = 1728142200; // 2024-10-06 02:00 +10:30 (30-minute change)

const TIMED: TimedCase[] = [
  {
    title: 'S, interval 1',
    tz: 'UTC',
    when: 'S',
    interval: 1,
    backupCount: 0,
    utc: false,
    atTime: null,
    start: 1_700_000_000,
    step: 3,
    count: 60,
  },
  {
    title: 'M, interval 7, backupCount 3',
    tz: 'Europe/London',
    when: 'M',
    interval: 7,
    backupCount: 3,
    utc: false,
    atTime: null,
    start: LONDON_AUTUMN - 3600,
    step: 400,
    count: 80,
  },
  {
    title: 'H, interval 2 across the London autumn change',
    tz: 'Europe/London',
    when: 'H',
    interval: 2,
    backupCount: 0,
    utc: false,
    atTime: null,
    start: LONDON_AUTUMN - 5 * 3600,
    step: 2000,
    count: 60,
  },
  {
    title: 'D, interval 1, utc',
    tz: 'America/New_York',
    when: 'D',
    interval: 1,
    backupCount: 0,
    utc: true,
    atTime: null,
    start: NY_SPRING - 4 * 86400,
    step: 30000,
    count: 60,
  },
  {
    title: 'midnight across the New York spring change',
    tz: 'America/New_York',
    when: 'MIDNIGHT',
    interval: 1,
    backupCount: 0,
    utc: false,
    atTime: null,
    start: NY_SPRING - 5 * 86400,
    step: 20000,
    count: 80,
  },
  {
    title: 'midnight, interval 2, backupCount 2, across the London autumn change',
    tz: 'Europe/London',
    when: 'MIDNIGHT',
    interval: 2,
    backupCount: 2,
    utc: false,
    atTime: null,
    start: LONDON_AUTUMN - 6 * 86400,
    step: 20000,
    count: 80,
  },
  {
    title: 'midnight atTime 02:30 across the Lord Howe change',
    tz: 'Australia/Lord_Howe',
    when: 'MIDNIGHT',
    interval: 1,
    backupCount: 0,
    utc: false,
    atTime: '02:30:00',
    start: LORD_HOWE_SPRING - 5 * 86400,
    step: 20000,
    count: 80,
  },
  {
    title: 'W0 across the New York spring change',
    tz: 'America/New_York',
    when: 'W0',
    interval: 1,
    backupCount: 0,
    utc: false,
    atTime: null,
    start: NY_SPRING - 20 * 86400,
    step: 90000,
    count: 60,
  },
  {
    title: 'W6, interval 2, atTime 13:45, backupCount 1',
    tz: 'Europe/London',
    when: 'W6',
    interval: 2,
    backupCount: 1,
    utc: false,
    atTime: '13:45:00',
    start: LONDON_AUTUMN - 30 * 86400,
    step: 150000,
    count: 60,
  },
];

function script(c: TimedCase): { times: number[]; msgs: string[] } {
  const next = rng(c.start % 100_000);
  const times: number[] = [];
  const msgs: string[] = [];
  let t = c.start;
  for (let i = 0; i < c.count; i++) {
    t += Math.floor(next() * c.step);
    times.push(t);
    msgs.push(`line ${i} at ${t}${'.'.repeat(Math.floor(next() * 20))}`);
  }
  return { times, msgs };
}

const TIMED_PY = String.raw`
import datetime, logging, logging.handlers, os, time
import cpython313 as ref
now = [0]
logging.handlers.time.time = lambda: now[0]
results = []
for run in data['runs']:
    os.environ['TZ'] = run['case']['tz']
    time.tzset()
    c = run['case']
    d = run['dir']
    at = None
    if c['atTime']:
        h, m, s = map(int, c['atTime'].split(':'))
        at = datetime.time(h, m, s)
    now[0] = run['times'][0]
    handler = ref.Timed313(os.path.join(d, 'app.log'), when=c['when'], interval=c['interval'],
                           backupCount=c['backupCount'], utc=c['utc'], atTime=at,
                           encoding='utf-8', delay=run['delay'])
    for t, msg in zip(run['times'], run['msgs']):
        now[0] = t
        handler.handle(logging.makeLogRecord({'msg': msg}))
    handler.close()
    out = {}
    for name in sorted(os.listdir(d)):
        with open(os.path.join(d, name), encoding='utf-8') as f:
            out[name] = f.read()
    results.append(out)
emit(results)
`;

/** The first rollover comes from the file's mtime: an existing empty file last modified at
 * the start (even cases), or none (odd cases: delay) and the clock. */
const delayed = (index: number): boolean => index % 2 === 1;

function prepare(d: string, index: number, start: number): void {
  if (delayed(index)) return;
  writeFileSync(join(d, 'app.log'), '');
  utimesSync(join(d, 'app.log'), start, start);
}

describe('TimedRotatingFileHandler with a fake clock, against CPython 3.13', () => {
  let savedTz: string | undefined;
  let wants: Files[] = [];
  beforeAll(() => {
    if (!hasPython) return;
    const runs = TIMED.map((c, index) => {
      const { times, msgs } = script(c);
      const dir = mkdtempSync(join(tmpdir(), 'lw-seq-py-'));
      prepare(dir, index, times[0]!);
      return { case: c, dir, times, msgs, delay: delayed(index) };
    });
    wants = runPython<Files[]>(TIMED_PY, { runs });
  }, 60_000);
  beforeEach(() => {
    savedTz = process.env.TZ;
  });
  afterEach(() => {
    if (savedTz === undefined) delete process.env.TZ;
    else process.env.TZ = savedTz;
  });

  for (const [index, c] of TIMED.entries()) {
    it.skipIf(!hasPython)(vsCPython(`${c.title} (TZ=${c.tz}): same files, same bytes`), () => {
      process.env.TZ = c.tz;
      const { times, msgs } = script(c);
      const delay = delayed(index);
      const want = wants[index]!;
      const dir = mkdtempSync(join(tmpdir(), 'lw-seq-ts-'));
      prepare(dir, index, times[0]!);
      let now = times[0]!;
      const h = new TimedRotatingFileHandler(join(dir, 'app.log'), {
        when: c.when,
        interval: c.interval,
        backupCount: c.backupCount,
        utc: c.utc,
        atTime: c.atTime,
        delay,
        clock: () => now,
      });
      for (let i = 0; i < times.length; i++) {
        now = times[i]!;
        h.handle(makeLogRecord({ msg: msgs[i] }));
      }
      h.close();
      const got = readFiles(dir);
      expect(got).toEqual(want);
      expect(Object.keys(got).length).toBeGreaterThanOrEqual(c.backupCount === 1 ? 2 : 3);

      if (c.backupCount === 0) {
        // Nothing lost, nothing overwritten: every line is in exactly one file, in order.
        const all = Object.values(got).join('');
        expect(all.length).toBe(msgs.reduce((n, m) => n + m.length + 1, 0));
        const lines = Object.values(got).flatMap((s) => s.split('\n').filter(Boolean));
        expect(lines.sort()).toEqual([...msgs].sort());
      } else {
        expect(Object.keys(got).length).toBeLessThanOrEqual(c.backupCount + 1);
      }
      // Each backup is named for its period: aligned periods hold only lines of that date.
      if (c.when === 'MIDNIGHT' && c.interval === 1 && c.atTime === null) {
        for (const [name, text] of Object.entries(got)) {
          if (name === 'app.log') continue;
          const day = name.slice('app.log.'.length);
          for (const line of text.split('\n').filter(Boolean)) {
            const t = Number(/ at (\d+)/.exec(line)![1]);
            expect(strftime('%Y-%m-%d', localtime(t))).toBe(day);
          }
        }
      }
    });
  }
});

const ROTATING_PY = String.raw`
import logging, logging.handlers, os
import cpython313 as ref
results = []
for run in data['runs']:
    d = run['dir']
    c = run['case']
    handler = ref.Rotating313(os.path.join(d, 'app.log'), maxBytes=c['maxBytes'],
                              backupCount=c['backupCount'], encoding='utf-8', delay=c['delay'])
    for msg in run['msgs']:
        handler.handle(logging.makeLogRecord({'msg': msg}))
    handler.close()
    out = {}
    for name in sorted(os.listdir(d)):
        with open(os.path.join(d, name), encoding='utf-8') as f:
            out[name] = f.read()
    results.append(out)
emit(results)
`;

function rotatingMessages(c: { maxBytes: number; backupCount: number }): string[] {
  const next = rng(c.maxBytes * 7 + c.backupCount);
  const msgs: string[] = [];
  for (let i = 0; i < 120; i++) {
    const kind = Math.floor(next() * 4);
    const pad = ['x', 'é', '😀', 'ab'][kind]!.repeat(Math.floor(next() * (i % 17 === 0 ? 60 : 12)));
    msgs.push(`r${i} ${pad}`);
  }
  return msgs;
}

describe('RotatingFileHandler against CPython 3.13', () => {
  const cases = [
    { maxBytes: 100, backupCount: 3, delay: false },
    { maxBytes: 100, backupCount: 50, delay: true },
    { maxBytes: 37, backupCount: 2, delay: false },
    { maxBytes: 0, backupCount: 3, delay: false },
    { maxBytes: 100, backupCount: 0, delay: false },
  ];
  let wants: Files[] = [];
  beforeAll(() => {
    if (!hasPython) return;
    const runs = cases.map((c) => ({
      case: c,
      dir: mkdtempSync(join(tmpdir(), 'lw-rot-py-')),
      msgs: rotatingMessages(c),
    }));
    wants = runPython<Files[]>(ROTATING_PY, { runs });
  }, 60_000);
  for (const [index, c] of cases.entries()) {
    it.skipIf(!hasPython)(
      vsCPython(
        `maxBytes ${c.maxBytes}, backupCount ${c.backupCount}${c.delay ? ', delay' : ''}: same files, same bytes (ASCII, accented and astral characters, records longer than maxBytes)`,
      ),
      () => {
        const msgs = rotatingMessages(c);
        const want = wants[index]!;
        const dir = mkdtempSync(join(tmpdir(), 'lw-rot-ts-'));
        const h = new RotatingFileHandler(join(dir, 'app.log'), {
          maxBytes: c.maxBytes,
          backupCount: c.backupCount,
          delay: c.delay,
        });
        for (const msg of msgs) h.handle(makeLogRecord({ msg }));
        h.close();
        const got = readFiles(dir);
        expect(got).toEqual(want);
        if (c.backupCount >= 50 || c.maxBytes === 0 || c.backupCount === 0) {
          // Nothing deleted by retention: every record is in exactly one file, in order.
          const names = Object.keys(got).sort((a, b) => suffixNum(b) - suffixNum(a));
          expect(names.map((n) => got[n]).join('')).toBe(msgs.map((m) => `${m}\n`).join(''));
        }
      },
    );
  }
});

function suffixNum(name: string): number {
  const m = /\.(\d+)$/.exec(name);
  return m === null ? 0 : Number(m[1]);
}
