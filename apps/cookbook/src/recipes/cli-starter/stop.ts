import { getLogger } from '@logweave/core';
import { describeServices } from './services.js';

const logger = getLogger('stop');

export function command(options: { names: string[] }): void {
  const [services, plural] = describeServices(options.names);
  logger.debug('About to stop %s', services);
  // actually do the command processing here ...
  logger.info('Stopped the %s service%s.', services, plural);
}
