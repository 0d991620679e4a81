import { getLogger } from '@logweave/core';

// A child of 'spam_application', created by dotted name: no handlers of its own.
const moduleLogger = getLogger('spam_application.auxiliary');

export class Auxiliary {
  private readonly logger = getLogger('spam_application.auxiliary.Auxiliary');

  constructor() {
    this.logger.info('creating an instance of Auxiliary');
  }

  doSomething(): number {
    this.logger.info('doing something');
    const a = 1 + 1;
    this.logger.info('done doing something');
    return a;
  }
}

export function someFunction(): void {
  moduleLogger.info('received a call to "some_function"');
}
