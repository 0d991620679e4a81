// Runs as a child process (gzip-rotator.test.ts). argv: file, 'start' | 'recover'.
// start: a RotatingFileHandler with a GzipRotator rolls the (large) existing file over and
//   starts compressing it; the process then idles until the parent kills it.
// recover: attaching a GzipRotator finishes the interrupted compression; prints 'done'.
import { makeLogRecord } from '@logweave/core';
import { GzipRotator, RotatingFileHandler } from '@logweave/handlers-file';

const [file = '', mode = 'start'] = process.argv.slice(2);
const h = new RotatingFileHandler(file, { maxBytes: 1000, backupCount: 3 });
const gz = new GzipRotator({ level: 9 }).attach(h);
if (mode === 'start') {
  h.handle(makeLogRecord({ msg: 'first record after the big file' }));
  h.flush();
  process.stdout.write('started\n');
  setInterval(() => {}, 1000);
} else {
  await gz.drain();
  h.close();
  process.stdout.write('done\n');
}
