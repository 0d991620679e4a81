import { dictConfig } from '@logweave/config';
import { debug, Filter, type LogRecord } from '@logweave/core';
import type { Recipe } from '../../recipe.js';

/** The cookbook's MyFilter: drops messages containing `param`, prefixes the others. */
export class MyFilter extends Filter {
  param: string | null;
  constructor({ param = null }: { param?: string | null } = {}) {
    super();
    this.param = param;
  }
  override filter(record: LogRecord): boolean {
    const allow = this.param === null || !String(record.msg).includes(this.param);
    if (allow) record.msg = `changed: ${String(record.msg)}`;
    return allow;
  }
}

/** Recipe 27: a `()` filter class with a keyword parameter, changing and dropping messages. */
export const filtersDictConfig: Recipe = {
  number: 27,
  id: 'filters-dictconfig',
  title: 'Configuring filters with dictConfig',
  async run() {
    await dictConfig({
      version: 1,
      filters: { myfilter: { '()': MyFilter, param: 'noshow' } },
      handlers: { console: { class: 'logging.StreamHandler', filters: ['myfilter'] } },
      root: { level: 'DEBUG', handlers: ['console'] },
    });
    debug('hello');
    debug('hello - noshow');
  },
};
