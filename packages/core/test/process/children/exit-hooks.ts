// Child process for exit-flush.test.ts: reports the process listeners logweave installs
// (none at import, one per hook after the first handler), then logs from an 'exit'
// listener registered after logweave's own exit hook.
import { join } from 'node:path';
import { FileHandler, getLogger, INFO } from '../../../src/index.js';

const events = ['exit', 'SIGTERM', 'SIGINT', 'SIGHUP'] as const;
const counts = (): number[] => events.map((e) => process.listenerCount(e));
const before = counts();
const logger = getLogger('hooks-test');
logger.setLevel(INFO);
logger.propagate = false;
logger.addHandler(new FileHandler(join(process.argv[2] ?? '.', 'late.log'), 'a'));
const after = counts();
process.stdout.write(`${JSON.stringify({ before, after })}\n`);
logger.info('before exit');
process.on('exit', () => logger.info('from a later exit listener'));
