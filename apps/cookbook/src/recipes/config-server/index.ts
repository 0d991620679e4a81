import { fileConfig, listen, sendConfig, stopListening } from '@logweave/config';
import { getLogger } from '@logweave/core';
import type { Recipe } from '../../recipe.js';

/** The Logging HOWTO's logging.conf: the running application's first configuration. */
export const LOGGING_CONF = `[loggers]
keys=root,simpleExample

[handlers]
keys=consoleHandler

[formatters]
keys=simpleFormatter

[logger_root]
level=DEBUG
handlers=consoleHandler

[logger_simpleExample]
level=DEBUG
handlers=consoleHandler
qualname=simpleExample
propagate=0

[handler_consoleHandler]
class=StreamHandler
level=DEBUG
formatter=simpleFormatter
args=(sys.stdout,)

[formatter_simpleFormatter]
format=%(asctime)s - %(name)s - %(levelname)s - %(message)s
`;

/** What the client sends: a JSON dictConfig raising the level and changing the format. */
export const NEW_CONFIG = {
  version: 1,
  formatters: { brief: { format: 'NEW %(levelname)-8s %(name)s: %(message)s' } },
  handlers: {
    console: { class: 'logging.StreamHandler', formatter: 'brief', stream: 'ext://sys.stdout' },
  },
  loggers: { simpleExample: { level: 'WARNING', handlers: ['console'], propagate: false } },
  root: { level: 'WARNING', handlers: ['console'] },
};

function logRound(): void {
  const logger = getLogger('simpleExample');
  logger.debug('debug message');
  logger.info('info message');
  logger.warning('warn message');
  logger.error('error message');
  logger.critical('critical message');
}

/** Recipe 6: listen() applies a configuration sent over TCP; the running app's output changes. */
export const configServer: Recipe = {
  number: 6,
  id: 'config-server',
  title: 'Configuration server example',
  async run() {
    await fileConfig({ text: LOGGING_CONF });
    let applied!: () => void;
    const done = new Promise<void>((r) => (applied = r));
    // Python: t = logging.config.listen(9999); t.start() — port 0 picks a free port here.
    const t = listen(0, { onApplied: () => applied() });
    await t.start();
    logRound();
    // The client (Python's example sends a file with struct.pack('>L', len(data))):
    await sendConfig(NEW_CONFIG, { port: t.port });
    await done;
    logRound();
    await stopListening();
  },
};
