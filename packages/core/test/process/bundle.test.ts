import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import * as source from '../../src/index.js';
import { built, builtEntry, NOT_BUILT, runNode } from './built-entry.js';

// The package's runtime entry is one esbuild bundle of tsc's output (dist/bundle/, made by
// scripts/bundle.mjs). The unit tests run src/; these run the built entry, as a user's
// program loads it (no export condition), and hold it to what src/ does.

const here = dirname(fileURLToPath(import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'logweave-bundle-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const child = (name: string) => join(here, 'children', name);

describe.skipIf(!built)(`the built entry, dist/bundle/index.js${NOT_BUILT}`, () => {
  it('is what the package exports resolve to', () => {
    const { stdout } = runNode([
      '--input-type=module',
      '-e',
      "console.log(import.meta.resolve('@logweave/core'))",
    ]);
    expect(fileURLToPath(stdout.trim())).toBe(builtEntry);
  });

  it('exports every name of src/index.ts, and functions and classes keep their names', () => {
    const { stdout } = runNode([
      '--input-type=module',
      '-e',
      `const m = await import('@logweave/core');
       console.log(JSON.stringify(Object.keys(m).sort().map((k) =>
         [k, typeof m[k] === 'function' ? m[k].name : typeof m[k]])));`,
    ]);
    const bundled = JSON.parse(stdout) as [string, string][];
    const expected = Object.keys(source)
      .sort()
      .map((k) => {
        const v = (source as Record<string, unknown>)[k];
        return [k, typeof v === 'function' ? v.name : typeof v];
      });
    expect(bundled).toEqual(expected);
  });

  it('names the caller of each record as src/ does (logging-internal frames skipped)', () => {
    const fromBundle = runNode([child('bundle-caller.mjs')]);
    const fromSource = runNode([child('bundle-caller.mjs')], true);
    const lines = fromBundle.stdout.trimEnd().split('\n');
    const code = readFileSync(child('bundle-caller.mjs'), 'utf8').split('\n');
    const at = (text: string) => code.findIndex((l) => l.includes(text)) + 1;
    expect(lines.slice(0, 5)).toEqual([
      `bundle-caller.mjs:${at("log.debug('direct')")} main DEBUG direct`,
      `bundle-caller.mjs:${at("adapter.info('through")} main INFO through an adapter`,
      `bundle-caller.mjs:${at("helper('stacklevel 2')")} main INFO stacklevel 2`,
      `bundle-caller.mjs:${at("warning('root function')")} main WARNING root function`,
      `bundle-caller.mjs:${at("log.error('with its error'")} main ERROR with its error`,
    ]);
    // The error's stack as V8 wrote it: the program's frames, none from the package.
    expect(lines[5]).toMatch(/^SyntaxError: .*JSON/);
    expect(lines[7]).toBe(
      `    at main (file://${child('bundle-caller.mjs')}:${at("JSON.parse('{')")}:10)`,
    );
    expect(fromBundle.stdout).not.toContain('dist/bundle');
    // A captured warning names the frame that dispatched it (CPython: warnings.py's
    // `_showwarnmsg`), not the package's warning hook.
    expect(lines.at(-1)).toMatch(
      /^node:events:\d+ emit WARNING .*bundle-caller\.mjs:\d+: DeprecationWarning: careful$/,
    );
    expect(fromBundle.stdout).toBe(fromSource.stdout);
  });

  it('prints a logging-error block whose call stack holds only the program’s frames', () => {
    const script = join(here, 'children', 'logging-error-order.ts');
    const block = (stderr: string) => stderr.split('Call stack:\n')[1]!.split('Message:')[0]!;
    const fromBundle = runNode(['--import', 'tsx', script, 'field']).stderr;
    const fromSource = runNode([script, 'field'], true).stderr;
    expect(block(fromBundle)).toMatch(
      /^ {2}File ".*logging-error-order\.ts", line \d+, in <module>\n/,
    );
    expect(block(fromBundle)).not.toContain('dist/');
    expect(block(fromBundle)).toBe(block(fromSource));
    expect(fromBundle).toContain(
      'During handling of the above exception, another exception occurred:',
    );
  });

  it('runs a WorkerQueueHandler whose worker entry and target share one copy of the package', () => {
    const out = join(dir, 'worker.log');
    runNode([child('bundle-worker.mjs'), out]);
    expect(readFileSync(out, 'utf8')).toBe(
      [1, 2, 3].map((i) => `MainThread INFO record ${i} sameLogRecord=true\n`).join(''),
    );
  });
});
