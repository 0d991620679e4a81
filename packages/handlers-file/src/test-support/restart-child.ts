// Runs as a child process (timed-rotating-file-handler.test.ts): one simulated day of an
// application restarted daily. argv: file, fake start time (s), backupCount, lines.
import { getLogger } from '@logweave/core';
import { TimedRotatingFileHandler } from '@logweave/handlers-file';

const [file = '', start = '0', backupCount = '3', lines = '5'] = process.argv.slice(2);
let now = Number(start);
const h = new TimedRotatingFileHandler(file, {
  when: 'midnight',
  backupCount: Number(backupCount),
  clock: () => now,
});
const log = getLogger('daily');
log.addHandler(h);
for (let i = 0; i < Number(lines); i++) {
  log.warning('run at %d line %d', Number(start), i);
  now += 60;
}
// The process simply ends: the exit hooks flush the file.
