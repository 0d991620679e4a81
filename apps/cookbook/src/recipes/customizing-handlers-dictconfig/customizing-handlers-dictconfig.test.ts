import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { normaliseAsctime, runRecipe } from '../../test-support/run-recipe.js';

describe('recipe 25, customizing-handlers-dictconfig', () => {
  const run = runRecipe('customizing-handlers-dictconfig');
  it('creates the log file with the owner and mode the factory set, and logs to it and the console', () => {
    expect(run.status).toBe(0);
    const file = join(run.outDir, 'chowntest.log');
    const st = statSync(file);
    expect(st.uid).toBe(process.getuid!());
    expect(st.gid).toBe(process.getgid!());
    expect(st.mode & 0o777).toBe(0o640);
    const expected = '<asctime> DEBUG root A debug message\n<asctime> INFO root An info message\n';
    expect(normaliseAsctime(readFileSync(file, 'utf8'))).toBe(expected);
    expect(normaliseAsctime(run.stderr)).toBe(expected);
  });
});
