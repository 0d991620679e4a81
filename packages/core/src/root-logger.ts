import type { Level } from './levels.js';
import { Logger } from './logger.js';

/**
 * CPython's `RootLogger`: the logger named `'root'` at the top of a tree. It must have a
 * level (WARNING for the process-wide tree); `getLogger()`, `getLogger('')` and
 * `getLogger('root')` return it.
 */
export class RootLogger extends Logger {
  /** @param level the root's level */
  constructor(level: Level) {
    super('root', level);
  }
}
