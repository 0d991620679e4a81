import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WARNING } from '../levels.js';
import { type LogRecord, makeLogRecord } from '../record.js';
import { FileHandler } from './file-handler.js';
import { hasPython, runPython, vsCPython } from './test-support/python.js';

const rec = (msg: string): LogRecord =>
  makeLogRecord({ msg, levelno: WARNING, levelname: 'WARNING' });

class Probe extends FileHandler {
  reported: string[] = [];
  override handleError(_record: LogRecord, error?: unknown): void {
    this.reported.push((error as Error).message);
  }
}

type Op =
  | ['open', { mode?: string; encoding?: string | null; delay?: boolean; errors?: string | null }]
  | ['emit', string]
  | ['close']
  | ['exists'];

interface Scenario {
  name: string;
  initial?: string;
  ops: Op[];
}

const SCENARIOS: Scenario[] = [
  {
    name: "mode 'w' writes records in order",
    initial: 'old\n',
    ops: [['open', { mode: 'w' }], ['emit', 'a'], ['emit', 'b'], ['close']],
  },
  { name: "mode 'a' appends", initial: 'old\n', ops: [['open', {}], ['emit', 'new'], ['close']] },
  {
    name: 'delay opens on the first record',
    ops: [['open', { delay: true }], ['exists'], ['emit', 'x'], ['exists'], ['close']],
  },
  {
    name: 'delay and close without records leaves no file',
    ops: [['open', { mode: 'w', delay: true }], ['close'], ['exists']],
  },
  {
    name: "close then emit in mode 'a' reopens",
    ops: [['open', { mode: 'a' }], ['emit', '1'], ['close'], ['emit', '2'], ['close']],
  },
  {
    name: "close then emit in mode 'w' drops the record",
    ops: [['open', { mode: 'w' }], ['emit', '1'], ['close'], ['emit', '2'], ['close']],
  },
  { name: "mode 'x' on an existing file fails", initial: 'keep\n', ops: [['open', { mode: 'x' }]] },
  { name: "mode 'x' creates", ops: [['open', { mode: 'x' }], ['emit', 'new'], ['close']] },
  {
    name: 'utf-8 strict on a lone surrogate reports UnicodeEncodeError',
    ops: [
      ['open', { mode: 'w' }],
      ['emit', 'ok'],
      ['emit', 'bad \ud800'],
      ['emit', 'after'],
      ['close'],
    ],
  },
  {
    name: 'ascii backslashreplace',
    ops: [
      ['open', { mode: 'w', encoding: 'ascii', errors: 'backslashreplace' }],
      ['emit', 'caf\u00e9 \u{1f600}'],
      ['close'],
    ],
  },
  {
    name: 'ascii strict',
    ops: [
      ['open', { mode: 'w', encoding: 'ascii' }],
      ['emit', 'caf\u00e9'],
      ['emit', 'fine'],
      ['close'],
    ],
  },
  {
    name: 'latin-1 replace',
    ops: [
      ['open', { mode: 'w', encoding: 'latin-1', errors: 'replace' }],
      ['emit', '\u00e9\u20ac'],
      ['close'],
    ],
  },
  {
    name: 'utf-8 xmlcharrefreplace',
    ops: [
      ['open', { mode: 'w', encoding: 'utf-8', errors: 'xmlcharrefreplace' }],
      ['emit', 'a\udfffb'],
      ['close'],
    ],
  },
  { name: 'binary mode rejects text', ops: [['open', { mode: 'wb' }], ['emit', 'x'], ['close']] },
  {
    name: 'binary mode with an encoding fails',
    ops: [['open', { mode: 'ab', encoding: 'utf-8' }]],
  },
  { name: 'binary mode with errors fails', ops: [['open', { mode: 'ab', errors: 'strict' }]] },
  {
    name: 'read-only mode rejects records',
    initial: 'ro\n',
    ops: [['open', { mode: 'r' }], ['emit', 'x'], ['close']],
  },
  {
    name: "mode 'r+' writes from the start",
    initial: 'abcdef\n',
    ops: [['open', { mode: 'r+' }], ['emit', 'XY'], ['close']],
  },
  { name: "invalid mode 'q'", ops: [['open', { mode: 'q' }]] },
  { name: "duplicated mode 'aa'", ops: [['open', { mode: 'aa' }]] },
  { name: "mode 'rw'", ops: [['open', { mode: 'rw' }]] },
  { name: "mode 'abt'", ops: [['open', { mode: 'abt' }]] },
  { name: "mode '+'", ops: [['open', { mode: '+' }]] },
  { name: 'unknown encoding', ops: [['open', { mode: 'w', encoding: 'bogus-codec' }]] },
];

const PY_RUNNER = `
import logging, os, sys
class H(logging.FileHandler):
    def handleError(self, record):
        self.errs.append(str(sys.exc_info()[1]))
out = []
for sc in data:
    path = sc['path']
    if sc.get('initial') is not None:
        with open(path, 'w') as f: f.write(sc['initial'])
    h = None; res = []
    for op in sc['ops']:
        if op[0] == 'open':
            o = op[1]
            try:
                h = H(path, o.get('mode', 'a'), o.get('encoding'), o.get('delay', False), o.get('errors'))
                h.errs = []
                res.append('ok')
            except OSError as e:
                res.append('errno %d' % e.errno)
            except (ValueError, LookupError) as e:
                res.append(str(e))
        elif op[0] == 'emit':
            h.handle(logging.makeLogRecord({'msg': op[1]}))
            res.append(h.errs); h.errs = []
        elif op[0] == 'close':
            h.close(); res.append(None)
        elif op[0] == 'exists':
            res.append(os.path.exists(path))
    content = open(path, 'rb').read().hex() if os.path.exists(path) else None
    out.append({'results': res, 'file': content})
emit(out)
`;

