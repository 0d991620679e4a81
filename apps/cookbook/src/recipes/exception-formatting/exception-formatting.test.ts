import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasPython, runPython, runRecipe } from '../../test-support/run-recipe.js';

const pythonTwin = `
import logging
class OneLineExceptionFormatter(logging.Formatter):
    def formatException(self, exc_info):
        result = super().formatException(exc_info)
        return repr(result)
    def format(self, record):
        s = super().format(record)
        if record.exc_text:
            s = s.replace('\\n', '') + '|'
        return s
fh = logging.FileHandler('output.txt', 'w')
fh.setFormatter(OneLineExceptionFormatter('%(asctime)s|%(levelname)s|%(message)s|', '%d/%m/%Y %H:%M:%S'))
root = logging.getLogger(); root.setLevel(logging.DEBUG); root.addHandler(fh)
logging.info('Sample message')
try:
    x = 1 / 0
except ZeroDivisionError as e:
    logging.exception('ZeroDivisionError: %s', e)
`;

const DATE = /^\d\d\/\d\d\/\d{4} \d\d:\d\d:\d\d\|/gm;

describe('recipe 28, exception-formatting', () => {
  const run = runRecipe('exception-formatting');
  const text = run.status === 0 ? readFileSync(join(run.outDir, 'output.txt'), 'utf8') : '';
  const lines = text.split('\n');

  it('writes one line per record, the exception record included', () => {
    expect(run.status).toBe(0);
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
    expect(lines[0]).toMatch(/^\d\d\/\d\d\/\d{4} \d\d:\d\d:\d\d\|INFO\|Sample message\|$/);
  });

  it("puts the error's stack, as a repr, on the error line, ending with '|'", () => {
    const line = lines[1]!.replace(DATE, '<date>|');
    // Core renders a JavaScript error as its stack (see core's README); the recipe's point is
    // that the whole of it sits on one line as a quoted repr.
    expect(line).toMatch(
      /^<date>\|ERROR\|RangeError: division by zero\|'RangeError: division by zero\\n {4}at divide \(.*index\.ts:\d+:\d+\)\\n {4}at Object\.run .*'\|$/,
    );
    expect(line).not.toContain('\n');
  });

  it.skipIf(!hasPython)(
    `has CPython's line shape (same fields, quoting and separators)${hasPython ? '' : ' [skipped: python3 not found]'}`,
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'cookbook-py-'));
      const py = runPython(pythonTwin, dir)!;
      expect(py.status).toBe(0);
      const theirs = readFileSync(join(dir, 'output.txt'), 'utf8').split('\n');
      // Stacks differ (a Node stack against a Python one); the frame of each line must match.
      const shape = (l: string) =>
        l
          .replace(DATE, '<date>|')
          .replace(
            /\|'(Traceback|RangeError|ZeroDivisionError).*division by zero.*'\|$/,
            "|'<stack>'|",
          )
          .replace(/(RangeError|ZeroDivisionError): (division by zero)/g, '<E>: $2');
      expect(lines.map(shape)).toEqual(theirs.map(shape));
    },
  );
});
