// A sender process for the tests: argv <url> <tag> <count> [exit]. Logs <count> records on
// logger `app.<tag>` through an NNGSocketHandler, starting before any listener may be
// connected, then ends naturally (the exit flush sends what is held) or, with `exit`,
// calls process.exit() at once.
import { getLogger, INFO } from '@logweave/core';
import { NNGSocketHandler } from '../index.js';

const [url = '', tag = 'a', countText = '10', mode = ''] = process.argv.slice(2);
const root = getLogger();
root.setLevel(INFO);
root.addHandler(new NNGSocketHandler(url));
const logger = getLogger(`app.${tag}`);

function logAll(): void {
  for (let i = 0; i < Number(countText); i++) {
    logger.info('record %d from %s: caf\u00e9 \u2713', i, tag);
  }
}
logAll();
if (mode === 'exit') process.exit(0);
