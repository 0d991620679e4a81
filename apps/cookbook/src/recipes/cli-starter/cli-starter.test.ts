import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasPython, runRecipe } from '../../test-support/run-recipe.js';

const EXPECTED = `$ app start foo
INFO start Started the 'foo' service.
$ app stop foo bar
INFO stop Stopped the 'foo' and 'bar' services.
$ app restart foo bar baz
INFO restart Restarted the 'foo', 'bar' and 'baz' services.
$ app --log-level DEBUG restart foo bar baz
DEBUG restart About to restart 'foo', 'bar' and 'baz'
INFO restart Restarted the 'foo', 'bar' and 'baz' services.
$ app --log-level WARNING restart foo bar baz
`;

// The cookbook's app.py, start.py, stop.py and restart.py.
const python: Record<string, string> = {
  'app.py': `
import argparse, importlib, logging, os, sys
def main(args=None):
    parser = argparse.ArgumentParser('app')
    levels = ('DEBUG', 'INFO', 'WARNING', 'ERROR', 'CRITICAL')
    parser.add_argument('--log-level', default='INFO', choices=levels)
    subparsers = parser.add_subparsers(dest='command', help='Available commands:')
    start_cmd = subparsers.add_parser('start', help='Start a service')
    start_cmd.add_argument('name', metavar='NAME', help='Name of service to start')
    stop_cmd = subparsers.add_parser('stop', help='Stop one or more services')
    stop_cmd.add_argument('names', metavar='NAME', nargs='+', help='Name of service to stop')
    restart_cmd = subparsers.add_parser('restart', help='Restart one or more services')
    restart_cmd.add_argument('names', metavar='NAME', nargs='+', help='Name of service to restart')
    options = parser.parse_args()
    try:
        mod = importlib.import_module(options.command)
        cmd = getattr(mod, 'command')
    except (ImportError, AttributeError):
        print('Unable to find the code for command \\'%s\\'' % options.command)
        return 1
    logging.basicConfig(level=options.log_level, format='%(levelname)s %(name)s %(message)s')
    cmd(options)
if __name__ == '__main__':
    sys.exit(main())
`,
  'start.py': `
import logging
logger = logging.getLogger(__name__)
def command(options):
    logger.debug('About to start %s', options.name)
    logger.info('Started the \\'%s\\' service.', options.name)
`,
  'stop.py': `
import logging
logger = logging.getLogger(__name__)
def command(options):
    n = len(options.names)
    if n == 1:
        plural = ''
        services = '\\'%s\\'' % options.names[0]
    else:
        plural = 's'
        services = ', '.join('\\'%s\\'' % name for name in options.names)
        i = services.rfind(', ')
        services = services[:i] + ' and ' + services[i + 2:]
    logger.debug('About to stop %s', services)
    logger.info('Stopped the %s service%s.', services, plural)
`,
  'restart.py': `
import logging
logger = logging.getLogger(__name__)
def command(options):
    n = len(options.names)
    if n == 1:
        plural = ''
        services = '\\'%s\\'' % options.names[0]
    else:
        plural = 's'
        services = ', '.join('\\'%s\\'' % name for name in options.names)
        i = services.rfind(', ')
        services = services[:i] + ' and ' + services[i + 2:]
    logger.debug('About to restart %s', services)
    logger.info('Restarted the %s service%s.', services, plural)
`,
};

describe('recipe 34, cli-starter', () => {
  const run = runRecipe('cli-starter');

  it('logs through each command module’s own logger at the level --log-level sets', () => {
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout.slice(0, run.stdout.indexOf('[files in'))).toBe(EXPECTED);
  });

  it.skipIf(!hasPython)(
    `prints what the cookbook's Python app prints for the same commands${hasPython ? '' : ' [skipped: python3 not found]'}`,
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'cookbook-py-'));
      for (const [name, text] of Object.entries(python)) writeFileSync(join(dir, name), text);
      let transcript = '';
      for (const line of EXPECTED.split('\n').filter((l) => l.startsWith('$ app '))) {
        const args = line.slice('$ app '.length).split(' ');
        const r = spawnSync('python3', ['app.py', ...args], { cwd: dir, encoding: 'utf8' });
        expect(r.status).toBe(0);
        transcript += `${line}\n${r.stderr}`;
      }
      expect(run.stdout.slice(0, run.stdout.indexOf('[files in'))).toBe(transcript);
    },
  );
});
