import { Formatter, getLogger, INFO, type LogRecord, StreamHandler } from '@logweave/core';
import type { Recipe } from '../../recipe.js';

/**
 * A handler-local filter that returns a modified copy of the record (Python 3.12 filter
 * semantics): only the handler it is attached to sees `user`.
 */
function filter(record: LogRecord): LogRecord {
  const copy = Object.assign(Object.create(Object.getPrototypeOf(record)), record) as LogRecord;
  copy.user = 'jim';
  return copy;
}

/** Recipe 13: imparting contextual information in handlers. */
export const handlerContext: Recipe = {
  number: 13,
  id: 'handler-context',
  title: 'Imparting contextual information in handlers',
  run() {
    const logger = getLogger();
    logger.setLevel(INFO);
    const handler = new StreamHandler();
    const formatter = new Formatter('%(message)s from %(user)-8s');
    handler.setFormatter(formatter);
    handler.addFilter(filter);
    logger.addHandler(handler);
    // A second handler without the filter: the record it gets has no user.
    const other = new StreamHandler();
    other.setFormatter(
      new Formatter({ fmt: '%(message)s from %(user)-8s', defaults: { user: 'nobody' } }),
    );
    logger.addHandler(other);

    logger.info('A log message');
  },
};
