// Differential: rollover times and backup names against CPython 3.13's logic (transcribed
// in test-support/cpython313.py and run by the machine's python3), across DST changes in
// three zones, and the list of cases where the machine's own python3 (3.11) differs.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TimedRotatingFileHandler } from './timed-rotating-file-handler.js';
import { hasPython, runPython, vsCPython } from './test-support/python.js';

const ZONES = ['America/New_York', 'Europe/London', 'Australia/Lord_Howe'] as const;
const WHENS = ['S', 'M', 'H', 'D', 'MIDNIGHT', 'W0', 'W6'] as const;
const INTERVALS = [1, 2, 7] as const;
const AT_TIMES = [null, '02:30:00', '13:45:00'] as const;

interface Config {
  when: string;
  interval: number;
  utc: boolean;
  atTime: string | null;
}

const CONFIGS: Config[] = [];
for (const when of WHENS) {
  for (const interval of INTERVALS) {
    for (const utc of [false, true]) {
      // atTime only matters for MIDNIGHT and Wx; one check that the others ignore it.
      const ats = when === 'MIDNIGHT' || when.startsWith('W') ? AT_TIMES : [null, '13:45:00'];
      for (const atTime of ats) CONFIGS.push({ when, interval, utc, atTime });
    }
  }
}

// For each config and start time t: first = computeRollover(t); then a rollover at `first`
// (on time) and one 1807 s late: the backup's name and the next rollover time for each.
// `first311` is what the machine's python3 (3.11) computes.
const SCRIPT = String.raw`
import datetime, logging.handlers, os, tempfile, time
import cpython313 as ref
time.tzset()

def transitions(year):
    out = []
    t = int(time.mktime((year, 1, 1, 0, 0, 0, 0, 0, -1)))
    end = int(time.mktime((year + 1, 1, 1, 0, 0, 0, 0, 0, -1)))
    prev = time.localtime(t).tm_isdst
    while t < end:
        t2 = t + 3600
        d = time.localtime(t2).tm_isdst
        if d != prev:
            lo, hi = t, t2
            while hi - lo > 1:
                mid = (lo + hi) // 2
                if time.localtime(mid).tm_isdst == prev: lo = mid
                else: hi = mid
            out.append(hi)
            prev = d
        t = t2
    return out

times = set()
for T in transitions(2024):
    for k in range(-3 * 8, 9 * 8 + 1):
        times.add(T + k * 10800 + 1)
    lt = time.localtime(T)
    for dd in range(-3, 10):
        for (h, m, s) in ((0, 0, 0), (2, 30, 0), (13, 45, 0)):
            base = int(time.mktime((lt.tm_year, lt.tm_mon, lt.tm_mday + dd, h, m, s, 0, 0, -1)))
            for off in (-1, 0, 1):
                times.add(base + off)
times = sorted(times)

d = tempfile.mkdtemp()
path = os.path.join(d, 'app.log')
def at(s):
    if s is None: return None
    h, m, sec = map(int, s.split(':'))
    return datetime.time(h, m, sec)

out = []
for c in data['configs']:
    kw = dict(when=c['when'], interval=c['interval'], utc=c['utc'], atTime=at(c['atTime']), delay=True)
    h13 = ref.Timed313(path, **kw)
    h11 = logging.handlers.TimedRotatingFileHandler(path, **kw)
    rows = []
    for t in times:
        first = h13.computeRollover(t)
        h13.rolloverAt = first
        late = first + 1807
        rows.append([t, first, os.path.basename(ref.rollover_filename_313(h13, first)), h13.computeRollover(first),
                     os.path.basename(ref.rollover_filename_313(h13, late)), h13.computeRollover(late),
                     h11.computeRollover(t)])
    out.append(rows)
emit(out)
`;

type Row = [number, number, string, number, string, number, number];

describe.each(ZONES)('TimedRotatingFileHandler under TZ=%s', (zone) => {
  let saved: string | undefined;
  let results: Row[][] = [];
  beforeAll(() => {
    saved = process.env.TZ;
    process.env.TZ = zone;
    if (hasPython) {
      results = runPython<Row[][]>(SCRIPT, { configs: CONFIGS }, { env: { TZ: zone } });
    }
  }, 60_000);
  afterAll(() => {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  });

  it.skipIf(!hasPython)(
    vsCPython(
      'computeRollover() and the backup name equal CPython 3.13 for S M H D midnight W0 W6 × interval 1 2 7 × utc × atTime, start times around both DST changes of 2024',
    ),
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'lw-timed-diff-'));
      const mismatches: string[] = [];
      let checked = 0;
      CONFIGS.forEach((c, i) => {
        const h = new TimedRotatingFileHandler(join(dir, 'app.log'), {
          when: c.when,
          interval: c.interval,
          utc: c.utc,
          atTime: c.atTime,
          delay: true,
        });
        for (const [t, first, name, next, lateName, lateNext] of results[i]!) {
          const ours = h.computeRollover(t);
          h.rolloverAt = ours;
          const got: Row = [
            t,
            ours,
            basename(h.rolloverFilename(ours)),
            h.computeRollover(ours),
            basename(h.rolloverFilename(ours + 1807)),
            h.computeRollover(ours + 1807),
            0,
          ];
          const want = [t, first, name, next, lateName, lateNext, 0];
          checked++;
          if (JSON.stringify(got) !== JSON.stringify(want) && mismatches.length < 10) {
            mismatches.push(
              `${JSON.stringify(c)} ours ${JSON.stringify(got)} cpython ${JSON.stringify(want)}`,
            );
          }
        }
        h.close();
      });
      expect(mismatches).toEqual([]);
      expect(checked).toBeGreaterThan(CONFIGS.length * 150);
    },
    60_000,
  );

  it.skipIf(!hasPython)(
    vsCPython(
      "where the machine's python3 (3.11) differs from 3.13, it is only gh-90535 (interval ignored for midnight/Wx), atTime reached exactly (3.11: now) and the DST fix",
    ),
    () => {
      const kinds = new Set<string>();
      CONFIGS.forEach((c, i) => {
        for (const [t, first, , , , , first311] of results[i]!) {
          if (first === first311) continue;
          const daily = c.when === 'MIDNIGHT' || c.when.startsWith('W');
          if (!daily) kinds.add(`unexpected ${c.when}`);
          else if (c.interval > 1) kinds.add('gh-90535');
          else if (first311 === t) kinds.add('atTime-now');
          else if (Math.abs(first - first311) === 3600) kinds.add('dst');
          else kinds.add(`unexpected ${JSON.stringify(c)} ${t}`);
        }
      });
      // 'dst': 3.11 applies no DST correction to midnight rollovers (only to Wx), so a day
      // with a DST change ends an hour early or late; 3.13 corrects it.
      expect([...kinds].sort()).toEqual(['atTime-now', 'dst', 'gh-90535']);
    },
    60_000,
  );
});
