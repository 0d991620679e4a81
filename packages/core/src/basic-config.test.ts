import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { basicConfig } from './basic-config.js';
import { LoggingValueError } from './errors.js';
import { Formatter } from './formatter.js';
import type { Handler } from './handler.js';
import { FileHandler } from './handlers/file-handler.js';
import { NullHandler } from './handlers/null-handler.js';
import { StreamHandler } from './handlers/stream-handler.js';
import { hasPython, runPython, vsCPython } from './handlers/test-support/python.js';
import { getManager } from './manager.js';
import type { Logger } from './logger.js';
import { resetLogging, snapshotLogging } from './testing.js';

let restore: () => void;
beforeEach(() => {
  restore = snapshotLogging();
  resetLogging();
});
afterEach(() => restore());

const root = (): Logger => getManager().root as Logger;

type HandlerSpec = { kind: 'stream' | 'null'; stream?: 'stdout' | 'stderr'; fmt?: string };
type Kwargs = Record<string, unknown>;

/** Each scenario: basicConfig calls (JSON kwargs: streams by name, handlers as specs). */
const SCENARIOS: [string, Kwargs[]][] = [
  ['defaults', [{}]],
  ['level and brace style', [{ level: 'DEBUG', format: '{name}: {message}', style: '{' }]],
  ['brace style default format', [{ style: '{' }]],
  ['dollar style default format', [{ style: '$', level: 15 }]],
  ['stream stdout and datefmt', [{ stream: 'stdout', datefmt: '%H:%M' }]],
  ['stream null means stderr', [{ stream: null }]],
  ['filename and filemode', [{ filename: 'a.log', filemode: 'w' }]],
  [
    'filename with encoding and errors',
    [{ filename: 'b.log', encoding: 'latin-1', errors: 'strict' }],
  ],
  ['filename with errors null', [{ filename: 'c.log', errors: null }]],
  ['binary filemode drops errors', [{ filename: 'd.log', filemode: 'ab' }]],
  ['empty filename gives a StreamHandler', [{ filename: '' }]],
  ['filemode without filename is accepted', [{ filemode: 'w' }]],
  ['encoding without filename is ignored', [{ encoding: 'ascii' }]],
  ['stream and filename', [{ stream: 'stdout', filename: 'e.log' }]],
  ['stream null and filename', [{ stream: null, filename: 'e.log' }]],
  ['handlers and stream', [{ handlers: [{ kind: 'null' }], stream: 'stdout' }]],
  ['handlers and filename', [{ handlers: [{ kind: 'null' }], filename: 'f.log' }]],
  ['handlers and filemode', [{ handlers: [{ kind: 'null' }], filemode: 'w' }]],
  ['handlers null is ignored', [{ handlers: null }]],
  [
    'handlers keep their own formatter',
    [
      {
        handlers: [
          { kind: 'stream', stream: 'stdout' },
          { kind: 'null', fmt: '%(message)s' },
        ],
        format: '%(name)s',
      },
    ],
  ],
  ['empty handlers list', [{ handlers: [], level: 'ERROR' }]],
  ['unrecognised arguments after configuring', [{ level: 'INFO', bogus: 1, other: 'x' }]],
  ['bad style', [{ style: '#' }]],
  ['bad level after adding handlers', [{ level: 'LOUD' }]],
  ['invalid format', [{ format: '%(message)' }]],
  ['brace format without fields', [{ format: 'plain', style: '{' }]],
  [
    'second call does nothing, even with bad arguments',
    [{}, { level: 10, bogus: 1, stream: 'stdout', filename: 'g.log' }],
  ],
  ['force replaces and closes', [{}, { force: true, stream: 'stdout', level: 'INFO' }]],
  ['force when nothing is configured', [{ force: true }]],
  ['force with a file', [{ stream: 'stdout' }, { force: true, filename: 'h.log', filemode: 'w' }]],
];

