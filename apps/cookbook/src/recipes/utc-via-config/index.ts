import { dictConfig } from '@logweave/config';
import { Formatter, gmtime, warning } from '@logweave/core';
import type { Recipe } from '../../recipe.js';

/** The cookbook's UTCFormatter: a Formatter whose converter is gmtime. */
export class UTCFormatter extends Formatter {}
UTCFormatter.converter = gmtime;

/** Python's `time.asctime()`: `Sat Oct  3 00:02:46 2015`, local time. */
function asctime(d = new Date()): string {
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = [
    'Jan',
    'Feb',
    'Mar',
    'Apr',
    'May',
    'Jun',
    'Jul',
    'Aug',
    'Sep',
    'Oct',
    'Nov',
    'Dec',
  ];
  const p = (n: number) => String(n).padStart(2, '0');
  return `${days[d.getDay()]} ${months[d.getMonth()]} ${String(d.getDate()).padStart(2, ' ')} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())} ${d.getFullYear()}`;
}

/** Recipe 32: a UTC formatter and a local one side by side, from dictConfig. */
export const utcViaConfig: Recipe = {
  number: 32,
  id: 'utc-via-config',
  title: 'Formatting times using UTC (GMT) via configuration',
  async run() {
    await dictConfig({
      version: 1,
      disable_existing_loggers: false,
      formatters: {
        utc: { '()': UTCFormatter, format: '%(asctime)s %(message)s' },
        local: { format: '%(asctime)s %(message)s' },
      },
      handlers: {
        console1: { class: 'logging.StreamHandler', formatter: 'utc' },
        console2: { class: 'logging.StreamHandler', formatter: 'local' },
      },
      root: { handlers: ['console1', 'console2'] },
    });
    warning('The local time is %s', asctime());
  },
};
