import { dictConfig } from '@logweave/config';
import { Filter, getLogger, Handler, type LogRecord } from '@logweave/core';
import type { Recipe } from '../../recipe.js';

/** `project.logging.SpecialFilter`: marks each record it passes with `special = foo`. */
export class SpecialFilter extends Filter {
  foo: string;
  constructor({ foo }: { foo: string }) {
    super();
    this.foo = foo;
  }
  override filter(record: LogRecord): boolean {
    (record as LogRecord & { special?: string }).special = this.foo;
    return true;
  }
}

/** Stands in for Django's AdminEmailHandler: "mails" each record by printing it to stdout. */
export class AdminEmailHandler extends Handler {
  override emit(record: LogRecord): void {
    try {
      process.stdout.write(`[mail to admins] ${this.format(record)}\n`);
    } catch (e) {
      this.handleError(record, e);
    }
  }
}

/** The cookbook's Django-style LOGGING dictionary. */
export const LOGGING = {
  version: 1,
  disable_existing_loggers: false,
  formatters: {
    verbose: {
      format: '{levelname} {asctime} {module} {process:d} {thread:d} {message}',
      style: '{',
    },
    simple: { format: '{levelname} {message}', style: '{' },
  },
  filters: { special: { '()': 'project.logging.SpecialFilter', foo: 'bar' } },
  handlers: {
    console: { level: 'INFO', class: 'logging.StreamHandler', formatter: 'simple' },
    mail_admins: {
      level: 'ERROR',
      class: 'django.utils.log.AdminEmailHandler',
      filters: ['special'],
      formatter: 'simple',
    },
  },
  loggers: {
    django: { handlers: ['console'], propagate: true },
    'django.request': { handlers: ['mail_admins'], level: 'ERROR', propagate: false },
    'myproject.custom': {
      handlers: ['console', 'mail_admins'],
      level: 'INFO',
      filters: ['special'],
    },
  },
};

/** Recipe 20: the Django-style dictionary, with `{` formatters, a `()` filter and propagation. */
export const dictConfigExample: Recipe = {
  number: 20,
  id: 'dict-config-example',
  title: 'An example dictionary-based configuration',
  async run() {
    await dictConfig(LOGGING, {
      // The dictionary's Python names, mapped to this program's classes.
      names: {
        'project.logging.SpecialFilter': SpecialFilter,
        'django.utils.log.AdminEmailHandler': AdminEmailHandler,
      },
    });
    getLogger('django').warning('django warning');
    getLogger('django.db').debug('not shown: django has no level, root is at WARNING');
    getLogger('django.request').warning('not shown: below ERROR');
    getLogger('django.request').error('internal server error on /');
    getLogger('myproject.custom').info('custom info');
    getLogger('myproject.custom').error('custom error');
  },
};
