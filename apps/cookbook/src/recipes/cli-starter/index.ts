import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Recipe } from '../../recipe.js';

// The app is its own program (app.ts / app.js beside this file), run as a user would.
const app = fileURLToPath(import.meta.url).replace(/index\.(ts|js)$/, 'app.$1');

const sessions = [
  ['start', 'foo'],
  ['stop', 'foo', 'bar'],
  ['restart', 'foo', 'bar', 'baz'],
  ['--log-level', 'DEBUG', 'restart', 'foo', 'bar', 'baz'],
  ['--log-level', 'WARNING', 'restart', 'foo', 'bar', 'baz'],
];

/** Recipe 34: a CLI with `--log-level` and start/stop/restart commands in separate modules. */
export const cliStarter: Recipe = {
  number: 34,
  id: 'cli-starter',
  title: 'A CLI application starter template',
  packages: ['core'],
  run() {
    for (const args of sessions) {
      process.stdout.write(`$ app ${args.join(' ')}\n`);
      const r = spawnSync(process.execPath, [...process.execArgv, app, ...args], {
        stdio: ['ignore', 'inherit', 'pipe'],
        encoding: 'utf8',
      });
      // basicConfig logs to stderr; show it in the session transcript on stdout.
      process.stdout.write(r.stderr);
      if (r.status !== 0) throw new Error(`app ${args.join(' ')} exited with ${r.status}`);
    }
  },
};
