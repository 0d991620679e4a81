export { DropAccounting, reportNetDropToStderr } from './drop-accounting.js';
export type { NetDropReport } from './drop-accounting.js';
export { RetryBackoff } from './retry-backoff.js';
export type { RetryBackoffOptions } from './retry-backoff.js';
