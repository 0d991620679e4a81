import {
  basicConfig,
  CRITICAL,
  DEBUG,
  ERROR,
  Filter,
  getLevelName,
  getLogger,
  INFO,
  type LogRecord,
  WARNING,
} from '@logweave/core';
import type { Recipe } from '../../recipe.js';
import { choice, seeded } from '../multiple-processes/random.js';

// Seeded so a run can be repeated (COOKBOOK_SEED); the cookbook uses random.choice.
const random = seeded(Number(process.env.COOKBOOK_SEED ?? Date.now() % 2 ** 31));

/**
 * This is a filter which injects contextual information into the log. Rather than use
 * actual contextual information, we just use random data in this demo.
 */
export class ContextFilter extends Filter {
  static readonly USERS = ['jim', 'fred', 'sheila'];
  static readonly IPS = ['123.231.231.123', '127.0.0.1', '192.168.0.1'];

  override filter(record: LogRecord): boolean {
    const r = record as LogRecord & { ip: string; user: string };
    r.ip = choice(random, ContextFilter.IPS);
    r.user = choice(random, ContextFilter.USERS);
    return true;
  }
}

/** Recipe 11: a filter injects `ip` and `user` into every record, used by the format. */
export const contextFilters: Recipe = {
  number: 11,
  id: 'context-filters',
  title: 'Using Filters to impart contextual information',
  packages: ['core'],
  run() {
    const levels = [DEBUG, INFO, WARNING, ERROR, CRITICAL];
    basicConfig({
      level: DEBUG,
      format:
        '%(asctime)-15s %(name)-5s %(levelname)-8s IP: %(ip)-15s User: %(user)-8s %(message)s',
    });
    const a1 = getLogger('a.b.c');
    const a2 = getLogger('d.e.f');

    const f = new ContextFilter();
    a1.addFilter(f);
    a2.addFilter(f);
    a1.debug('A debug message');
    a1.info('An info message with %s', 'some parameters');
    for (let x = 0; x < 10; x++) {
      const lvl = choice(random, levels);
      const lvlname = getLevelName(lvl);
      a2.log(lvl, 'A message at %s level with %d %s', lvlname, 2, 'parameters');
    }
  },
};
