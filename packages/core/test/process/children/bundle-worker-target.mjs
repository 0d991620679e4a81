// The worker's target in bundle.test.ts: built with the worker's own import of
// '@logweave/core'. Each line records whether the record is an instance of *that* LogRecord,
// i.e. whether the worker entry and the target share one copy of the package.
import { Formatter, Handler, LogRecord } from '@logweave/core';
import { appendFileSync } from 'node:fs';

class SameClassHandler extends Handler {
  constructor(path) {
    super();
    this.path = path;
  }

  emit(record) {
    appendFileSync(
      this.path,
      `${this.format(record)} sameLogRecord=${record instanceof LogRecord}\n`,
    );
  }
}

export default ({ path }) => {
  const h = new SameClassHandler(path);
  h.setFormatter(new Formatter('%(threadName)s %(levelname)s %(message)s'));
  return h;
};
