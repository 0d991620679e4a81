// Child process for exit-flush.test.ts: logs `record 0` .. `record N-1` to a FileHandler, a
// StreamHandler on an fs.WriteStream still opening, and a StreamHandler on a WriteStream
// over an open fd, then ends as argv[2] says.
import { createWriteStream, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { FileHandler, getLogger, INFO, StreamHandler } from '../../../src/index.js';

const [ending = 'end', dir = '.', count = '100000'] = process.argv.slice(2);
const n = Number(count);

const logger = getLogger('process-test');
logger.setLevel(INFO);
logger.propagate = false;
logger.addHandler(new FileHandler(join(dir, 'file.log'), 'w'));
logger.addHandler(new StreamHandler(createWriteStream(join(dir, 'stream.log'))));
const fdPath = join(dir, 'fd-stream.log');
logger.addHandler(new StreamHandler(createWriteStream(fdPath, { fd: openSync(fdPath, 'w') })));

function logAll(count = n): void {
  for (let i = 0; i < count; i++) logger.info(`record ${i}`);
}

/** Tells the parent to send the signal now (it arrives while records are being logged). */
function ready(): void {
  writeSync(1, 'ready\n');
}

switch (ending) {
  case 'end':
    logAll();
    break;
  case 'exit':
    logAll();
    process.exit(1);
    break;
  case 'throw':
    logAll();
    throw new Error('uncaught after logging');
  case 'reject':
    logAll();
    void Promise.reject(new Error('unhandled rejection after logging'));
    break;
  case 'sigterm-handler':
    // The last record is logged by the handler itself, so it is still buffered at exit.
    process.on('SIGTERM', () => {
      logger.info(`record ${n - 1}`);
      process.exit(3);
    });
    ready();
    logAll(n - 1);
    setInterval(() => {}, 1000);
    break;
  case 'sigterm-default':
    ready();
    logAll();
    setInterval(() => {}, 1000);
    break;
  default:
    throw new Error(`unknown ending ${ending}`);
}
