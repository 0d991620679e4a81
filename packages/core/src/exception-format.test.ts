import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { formatExceptionText } from './exception-format.js';

const hasPython = spawnSync('python3', ['--version']).status === 0;

/** An Error whose stack is exactly `stack` (so the expected text is deterministic). */
function err(stack: string, options?: { cause?: unknown }): Error {
  const e = new Error(stack.split('\n')[0], options);
  Object.defineProperty(e, 'stack', { value: stack, writable: true, configurable: true });
  return e;
}

describe('formatExceptionText() for a single error', () => {
  it('renders the V8 stack as is, without a trailing newline', () => {
    const e = new TypeError('bad');
    expect(formatExceptionText(e)).toBe(e.stack);
    expect(formatExceptionText(err('Error: x\n    at f (a.js:1:1)\n'))).toBe(
      'Error: x\n    at f (a.js:1:1)',
    );
  });

  it('falls back to "Name: message" when there is no stack', () => {
    const e = new RangeError('out');
    Object.defineProperty(e, 'stack', { value: undefined });
    expect(formatExceptionText(e)).toBe('RangeError: out');
  });

  it('renders thrown non-Error values with util.inspect', () => {
    expect(formatExceptionText('boom')).toBe("Thrown value: 'boom'");
    expect(formatExceptionText({ code: 42 })).toBe('Thrown value: { code: 42 }');
    expect(formatExceptionText(undefined)).toBe('Thrown value: undefined');
  });

  it('renders exc_info=true (no active exception) as CPython does', () => {
    expect(formatExceptionText(true)).toBe('NoneType: None');
  });

  it('takes the value of a Python-style (type, value, traceback) triple', () => {
    expect(formatExceptionText([Error, err('Error: x'), null])).toBe('Error: x');
  });
});

describe('formatExceptionText() for a cause chain', () => {
  it('prints the cause first, then the separator, then the effect', () => {
    const e = err('Error: outer', { cause: err('Error: inner') });
    expect(formatExceptionText(e)).toBe(
      'Error: inner\n\nThe above exception was the direct cause of the following exception:\n\nError: outer',
    );
  });

  it('renders a non-Error cause and stops at a cycle', () => {
    const a = err('Error: a');
    const b = err('Error: b', { cause: a });
    (a as { cause?: unknown }).cause = b;
    expect(formatExceptionText(b)).toBe(
      'Error: a\n\nThe above exception was the direct cause of the following exception:\n\nError: b',
    );
    expect(formatExceptionText(err('Error: c', { cause: 'why' }))).toBe(
      "Thrown value: 'why'\n\nThe above exception was the direct cause of the following exception:\n\nError: c",
    );
  });

  it('ignores a null cause', () => {
    expect(formatExceptionText(err('Error: c', { cause: null }))).toBe('Error: c');
  });
});

describe('formatExceptionText() for an AggregateError', () => {
  it('nests the members in the exception-group layout', () => {
    const g = new AggregateError([err('Error: a'), err('TypeError: b')], 'all');
    Object.defineProperty(g, 'stack', { value: 'AggregateError: all\n    at main (m.js:1:1)' });
    expect(formatExceptionText(g)).toBe(
      [
        '  + AggregateError: all',
        '  |     at main (m.js:1:1)',
        '  +-+---------------- 1 ----------------',
        '    | Error: a',
        '    +---------------- 2 ----------------',
        '    | TypeError: b',
        '    +------------------------------------',
      ].join('\n'),
    );
  });

  it('survives a group that contains itself', () => {
    const g = new AggregateError([], 'loop');
    Object.defineProperty(g, 'stack', { value: 'AggregateError: loop' });
    (g.errors as unknown[]).push(g);
    expect(formatExceptionText(g)).toContain('| AggregateError: loop');
  });
});

/** A node of an exception tree dumped by CPython: its block text, cause and members. */
interface PyNode {
  stack: string;
  cause: PyNode | null;
  errors: PyNode[] | null;
}

function toError(node: PyNode): Error {
  const e: Error =
    node.errors !== null ? new AggregateError(node.errors.map(toError)) : new Error('');
  Object.defineProperty(e, 'stack', { value: node.stack, writable: true, configurable: true });
  if (node.cause !== null) (e as { cause?: unknown }).cause = toError(node.cause);
  return e;
}

const PY_SCENARIOS = String.raw`
import json, sys, traceback

def leaf(cls, msg, cause=None):
    try:
        if cause is not None:
            raise cls(msg) from cause
        raise cls(msg)
    except BaseException as e:
        return e

def group(msg, excs, cause=None):
    try:
        if cause is not None:
            raise ExceptionGroup(msg, excs) from cause
        raise ExceptionGroup(msg, excs)
    except BaseException as e:
        return e

def nested(depth):
    g = group('deepest', [leaf(ValueError, 'bottom')])
    for i in range(depth):
        g = group('level %d' % i, [g, leaf(KeyError, i)])
    return g

scenarios = [
    leaf(ValueError, 'plain'),
    ValueError('never raised'),
    leaf(RuntimeError, 'outer', leaf(OSError, 'inner', leaf(KeyError, 'root'))),
    group('two', [leaf(ValueError, 'a'), leaf(TypeError, 'b')]),
    group('with causes', [leaf(ValueError, 'a', leaf(OSError, 'why')), group('inner', [leaf(TypeError, 'x')])]),
    group('caused group', [leaf(ValueError, 'a')], leaf(OSError, 'group cause')),
    group('wide', [leaf(ValueError, str(i)) for i in range(17)]),
    group('wider', [leaf(ValueError, str(i)) for i in range(16)]),
    nested(11),
]

def block(te):
    out = []
    if te.stack:
        out.append('Exception Group Traceback (most recent call last):\n' if te.exceptions else 'Traceback (most recent call last):\n')
        out.extend(te.stack.format())
    out.extend(te.format_exception_only())
    return ''.join(out).rstrip('\n')

def dump(te):
    return {
        'stack': block(te),
        'cause': dump(te.__cause__) if te.__cause__ is not None else None,
        'errors': [dump(x) for x in te.exceptions] if te.exceptions else None,
    }

out = []
for e in scenarios:
    te = traceback.TracebackException(type(e), e, e.__traceback__)
    text = ''.join(te.format())
    out.append({'text': text[:-1] if text.endswith('\n') else text, 'tree': dump(te)})
print(json.dumps(out))
`;

describe.skipIf(!hasPython)(
  'formatExceptionText() against CPython traceback layout (skipped: python3 not found)',
  () => {
    it('reproduces print_exception byte for byte when stacks are CPython block texts', () => {
      const r = spawnSync('python3', ['-c', PY_SCENARIOS], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      const scenarios = JSON.parse(r.stdout) as { text: string; tree: PyNode }[];
      expect(scenarios.length).toBe(9);
      for (const s of scenarios) expect(formatExceptionText(toError(s.tree))).toBe(s.text);
    });
  },
);
