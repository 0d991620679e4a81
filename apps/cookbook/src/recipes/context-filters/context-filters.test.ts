import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  hasPython,
  normaliseAsctime,
  runPython,
  runRecipe,
} from '../../test-support/run-recipe.js';

const LINE =
  /^<asctime> (a\.b\.c|d\.e\.f) (DEBUG|INFO|WARNING|ERROR|CRITICAL) +IP: (\S+) +User: (\S+) +(.*)$/;

// The cookbook's program, with random.choice answering from the picks our run made, so the
// two outputs can be compared byte for byte.
const pythonTwin = (picks: string[]) => `
import logging, json
_picks = json.loads(${JSON.stringify(JSON.stringify(picks))})
def choice(seq):
    v = _picks.pop(0)
    for s in seq:
        if str(s) == v or logging.getLevelName(s) == v:
            return s
    raise AssertionError(v)

class ContextFilter(logging.Filter):
    USERS = ['jim', 'fred', 'sheila']
    IPS = ['123.231.231.123', '127.0.0.1', '192.168.0.1']
    def filter(self, record):
        record.ip = choice(ContextFilter.IPS)
        record.user = choice(ContextFilter.USERS)
        return True

levels = (logging.DEBUG, logging.INFO, logging.WARNING, logging.ERROR, logging.CRITICAL)
logging.basicConfig(level=logging.DEBUG,
                    format='%(asctime)-15s %(name)-5s %(levelname)-8s IP: %(ip)-15s User: %(user)-8s %(message)s')
a1 = logging.getLogger('a.b.c')
a2 = logging.getLogger('d.e.f')
f = ContextFilter()
a1.addFilter(f)
a2.addFilter(f)
a1.debug('A debug message')
a1.info('An info message with %s', 'some parameters')
for x in range(10):
    lvl = choice(levels)
    lvlname = logging.getLevelName(lvl)
    a2.log(lvl, 'A message at %s level with %d %s', lvlname, 2, 'parameters')
`;

describe('recipe 11, context-filters', () => {
  const run = runRecipe('context-filters', { COOKBOOK_SEED: '11' });
  const lines = normaliseAsctime(run.stderr).split('\n').slice(0, -1);

  it('exits cleanly and logs twelve records', () => {
    expect(run.status).toBe(0);
    expect(lines).toHaveLength(12);
  });

  it('injects an ip and a user from the filter into every record', () => {
    for (const line of lines) {
      const m = LINE.exec(line);
      expect(m, line).not.toBeNull();
      expect(['123.231.231.123', '127.0.0.1', '192.168.0.1']).toContain(m![3]);
      expect(['jim', 'fred', 'sheila']).toContain(m![4]);
    }
    expect(lines[0]).toMatch(/^<asctime> a\.b\.c DEBUG {4}IP: \S+ +User: \S+ +A debug message$/);
    expect(lines[1]).toMatch(/ INFO {5}IP: .* An info message with some parameters$/);
    for (const line of lines.slice(2)) {
      const m = LINE.exec(line)!;
      expect(m[5]).toBe(`A message at ${m[2]} level with 2 parameters`);
    }
  });

  it('repeats its random choices for the same seed', () => {
    const again = runRecipe('context-filters', { COOKBOOK_SEED: '11' });
    expect(normaliseAsctime(again.stderr)).toBe(normaliseAsctime(run.stderr));
  });

  it.skipIf(!hasPython)(
    `prints what CPython prints for the same choices${hasPython ? '' : ' [skipped: python3 not found]'}`,
    () => {
      const picks: string[] = [];
      lines.forEach((line, i) => {
        const m = LINE.exec(line)!;
        if (i >= 2) picks.push(m[2]!);
        picks.push(m[3]!, m[4]!);
      });
      const py = runPython(pythonTwin(picks), mkdtempSync(join(tmpdir(), 'cookbook-py-')))!;
      expect(py.status).toBe(0);
      expect(normaliseAsctime(run.stderr)).toBe(normaliseAsctime(py.stderr));
    },
  );
});
