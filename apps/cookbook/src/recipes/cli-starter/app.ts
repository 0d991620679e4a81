import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { basicConfig } from '@logweave/core';

const LEVELS = ['DEBUG', 'INFO', 'WARNING', 'ERROR', 'CRITICAL'] as const;
const COMMANDS = ['start', 'stop', 'restart'];

/** The app: `app [--log-level LEVEL] {start NAME | stop NAME... | restart NAME...}`. */
export async function main(argv: string[]): Promise<number> {
  const scriptname = basename(process.argv[1] ?? 'app');
  const { values, positionals } = parseArgs({
    args: argv,
    options: { 'log-level': { type: 'string', default: 'INFO' } },
    allowPositionals: true,
  });
  const level = values['log-level'] as string;
  const [command, ...names] = positionals;
  if (!(LEVELS as readonly string[]).includes(level) || !command || names.length === 0) {
    process.stderr.write(
      `usage: ${scriptname} [--log-level {${LEVELS.join(',')}}] {${COMMANDS.join(',')}} NAME...\n`,
    );
    return 2;
  }
  if (command === 'start' && names.length !== 1) {
    process.stderr.write(`${scriptname} start: exactly one NAME\n`);
    return 2;
  }
  // The code to dispatch commands could all be in this file. For the purposes of
  // illustration only, we implement each command in a separate module.
  let cmd: (options: { names: string[] }) => void;
  try {
    if (!COMMANDS.includes(command)) throw new Error(command);
    ({ command: cmd } = await import(`./${command}.js`));
  } catch {
    process.stdout.write(`Unable to find the code for command '${command}'\n`);
    return 1;
  }
  // Could get fancy here and load configuration from file or dictionary
  basicConfig({ level, format: '%(levelname)s %(name)s %(message)s' });
  cmd({ names });
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
