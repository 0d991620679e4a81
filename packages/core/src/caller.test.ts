import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findCaller, requestCallerInfo } from './caller.js';
import { Formatter } from './formatter.js';
import { kw } from './kwargs.js';
import { LoggerAdapter } from './logger-adapter.js';
import { getLogger } from './logging-api.js';
import { settings } from './settings.js';
import { facadeInfo } from './test-support/caller-wrapper.js';
import { RecordListHandler } from './test-support/record-list.js';
import { resetLogging, snapshotLogging } from './testing.js';

const thisFile = fileURLToPath(import.meta.url);

/**
 * The source line of the caller, read from a (source-mapped) `Error().stack`. Pass the
 * logging call as the argument so that both sit on one line: `here(log.info('x'))`.
 */
function here(_call?: unknown): number {
  const line = new Error().stack!.split('\n')[2]!;
  return Number(/:(\d+):\d+\)?$/.exec(line)![1]);
}

let restore: () => void;
let handler: RecordListHandler;
beforeEach(() => {
  restore = snapshotLogging();
  resetLogging();
  handler = new RecordListHandler();
  const log = getLogger('caller');
  log.addHandler(handler);
  log.setLevel('DEBUG');
});
afterEach(() => restore());

const last = () => handler.records.at(-1)!;

describe('caller fields when caller capture is off', () => {
  it("are CPython's fallback values: (unknown file), 0, (unknown function)", () => {
    settings.captureCaller = false;
    getLogger('caller').info('x');
    const r = last();
    expect([r.pathname, r.filename, r.module, r.lineno, r.funcName]).toEqual([
      '(unknown file)',
      '(unknown file)',
      '(unknown file)',
      0,
      '(unknown function)',
    ]);
  });
});

describe('caller fields when caller capture is on', () => {
  beforeEach(() => {
    settings.captureCaller = true;
  });

  it('name the file, line and function of the logging call', () => {
    function namedCaller(): number {
      return here(getLogger('caller').warning('x'));
    }
    const line = namedCaller();
    const r = last();
    expect(r.pathname).toBe(thisFile);
    expect(r.filename).toBe(basename(thisFile));
    expect(r.module).toBe('caller.test');
    expect(r.lineno).toBe(line);
    expect(r.funcName).toBe('namedCaller');
  });

  it("report '<module>' for a function V8 knows no name of", () => {
    const line = [0].map(() => {
      return here(getLogger('caller').info('x'));
    })[0];
    expect([last().lineno, last().funcName]).toEqual([line, '<module>']);
  });

  it('skip the module-level functions, adapters and registered facades', () => {
    const log = getLogger('caller');
    const adapter = new LoggerAdapter(new LoggerAdapter(log, { a: 1 }), { b: 2 });
    let line = here(adapter.info('x'));
    expect(last().lineno).toBe(line);
    line = here(facadeInfo(log, 'y'));
    expect(last().lineno).toBe(line);
    line = here(log.log(20, 'z'));
    expect(last().lineno).toBe(line);
  });

  it('with stacklevel 2 name the caller of the function that logged', () => {
    function helper(): void {
      getLogger('caller').info('x', kw({ stacklevel: 2 }));
    }
    function outer(): number {
      return here(helper());
    }
    const line = outer();
    expect([last().lineno, last().funcName]).toEqual([line, 'outer']);
  });

  it('with a stacklevel beyond the stack name the outermost frame without failing', () => {
    getLogger('caller').info('x', kw({ stacklevel: 10_000 }));
    expect(last().lineno).toBeGreaterThan(0);
    expect(last().pathname).not.toBe(thisFile);
  });

  it('are captured once a Formatter uses them (requestCallerInfo)', () => {
    settings.captureCaller = false;
    handler.setFormatter(new Formatter('%(filename)s:%(lineno)d %(funcName)s %(message)s'));
    expect(settings.captureCaller).toBe(true);
    function formatted(): number {
      return here(getLogger('caller').info('hi'));
    }
    const line = formatted();
    expect(handler.lines.at(-1)).toBe(`caller.test.ts:${line} formatted hi`);
  });

  it('requestCallerInfo() turns capture on', () => {
    settings.captureCaller = false;
    requestCallerInfo();
    expect(settings.captureCaller).toBe(true);
  });
});

describe('stack_info', () => {
  it("is 'Stack (most recent call last):' and the frames outermost first, ending at the call", () => {
    settings.captureCaller = false;
    function withStack(): number {
      return here(getLogger('caller').info('x', kw({ stack_info: true })));
    }
    const line = withStack();
    const sinfo = last().stack_info!;
    expect(sinfo.startsWith('Stack (most recent call last):\n  File "')).toBe(true);
    expect(sinfo.endsWith('\n')).toBe(false);
    const lines = sinfo.split('\n');
    expect(lines.at(-2)).toBe(`  File "${thisFile}", line ${line}, in withStack`);
    expect(lines.at(-1)).toBe(
      "    return here(getLogger('caller').info('x', kw({ stack_info: true })));",
    );
    // the caller fields come with it even though capture is off
    expect(last().lineno).toBe(line);
  });
});

describe('findCaller()', () => {
  it('returns [pathname, lineno, funcName, null] of its caller at stacklevel 1', () => {
    function probe() {
      const info: unknown[] = [];
      const line = here(info.push(...findCaller(false, 1)));
      return [info, line] as const;
    }
    const [info, line] = probe();
    expect(info).toEqual([thisFile, line, 'probe', null]);
  });
});