const PY_RUNNER = `
import logging, os, sys
root = logging.root
def make(spec):
    h = logging.NullHandler() if spec['kind'] == 'null' else logging.StreamHandler(sys.stdout if spec.get('stream') == 'stdout' else sys.stderr)
    if spec.get('fmt'): h.setFormatter(logging.Formatter(spec['fmt']))
    return h
def desc(h):
    d = {'cls': type(h).__name__, 'closed': h._closed}
    if isinstance(h, logging.FileHandler):
        d.update(file=os.path.basename(h.baseFilename), mode=h.mode, encoding=h.encoding, errors=h.errors)
    elif isinstance(h, logging.StreamHandler):
        d['stream'] = 'stdout' if h.stream is sys.stdout else 'stderr' if h.stream is sys.stderr else 'other'
    f = h.formatter
    d['fmt'] = None if f is None else [f._fmt, f.datefmt, type(f._style).__name__]
    return d
out = []
for calls, d in data:
    for h in root.handlers[:]: root.removeHandler(h)
    root.setLevel(logging.WARNING)
    steps = []
    for kw in calls:
        kw = dict(kw)
        if 'stream' in kw and kw['stream'] is not None: kw['stream'] = getattr(sys, kw['stream'])
        if kw.get('handlers') is not None: kw['handlers'] = [make(s) for s in kw['handlers']]
        if kw.get('filename'): kw['filename'] = os.path.join(d, kw['filename'])
        before = root.handlers[:]
        try:
            logging.basicConfig(**kw); res = 'ok'
        except Exception as e:
            res = [type(e).__name__, str(e)]
        steps.append({'result': res, 'level': root.level, 'handlers': [desc(h) for h in root.handlers], 'before': [desc(h) for h in before]})
    out.append(steps)
emit(out)
`;

function make(spec: HandlerSpec): Handler {
  const h =
    spec.kind === 'null'
      ? new NullHandler()
      : new StreamHandler(spec.stream === 'stdout' ? process.stdout : process.stderr);
  if (spec.fmt) h.setFormatter(new Formatter(spec.fmt));
  return h;
}

function desc(h: Handler): Record<string, unknown> {
  const d: Record<string, unknown> = { cls: h.constructor.name, closed: h._closed };
  if (h instanceof FileHandler) {
    Object.assign(d, {
      file: basename(h.baseFilename),
      mode: h.mode,
      encoding: h.encoding,
      errors: h.errors,
    });
  } else if (h instanceof StreamHandler) {
    d['stream'] =
      h.stream === process.stdout ? 'stdout' : h.stream === process.stderr ? 'stderr' : 'other';
  }
  const f = h.formatter;
  d['fmt'] = f === null ? null : [f._fmt, f.datefmt, f._style.constructor.name];
  return d;
}

function runOurs(calls: Kwargs[], dir: string): unknown[] {
  const steps: unknown[] = [];
  for (const call of calls) {
    const kw: Kwargs = { ...call };
    if ('stream' in kw && kw['stream'] !== null)
      kw['stream'] = kw['stream'] === 'stdout' ? process.stdout : process.stderr;
    if (Array.isArray(kw['handlers'])) kw['handlers'] = (kw['handlers'] as HandlerSpec[]).map(make);
    if (kw['filename']) kw['filename'] = join(dir, kw['filename'] as string);
    const before = [...root().handlers];
    let result: unknown = 'ok';
    try {
      basicConfig(kw);
    } catch (e) {
      result = [(e as LoggingValueError).pythonType ?? (e as Error).name, (e as Error).message];
    }
    steps.push({
      result,
      level: root().level,
      handlers: root().handlers.map(desc),
      before: before.map(desc),
    });
  }
  for (const h of root().handlers) h.close();
  return steps;
}

describe.skipIf(!hasPython)(vsCPython('basicConfig() against CPython 3.11'), () => {
  const pyDir = mkdtempSync(join(tmpdir(), 'logweave-bc-py-'));
  const expected = hasPython
    ? runPython<unknown[][]>(
        PY_RUNNER,
        SCENARIOS.map(([, calls]) => [calls, pyDir]),
      )
    : [];
  // CPython 3.11 stores io.text_encoding(None) = 'locale'; logweave's locale encoding is utf-8.
  const normalise = (v: unknown): unknown =>
    JSON.parse(JSON.stringify(v).replaceAll('"locale"', '"utf-8"'));
  it.each(SCENARIOS.map(([name], i) => [name, i] as const))(
    'basicConfig() when %s matches CPython',
    (_name, i) => {
      const dir = mkdtempSync(join(tmpdir(), 'logweave-bc-js-'));
      expect(runOurs(SCENARIOS[i]![1], dir)).toEqual(normalise(expected[i]));
    },
  );
});

describe('basicConfig()', () => {
  it('when given undefined values treats them as not given', () => {
    const filename = join(mkdtempSync(join(tmpdir(), 'logweave-bc-')), 'x.log');
    expect(() => basicConfig({ stream: undefined, filename, handlers: undefined })).not.toThrow();
    expect(root().handlers[0]).toBeInstanceOf(FileHandler);
    root().handlers[0]!.close();
  });

  it('when the style is bad throws LoggingValueError', () => {
    expect(() => basicConfig({ style: '#' as '%' })).toThrow(LoggingValueError);
  });
});
