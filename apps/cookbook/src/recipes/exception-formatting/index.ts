import { join } from 'node:path';
import {
  DEBUG,
  exception,
  FileHandler,
  Formatter,
  getLogger,
  info,
  kw,
  type LogRecord,
  pyRepr,
} from '@logweave/core';
import type { Recipe } from '../../recipe.js';

/** Renders an exception and its stack on one line: the traceback's repr, then `|`. */
export class OneLineExceptionFormatter extends Formatter {
  override formatException(excInfo: unknown): string {
    const result = super.formatException(excInfo);
    return pyRepr(result);
  }

  override format(record: LogRecord): string {
    let s = super.format(record);
    if (record.exc_text) s = `${s.replaceAll('\n', '')}|`;
    return s;
  }
}

function configureLogging(outDir: string): void {
  const fh = new FileHandler(join(outDir, 'output.txt'), 'w');
  const f = new OneLineExceptionFormatter(
    '%(asctime)s|%(levelname)s|%(message)s|',
    '%d/%m/%Y %H:%M:%S',
  );
  fh.setFormatter(f);
  const root = getLogger();
  root.setLevel(DEBUG);
  root.addHandler(fh);
}

function divide(a: number, b: number): number {
  if (b === 0) throw new RangeError('division by zero');
  return a / b;
}

/** Recipe 28: a formatter that puts a record's exception and stack on one line. */
export const exceptionFormatting: Recipe = {
  number: 28,
  id: 'exception-formatting',
  title: 'Customized exception formatting',
  packages: ['core'],
  run({ outDir }) {
    configureLogging(outDir);
    info('Sample message');
    try {
      divide(1, 0);
    } catch (e) {
      exception('RangeError: %s', (e as Error).message, kw({ exc_info: e }));
    }
  },
};
