// Child of bundle.test.ts: plain JavaScript logging through the package's entry, as a
// user's program does. Each record says where it came from; the parent runs this once on
// the built entry (dist/bundle/) and once on src/, and compares.
import {
  basicConfig,
  captureWarnings,
  getLogger,
  kw,
  LoggerAdapter,
  warning,
} from '@logweave/core';

basicConfig({
  format: '%(filename)s:%(lineno)d %(funcName)s %(levelname)s %(message)s',
  stream: process.stdout,
  level: 'DEBUG',
});
const log = getLogger('caller');
const adapter = new LoggerAdapter(log, { user: 'ann' });

function helper(message) {
  log.info(message, kw({ stacklevel: 2 }));
}

function main() {
  log.debug('direct');
  adapter.info('through an adapter');
  helper('stacklevel 2');
  warning('root function');
  try {
    JSON.parse('{');
  } catch (err) {
    log.error('with its error', err);
  }
}

main();
captureWarnings(true);
process.emitWarning('careful', 'DeprecationWarning');
