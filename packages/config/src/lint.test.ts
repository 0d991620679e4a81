import { describe, expect, it } from 'vitest';
import { lint } from './lint.js';

const codes = (c: unknown, existing: string[] = []) =>
  lint(c, { existingLoggers: existing }).map(
    (f) => `${f.severity} ${f.code} ${f.path}${f.hint ? ` ${f.hint}` : ''}`,
  );

describe('lint()', () => {
  it('lists the existing loggers disable_existing_loggers would mute, sparing named ones and their children', () => {
    const f = lint(
      { version: 1, loggers: { app: {} } },
      { existingLoggers: ['app', 'app.db', 'lib', 'lib.sub'] },
    );
    expect(f.find((x) => x.code === 'disabled-loggers')?.message).toBe(
      'true (the default): these existing loggers will be disabled and stay silent: lib, lib.sub',
    );
    expect(codes({ version: 1, disable_existing_loggers: false })).toEqual([]);
  });

  it('reports dangling names with the nearest defined one', () => {
    expect(
      codes({
        version: 1,
        disable_existing_loggers: false,
        formatters: { brief: { format: '%(message)s' } },
        filters: { only_app: { name: 'app' } },
        handlers: {
          console: { class: 'logging.StreamHandler', formatter: 'breif', filters: ['only_ap'] },
          mem: { class: 'logging.handlers.MemoryHandler', capacity: 1, target: 'consle' },
        },
        root: { handlers: ['console', 'mem', 'nothing'] },
      }),
    ).toEqual([
      "error dangling-formatter handlers.console.formatter did you mean 'brief'?",
      "error dangling-filter handlers.console.filters[0] did you mean 'only_app'?",
      "error dangling-handler handlers.mem.target did you mean 'console'?",
      'error dangling-handler root.handlers[2]',
      'warning unused-formatter formatters.brief',
      'warning unused-filter filters.only_app',
    ]);
  });

  it('reports misspelt keys at every level, and unknown classes', () => {
    expect(
      codes({
        version: 1,
        disable_existing_loggers: false,
        handler: {},
        formatters: { f: { fromat: 'x' } },
        handlers: { h: { class: 'logging.StreamHandlr', fromatter: 'f' } },
        loggers: { a: { levle: 'INFO', handlers: ['h'] } },
      }),
    ).toEqual([
      "warning unknown-key handler did you mean 'handlers'?",
      "error unknown-key formatters.f.fromat did you mean 'format'?",
      "error unknown-class handlers.h.class did you mean 'logging.StreamHandler'?",
      "warning unknown-key handlers.h.fromatter did you mean 'formatter'?",
      "error unknown-key loggers.a.levle did you mean 'level'?",
      'warning unused-formatter formatters.f',
    ]);
  });

  it('reports sections an incremental configuration ignores', () => {
    expect(
      codes({
        version: 1,
        incremental: true,
        formatters: { f: { format: 'x' } },
        handlers: { h: { level: 'INFO', formatter: 'f' } },
        loggers: { a: { level: 'DEBUG', handlers: ['h'] } },
      }),
    ).toEqual([
      'warning incremental-ignored formatters',
      'warning incremental-ignored handlers.h.formatter',
      'warning incremental-ignored loggers.a.handlers',
    ]);
  });
});
