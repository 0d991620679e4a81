import { getLogger } from '@logweave/core';
import { describeServices } from './services.js';

const logger = getLogger('restart');

export function command(options: { names: string[] }): void {
  const [services, plural] = describeServices(options.names);
  logger.debug('About to restart %s', services);
  // actually do the command processing here ...
  logger.info('Restarted the %s service%s.', services, plural);
}
