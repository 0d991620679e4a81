import {
  basicConfig,
  callFactory,
  DEBUG,
  getLogger,
  getLogRecordFactory,
  Logger,
  type LogRecord,
  setLoggerClass,
  setLogRecordFactory,
} from '@logweave/core';
import type { Recipe } from '../../recipe.js';

type Custom = LogRecord & Record<string, unknown>;

/** A Logger subclass: every record it makes says which logger class made it. */
export class AppLogger extends Logger {
  override makeRecord(...args: Parameters<Logger['makeRecord']>): LogRecord {
    const rv = super.makeRecord(...args) as Custom;
    rv.logger_class = this.constructor.name;
    return rv;
  }
}

/** Recipe 17: record factories chained onto the previous one, and a Logger subclass. */
export const customizingLogRecord: Recipe = {
  number: 17,
  id: 'customizing-log-record',
  title: 'Customizing LogRecord',
  packages: ['core'],
  run() {
    // Each factory wraps the one before it, so libraries doing the same do not clash.
    const oldFactory = getLogRecordFactory();
    setLogRecordFactory((...args) => {
      const record = callFactory(oldFactory, ...args) as Custom;
      record.custom_attribute = 0xdecafbad;
      return record;
    });
    const secondFactory = getLogRecordFactory();
    setLogRecordFactory((...args) => {
      const record = callFactory(secondFactory, ...args) as Custom;
      record.app_version = '1.4.2';
      return record;
    });

    // New loggers are AppLoggers from here on.
    setLoggerClass(AppLogger);
    basicConfig({
      level: DEBUG,
      format:
        '%(custom_attribute)#x v%(app_version)s %(logger_class)-9s %(levelname)-8s %(name)s: %(message)s',
    });
    const log = getLogger('app.db');
    log.debug('connecting to %s', 'db.example');
    log.info('connected after %d attempts', 2);
    getLogger('app.web').warning('listening on port %d', 8080);
  },
};
