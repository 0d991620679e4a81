import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasPython, runPython, runRecipe } from '../../test-support/run-recipe.js';
import { JSONEncoder } from './json-encoder.js';

const pythonTwin = `
import json
import logging

class Encoder(json.JSONEncoder):
    def default(self, o):
        if isinstance(o, set):
            return tuple(o)
        elif isinstance(o, str):
            return o.encode('unicode_escape').decode('ascii')
        return super().default(o)

class StructuredMessage:
    def __init__(self, message, encoder=None, /, **kwargs):
        self.message = message
        self.kwargs = kwargs
        self.encoder = encoder or json.JSONEncoder()
    def __str__(self):
        return '%s >>> %s' % (self.message, self.encoder.encode(self.kwargs))

_ = StructuredMessage
logging.basicConfig(level=logging.INFO, format='%(message)s')
logging.info(_('message 1', foo='bar', bar='baz', num=123, fnum=123.456))
logging.info(_('message 2', Encoder(), set_value={1, 2, 3}, snowman='\\u2603'))
`;

describe('recipe 24, structured-logging', () => {
  const run = runRecipe('structured-logging');

  it('prints each message followed by its JSON, sets as lists and non-ASCII escaped', () => {
    expect(run.status).toBe(0);
    expect(run.stderr).toBe(
      'message 1 >>> {"foo": "bar", "bar": "baz", "num": 123, "fnum": 123.456}\n' +
        'message 2 >>> {"set_value": [1, 2, 3], "snowman": "\\u2603"}\n',
    );
  });

  it.skipIf(!hasPython)(
    `prints what CPython prints${hasPython ? '' : ' [skipped: python3 not found]'}`,
    () => {
      const py = runPython(pythonTwin, mkdtempSync(join(tmpdir(), 'cookbook-py-')))!;
      expect(py.status).toBe(0);
      expect(run.stderr).toBe(py.stderr);
    },
  );
});

describe('JSONEncoder (the recipe’s json.dumps twin)', () => {
  it.skipIf(!hasPython)(
    `encodes strings, numbers and nesting as json.dumps${hasPython ? '' : ' [skipped: python3 not found]'}`,
    () => {
      const value = {
        s: 'q"\\\n\t\u0001é😀\u007f',
        n: [0, -1, 1.5, 1e21, 1e-7, 123456789012],
        b: [true, false, null],
        o: { nested: { deep: [] }, empty: {} },
      };
      const py = runPython(
        `import json,sys\nsys.stdout.write(json.dumps(json.loads(${JSON.stringify(JSON.stringify(value))})))`,
        mkdtempSync(join(tmpdir(), 'cookbook-py-')),
      )!;
      expect(new JSONEncoder().encode(value)).toBe(py.stdout);
    },
  );
});
