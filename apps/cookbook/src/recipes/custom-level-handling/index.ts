import { join } from 'node:path';
import { dictConfig } from '@logweave/config';
import {
  critical,
  debug,
  error,
  getLevelNamesMapping,
  info,
  type LogRecord,
  warning,
} from '@logweave/core';
import type { Recipe } from '../../recipe.js';

/** The cookbook's filter factory: passes records at or below `level`. */
export function filter_maker({ level }: { level: string }): (record: LogRecord) => boolean {
  const n = getLevelNamesMapping()[level]!;
  return function filter(record: LogRecord): boolean {
    return record.levelno <= n;
  };
}

/** The cookbook's JSON configuration, unchanged except for the log file's directory. */
export function config(outDir: string): Record<string, unknown> {
  return {
    version: 1,
    disable_existing_loggers: false,
    formatters: { simple: { format: '%(levelname)-8s - %(message)s' } },
    filters: { warnings_and_below: { '()': '__main__.filter_maker', level: 'WARNING' } },
    handlers: {
      stdout: {
        class: 'logging.StreamHandler',
        level: 'INFO',
        formatter: 'simple',
        stream: 'ext://sys.stdout',
        filters: ['warnings_and_below'],
      },
      stderr: {
        class: 'logging.StreamHandler',
        level: 'ERROR',
        formatter: 'simple',
        stream: 'ext://sys.stderr',
      },
      file: {
        class: 'logging.FileHandler',
        formatter: 'simple',
        filename: join(outDir, 'app.log'),
        mode: 'w',
      },
    },
    root: { level: 'DEBUG', handlers: ['stderr', 'stdout', 'file'] },
  };
}

/** Recipe 5: INFO and WARNING to stdout, ERROR and above to stderr, everything to app.log. */
export const customLevelHandling: Recipe = {
  number: 5,
  id: 'custom-level-handling',
  title: 'Custom handling of levels',
  async run({ outDir }) {
    // The Python name the JSON uses (`__main__.filter_maker`) is mapped to our function.
    await dictConfig(config(outDir), { names: { '__main__.filter_maker': filter_maker } });
    debug('A DEBUG message');
    info('An INFO message');
    warning('A WARNING message');
    error('An ERROR message');
    critical('A CRITICAL message');
  },
};
