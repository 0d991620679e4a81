// Test support for caller.test.ts: a logging facade that marks its file as logging's own,
// so records point at the facade's caller.
import { registerLoggingSourceFile } from '../caller.js';
import type { Logger } from '../logger.js';

registerLoggingSourceFile(import.meta.url);

/** Logs `msg` at INFO on `logger` from inside this (internal) file. */
export function facadeInfo(logger: Logger, msg: string): void {
  logger.info(msg);
}
