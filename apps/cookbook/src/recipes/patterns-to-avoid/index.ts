import { join } from 'node:path';
import { setImmediate as tick } from 'node:timers/promises';
import {
  basicConfig,
  FILE_OPENED_TWICE,
  FileHandler,
  getLogger,
  getManager,
  INFO,
  LoggerAdapter,
} from '@logweave/core';
import type { Recipe } from '../../recipe.js';
import { checkDisk } from './library.js';

const say = (line: string) => process.stdout.write(`${line}\n`);

/** Recipe 38: the cookbook's patterns to avoid, and what logweave does about each. */
export const patternsToAvoid: Recipe = {
  number: 38,
  id: 'patterns-to-avoid',
  title: 'Patterns to avoid',
  packages: ['core'],
  async run({ outDir }) {
    const warnings: string[] = [];
    process.on('warning', (w: Error & { code?: string }) => {
      if (w.code === FILE_OPENED_TWICE) warnings.push(w.message.replace(outDir, '<out>'));
    });

    say('1. Opening the same log file multiple times');
    const first = new FileHandler(join(outDir, 'app.log'));
    const second = new FileHandler(join(outDir, 'app.log'));
    await tick();
    say(`   two FileHandlers on app.log: ${warnings.length} warning (${FILE_OPENED_TWICE})`);
    say(`   ${warnings[0]?.slice(0, warnings[0].indexOf(' ('))}`);
    second.close();
    // Instead: one handler, shared by every logger that writes the file.
    getLogger('app.web').addHandler(first);
    getLogger('app.db').addHandler(first);
    await tick();
    say(`   one FileHandler shared by app.web and app.db: ${warnings.length} warning in all`);

    say('2. Adding handlers other than NullHandler to a logger in a library');
    checkDisk(5);
    say('   the library warned before the application configured logging: nothing shown');
    basicConfig({
      level: INFO,
      format: '   %(levelname)s:%(name)s:%(message)s',
      stream: process.stdout,
    });
    checkDisk(4);
    for (const h of getLogger().handlers) h.flush();

    say('3. Creating a lot of loggers');
    const before = getManager().loggerDict.size;
    for (let conn = 1; conn <= 1000; conn++) getLogger(`app.conn.${conn}`).debug('connected');
    const perConnection = getManager().loggerDict.size - before;
    say(`   a logger per connection: ${perConnection} loggers added, never freed`);
    const sizeBefore = getManager().loggerDict.size;
    const log = getLogger('app.server');
    for (let conn = 1; conn <= 1000; conn++) {
      new LoggerAdapter(log, { conn }).debug('connected');
    }
    say(
      `   one logger and an adapter per connection: ${getManager().loggerDict.size - sizeBefore} loggers added`,
    );
  },
};
