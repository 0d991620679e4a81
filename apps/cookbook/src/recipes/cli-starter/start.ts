import { getLogger } from '@logweave/core';

const logger = getLogger('start');

export function command(options: { names: string[] }): void {
  const [name] = options.names;
  logger.debug('About to start %s', name);
  // actually do the command processing here ...
  logger.info("Started the '%s' service.", name);
}
