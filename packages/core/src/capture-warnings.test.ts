import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { captureWarnings, formatWarning } from './capture-warnings.js';
import { Handler } from './handler.js';
import { NullHandler } from './handlers/null-handler.js';
import { hasPython, runPython, vsCPython } from './handlers/test-support/python.js';
import { getManager } from './manager.js';
import type { LogRecord } from './record.js';
import { resetLogging, snapshotLogging } from './testing.js';

class Capture extends Handler {
  records: LogRecord[] = [];
  override emit(record: LogRecord): void {
    this.records.push(record);
  }
}

let restore: () => void;
beforeEach(() => {
  restore = snapshotLogging();
  resetLogging();
});
afterEach(() => {
  captureWarnings(false);
  restore();
});

const printerInstalled = (): boolean =>
  process.listeners('warning').some((l) => l.name === 'onWarning');
const warned = (): Promise<void> => new Promise((r) => setTimeout(r, 5));

describe('captureWarnings()', () => {
  it('captureWarnings(true) when a warning is emitted logs it to py.warnings at WARNING', async () => {
    const cap = new Capture();
    getManager().root!.addHandler(cap);
    captureWarnings(true);
    process.emitWarning('careful now', { type: 'DeprecationWarning', code: 'DEP0999' });
    await warned();
    expect(cap.records).toHaveLength(1);
    const r = cap.records[0]!;
    expect([r.name, r.levelname]).toEqual(['py.warnings', 'WARNING']);
    expect(r.getMessage()).toMatch(
      /^\/.*capture-warnings\.test\.ts:\d+: DeprecationWarning: \[DEP0999\] careful now\n$/,
    );
    expect(r.args === null || (Array.isArray(r.args) && r.args.length === 0)).toBe(true);
  });

  it('captureWarnings(true) when py.warnings has no handler gives it a NullHandler', async () => {
    captureWarnings(true);
    process.emitWarning('x');
    await warned();
    const handlers = getManager().getLogger('py.warnings').handlers;
    expect(handlers).toHaveLength(1);
    expect(handlers[0]).toBeInstanceOf(NullHandler);
  });

  it("captureWarnings(true/false) removes and restores Node's printer; twice is harmless", () => {
    const had = printerInstalled();
    captureWarnings(true);
    captureWarnings(true);
    expect(printerInstalled()).toBe(false);
    captureWarnings(false);
    captureWarnings(false);
    expect(printerInstalled()).toBe(had);
  });

  it('captureWarnings(false) when a warning is emitted logs nothing', async () => {
    const cap = new Capture();
    getManager().root!.addHandler(cap);
    captureWarnings(true);
    captureWarnings(false);
    const seen: unknown[] = [];
    const listener = (w: Error): void => {
      seen.push(w);
    };
    process.on('warning', listener);
    process.emitWarning('not captured');
    await warned();
    process.removeListener('warning', listener);
    expect(cap.records).toHaveLength(0);
    expect(seen).toHaveLength(1);
  });
});

describe('formatWarning()', () => {
  const warning = (
    name: string,
    message: string,
    at: string,
    extra: Record<string, unknown> = {},
  ) => {
    const w = Object.assign(new Error(message), extra);
    w.name = name;
    w.stack = `${name}: ${message}\n    at node:internal/process/warning:1:1\n    at ${at}\n    at other (/x/y.js:9:9)`;
    return w;
  };

  it.skipIf(!hasPython)(
    vsCPython('when the warning has no code matches warnings.formatwarning'),
    () => {
      const expected = runPython<string[]>(
        `import warnings
emit([warnings.formatwarning('careful', UserWarning, '/app/main.js', 12),
      warnings.formatwarning('old api', DeprecationWarning, '/app/lib.js', 3)])`,
      );
      expect([
        formatWarning(warning('UserWarning', 'careful', 'fn (file:///app/main.js:12:5)')),
        formatWarning(warning('DeprecationWarning', 'old api', '/app/lib.js:3:1')),
      ]).toEqual(expected);
    },
  );

  it('when the warning has a code and a detail puts them in', () => {
    const w = warning('Warning', 'msg', 'f (/a.js:1:2)', { code: 'C1', detail: 'more' });
    expect(formatWarning(w)).toBe('/a.js:1: Warning: [C1] msg\n  more\n');
  });

  it('when the stack has only Node frames uses the first one, and sys:1 without frames', () => {
    const w = new Error('m');
    w.stack = 'Error: m\n    at node:events:10:3';
    expect(formatWarning(w)).toBe('node:events:10: Error: m\n');
    w.stack = 'Error: m';
    expect(formatWarning(w)).toBe('sys:1: Error: m\n');
  });
});
