// Runs as a child process (multi-process.test.ts): logs `count` numbered lines through a
// QueueHandler on core's ProcessQueue (the log pipe the parent opened). argv: tag, count.
import { getLogger, ProcessQueue, QueueHandler } from '@logweave/core';

const [tag = 'c0', count = '1000'] = process.argv.slice(2);
const log = getLogger(tag);
log.propagate = false;
log.addHandler(new QueueHandler(new ProcessQueue()));
const pad = '.'.repeat(20);
for (let i = 0; i < Number(count); i++) log.warning('%s %d %s', tag, i, pad);
