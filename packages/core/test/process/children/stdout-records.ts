// Child process for exit-flush.test.ts: logs `record 0` .. `record N-1` to
// StreamHandler(process.stdout), then calls process.exit(0) at once.
import { getLogger, INFO, StreamHandler } from '../../../src/index.js';

const n = Number(process.argv[2] ?? '100000');
const logger = getLogger('stdout-test');
logger.setLevel(INFO);
logger.propagate = false;
logger.addHandler(new StreamHandler(process.stdout));
for (let i = 0; i < n; i++) logger.info(`record ${i}`);
process.exit(0);
