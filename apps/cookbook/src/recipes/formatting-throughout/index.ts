import { strFormat } from '@logweave/adapters-context';
import {
  FdDestination,
  Formatter,
  getLogger,
  INFO,
  LogRecord,
  setLogRecordFactory,
  StreamHandler,
} from '@logweave/core';
import type { Recipe } from '../../recipe.js';

/**
 * A record whose message is `%`-formatted when it uses `%`, else `{}`-formatted: existing
 * `%` calls keep working while new code writes `{}` — for every logger of the application,
 * including third-party ones, through the record factory.
 */
export class StyleRecord extends LogRecord {
  override getMessage(): string {
    const msg = String(this.msg);
    const args = this.args;
    if (
      args === null ||
      (Array.isArray(args) ? args.length === 0 : Object.keys(args).length === 0)
    ) {
      return msg;
    }
    if (msg.includes('%')) return super.getMessage();
    if (Array.isArray(args)) return strFormat(msg, args);
    return strFormat(msg, [], args as Record<string, unknown>);
  }
}

/** Recipe 26: one record factory gives the whole application `{}` messages, `%` still works. */
export const formattingThroughout: Recipe = {
  number: 26,
  id: 'formatting-throughout',
  title: 'Using particular formatting styles throughout your application',
  run() {
    setLogRecordFactory(StyleRecord);
    const root = getLogger();
    root.setLevel(INFO);
    const handler = new StreamHandler(new FdDestination(2, { minLength: 0 }));
    handler.setFormatter(new Formatter('%(levelname)-8s %(name)s: %(message)s'));
    root.addHandler(handler);

    const ours = getLogger('app');
    const library = getLogger('thirdparty.lib'); // code we do not control, still using %
    ours.info('{} has {} rows', 'users', 3);
    ours.info('{user} logged in from {ip}', { user: 'ann', ip: '10.0.0.1' });
    ours.warning('{0:>8.2f}|{0:<8.1e}|', 1234.5678);
    library.info('%s has %d rows', 'orders', 7);
    library.error('%(user)s failed %(count)d times', { user: 'bob', count: 2 });
    ours.info('no arguments: {} and % stay as written');
  },
};
