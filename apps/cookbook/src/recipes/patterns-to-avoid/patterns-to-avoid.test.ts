import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runRecipe } from '../../test-support/run-recipe.js';

describe('recipe 38, patterns-to-avoid', () => {
  const run = runRecipe('patterns-to-avoid');

  it('warns once about a file opened twice, keeps a library quiet until configured, and counts loggers', () => {
    expect(run.status).toBe(0);
    // Node prints the process warning itself, once.
    const warnings = run.stderr.split('\n').filter((l) => l.startsWith('(node:'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /^\(node:\d+\) \[LOGWEAVE_FILE_OPENED_TWICE\] LoggingWarning: \/.*\/app\.log is already open in another handler of this process \(<FileHandler \/.*\/app\.log \(NOTSET\)>\); /,
    );
    expect(run.stdout.slice(0, run.stdout.indexOf('[files in'))).toBe(
      [
        '1. Opening the same log file multiple times',
        '   two FileHandlers on app.log: 1 warning (LOGWEAVE_FILE_OPENED_TWICE)',
        '   <out>/app.log is already open in another handler of this process',
        '   one FileHandler shared by app.web and app.db: 1 warning in all',
        '2. Adding handlers other than NullHandler to a logger in a library',
        '   the library warned before the application configured logging: nothing shown',
        '   WARNING:mylib:disk almost full: 4% free',
        '3. Creating a lot of loggers',
        '   a logger per connection: 1001 loggers added, never freed',
        '   one logger and an adapter per connection: 1 loggers added',
        '',
      ].join('\n'),
    );
    expect(readFileSync(join(run.outDir, 'app.log'), 'utf8')).toBe('');
  });
});