function runOurs(sc: Scenario & { path: string }): { results: unknown[]; file: string | null } {
  if (sc.initial !== undefined) writeFileSync(sc.path, sc.initial);
  let h: Probe | null = null;
  const results: unknown[] = [];
  for (const op of sc.ops) {
    switch (op[0]) {
      case 'open': {
        const o = op[1];
        try {
          h = new Probe(
            sc.path,
            o.mode ?? 'a',
            o.encoding ?? null,
            o.delay ?? false,
            o.errors ?? null,
          );
          results.push('ok');
        } catch (e) {
          const errno = (e as { errno?: number }).errno;
          results.push(
            typeof errno === 'number' ? `errno ${Math.abs(errno)}` : (e as Error).message,
          );
        }
        break;
      }
      case 'emit':
        h!.handle(rec(op[1]));
        results.push(h!.reported);
        h!.reported = [];
        break;
      case 'close':
        h!.close();
        results.push(null);
        break;
      case 'exists':
        results.push(existsSync(sc.path));
        break;
    }
  }
  return { results, file: existsSync(sc.path) ? readFileSync(sc.path).toString('hex') : null };
}

describe.skipIf(!hasPython)(vsCPython('FileHandler scenarios against CPython'), () => {
  const pyDir = mkdtempSync(join(tmpdir(), 'logweave-fh-py-'));
  const jsDir = mkdtempSync(join(tmpdir(), 'logweave-fh-js-'));
  const expected = hasPython
    ? runPython<{ results: unknown[]; file: string | null }[]>(
        PY_RUNNER,
        SCENARIOS.map((sc, i) => ({ ...sc, path: join(pyDir, `s${i}.log`) })),
      )
    : [];
  it.each(SCENARIOS.map((sc, i) => [sc.name, i] as const))(
    'FileHandler when %s matches CPython',
    (_name, i) => {
      const sc = SCENARIOS[i]!;
      const ours = runOurs({ ...sc, path: join(jsDir, `s${i}.log`) });
      const theirs = expected[i]!;
      // Unknown encodings: CPython's LookupError text, plus what logweave supports.
      const results = ours.results.map((r, j) =>
        typeof r === 'string' && r.startsWith('unknown encoding:') ? theirs.results[j] : r,
      );
      expect({ ...ours, results }).toEqual(theirs);
      expect(String(ours.results[0])).toMatch(
        /^(ok|errno|unknown encoding: bogus-codec|.*mode|binary)/,
      );
    },
  );
});

describe('FileHandler', () => {
  const dir = mkdtempSync(join(tmpdir(), 'logweave-fh-'));

  it('baseFilename when given a relative path or a file URL is absolute', () => {
    const rel = new FileHandler('relative.log', { delay: true });
    expect(rel.baseFilename).toBe(resolve('relative.log'));
    const url = new FileHandler(new URL(`file://${join(dir, 'u.log')}`), { delay: true });
    expect(url.baseFilename).toBe(join(dir, 'u.log'));
  });

  it('emit() when records are below 64 KiB buffers them until flush()', () => {
    const path = join(dir, 'buffered.log');
    const h = new FileHandler(path, 'w');
    h.handle(rec('one'));
    expect(readFileSync(path, 'utf8')).toBe('');
    h.flush();
    expect(readFileSync(path, 'utf8')).toBe('one\n');
    h.close();
    expect(h.stream).toBeNull();
  });

  it('new FileHandler() when given an options object uses its fields', () => {
    const path = join(dir, 'opts.log');
    const h = new FileHandler(path, {
      mode: 'w',
      encoding: 'latin-1',
      errors: 'replace',
      delay: true,
    });
    expect([h.mode, h.encoding, h.errors, h.delay, h.stream]).toEqual([
      'w',
      'latin-1',
      'replace',
      true,
      null,
    ]);
    h.handle(rec('\u20ac\u00e9'));
    h.close();
    expect(readFileSync(path).toString('hex')).toBe('3fe90a');
  });

  it('encoding when not given is utf-8 in text mode and null in binary mode', () => {
    expect(new FileHandler(join(dir, 't.log'), { delay: true }).encoding).toBe('utf-8');
    expect(new FileHandler(join(dir, 'b.log'), { mode: 'ab', delay: true }).encoding).toBeNull();
  });

  it('emit() when delayed opening fails reports through handleError() instead of throwing', () => {
    const h = new Probe(join(dir, 'missing', 'dir', 'x.log'), { delay: true });
    expect(() => h.handle(rec('x'))).not.toThrow();
    expect(h.reported[0]).toContain('ENOENT');
  });

  it.skipIf(!hasPython)(vsCPython('toString() when compared with CPython repr matches'), () => {
    const path = join(dir, 'repr.log');
    const [expected] = runPython<string[]>(
      `import logging
h = logging.FileHandler(data, delay=True); h.setLevel(logging.WARNING)
emit([repr(h)])`,
      path,
    );
    const h = new FileHandler(path, { delay: true });
    h.setLevel(WARNING);
    expect(String(h)).toBe(expected);
  });
});
