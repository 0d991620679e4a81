import { describe, expect, it } from 'vitest';
import { normaliseAsctime, runRecipe } from '../../test-support/run-recipe.js';

describe('recipe 6, config-server', () => {
  const run = runRecipe('config-server');
  it('logs with the file configuration, then with the one received over TCP', () => {
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    const lines = normaliseAsctime(run.stdout).split('\n');
    expect(lines.slice(0, 8)).toEqual([
      '<asctime> - simpleExample - DEBUG - debug message',
      '<asctime> - simpleExample - INFO - info message',
      '<asctime> - simpleExample - WARNING - warn message',
      '<asctime> - simpleExample - ERROR - error message',
      '<asctime> - simpleExample - CRITICAL - critical message',
      'NEW WARNING  simpleExample: warn message',
      'NEW ERROR    simpleExample: error message',
      'NEW CRITICAL simpleExample: critical message',
    ]);
  });
});
