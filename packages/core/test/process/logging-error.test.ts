import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

// Handler.handleError's `--- Logging error ---` block in a real process, against CPython
// 3.11 (/usr/bin/python3, Debian's) running the same program.

const here = dirname(fileURLToPath(import.meta.url));
const packageRoot = join(here, '..', '..');
const PYTHON = '/usr/bin/python3';
const hasCPython =
  existsSync(PYTHON) &&
  spawnSync(PYTHON, ['-c', 'import sys; assert sys.version_info[:2] == (3, 11)']).status === 0;
const NO_CPYTHON = 'skipped: /usr/bin/python3 (CPython 3.11) is missing';
const dir = mkdtempSync(join(tmpdir(), 'logweave-logging-error-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Target = 'pipe' | 'file';

/** Runs a child with stderr on a pipe or a file; returns what it wrote to stderr. */
function stderrOf(cmd: string, args: string[], target: Target): string {
  if (target === 'pipe') {
    const r = spawnSync(cmd, args, { cwd: packageRoot, encoding: 'utf8', timeout: 30_000 });
    expect(r.status, r.stderr).toBe(0);
    return r.stderr;
  }
  const file = join(dir, `stderr-${Math.random().toString(36).slice(2)}.txt`);
  const fd = openSync(file, 'w');
  try {
    const r = spawnSync(cmd, args, {
      cwd: packageRoot,
      stdio: ['ignore', 'pipe', fd],
      timeout: 30_000,
    });
    expect(r.status).toBe(0);
  } finally {
    closeSync(fd);
  }
  return readFileSync(file, 'utf8');
}

const node = (mode: string, target: Target) =>
  stderrOf(
    process.execPath,
    [
      '--import',
      'tsx',
      '--conditions=@logweave/source',
      join(here, 'children', 'logging-error-order.ts'),
      mode,
    ],
    target,
  );
const python = (mode: string, target: Target) =>
  stderrOf(PYTHON, [join(here, 'children', 'logging-error-order.py'), mode], target);

/** The lines that are not traceback frames (those differ between V8 and CPython). */
function skeleton(text: string, lang: 'js' | 'py'): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    if (lang === 'js' && /^ {4}at /.test(line)) continue;
    if (/^ {2}File "/.test(line) || /^ {4}\S/.test(line)) continue;
    if (lang === 'py' && line === 'Traceback (most recent call last):') continue;
    if (/^ *\^+$/.test(line) || /^ *~+\^*~*$/.test(line)) continue;
    out.push(
      line
        // CPython's class names; logweave's carry a `Logging` prefix.
        .replace(/^Logging(\w+Error)\b/, '$1'),
    );
  }
  return out;
}

describe.each(['pipe', 'file'] as const)('Handler.handleError() with stderr on a %s', (target) => {
  it(
    hasCPython
      ? 'prints the logging-error block between the records, in call order, as CPython'
      : `prints the logging-error block in call order (${NO_CPYTHON})`,
    () => {
      const js = node('message', target);
      const lines = js.split('\n');
      // In call order: first, the block, third.
      expect(lines[0]).toBe('WARNING:first');
      expect(lines[1]).toBe('--- Logging error ---');
      expect(lines.at(-2)).toBe('WARNING:third');
      expect(js).toContain("Message: 'second %d'\nArguments: ('x',)\nWARNING:third\n");
      if (!hasCPython) return;
      const py = python('message', target);
      expect(skeleton(js, 'js').filter((l) => !l.startsWith('Call stack'))).toEqual(
        skeleton(py, 'py').filter((l) => !l.startsWith('Call stack')),
      );
    },
  );
});

describe('Handler.handleError() for a missing %(field)s in the format', () => {
  it.skipIf(!hasCPython)(
    `chains the KeyError as implicit context ("During handling…"), as CPython 3.11${hasCPython ? '' : ` (${NO_CPYTHON})`}`,
    () => {
      const js = node('field', 'pipe');
      const py = python('field', 'pipe');
      expect(js).toContain('During handling of the above exception, another exception occurred:');
      expect(js).not.toContain('direct cause');
      expect(skeleton(js, 'js')).toEqual(skeleton(py, 'py'));
    },
  );

  it('leaves Node internal frames out of the Call stack', () => {
    const js = node('field', 'pipe');
    const stack = js.split('Call stack:\n')[1]!.split('Message:')[0]!;
    expect(stack).toMatch(/^ {2}File ".*logging-error-order\.ts", line \d+, in <module>\n/);
    expect(stack).not.toContain('node:internal');
  });
});
