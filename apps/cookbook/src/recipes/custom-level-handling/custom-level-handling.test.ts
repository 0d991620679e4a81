import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasPython, runPython, runRecipe } from '../../test-support/run-recipe.js';

const pythonTwin = `
import json, logging, logging.config, sys
def filter_maker(level):
    level = getattr(logging, level)
    def filter(record):
        return record.levelno <= level
    return filter
config = json.loads(${JSON.stringify(JSON.stringify({ version: 1, disable_existing_loggers: false, formatters: { simple: { format: '%(levelname)-8s - %(message)s' } }, filters: { warnings_and_below: { '()': '__main__.filter_maker', level: 'WARNING' } }, handlers: { stdout: { class: 'logging.StreamHandler', level: 'INFO', formatter: 'simple', stream: 'ext://sys.stdout', filters: ['warnings_and_below'] }, stderr: { class: 'logging.StreamHandler', level: 'ERROR', formatter: 'simple', stream: 'ext://sys.stderr' }, file: { class: 'logging.FileHandler', formatter: 'simple', filename: 'app.log', mode: 'w' } }, root: { level: 'DEBUG', handlers: ['stderr', 'stdout', 'file'] } }))})
logging.config.dictConfig(config)
logging.debug('A DEBUG message')
logging.info('An INFO message')
logging.warning('A WARNING message')
logging.error('An ERROR message')
logging.critical('A CRITICAL message')
`;

describe('recipe 5, custom-level-handling', () => {
  const run = runRecipe('custom-level-handling');

  it('sends INFO and WARNING to stdout, ERROR and CRITICAL to stderr, everything to app.log', () => {
    expect(run.status).toBe(0);
    expect(run.stdout.split('\n').slice(0, 2)).toEqual([
      'INFO     - An INFO message',
      'WARNING  - A WARNING message',
    ]);
    expect(run.stderr).toBe('ERROR    - An ERROR message\nCRITICAL - A CRITICAL message\n');
    expect(readFileSync(join(run.outDir, 'app.log'), 'utf8')).toBe(
      'DEBUG    - A DEBUG message\nINFO     - An INFO message\nWARNING  - A WARNING message\nERROR    - An ERROR message\nCRITICAL - A CRITICAL message\n',
    );
  });

  it.skipIf(!hasPython)(
    `matches CPython running the same JSON${hasPython ? '' : ' [skipped: python3 not found]'}`,
    () => {
      const cwd = mkdtempSync(join(tmpdir(), 'cookbook-py-'));
      const py = runPython(pythonTwin, cwd)!;
      expect(py.status).toBe(0);
      expect(run.stdout.startsWith(py.stdout)).toBe(true);
      expect(run.stderr).toBe(py.stderr);
      expect(readFileSync(join(run.outDir, 'app.log'), 'utf8')).toBe(
        readFileSync(join(cwd, 'app.log'), 'utf8'),
      );
    },
  );
});
