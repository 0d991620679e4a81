import {
  FdDestination,
  Formatter,
  getLogger,
  kw,
  type LogKwargs,
  LoggerAdapter,
  StreamHandler,
} from '@logweave/core';
import { ContextAdapter } from '@logweave/adapters-context';
import type { Recipe } from '../../recipe.js';

/** The cookbook's CustomAdapter: `process()` prefixes the message with the connection id. */
class CustomAdapter extends LoggerAdapter<{ connid: string }> {
  override process(msg: unknown, kwargs: LogKwargs): [unknown, LogKwargs] {
    return [`[${this.extra?.connid}] ${msg}`, kwargs];
  }
}

/**
 * Python's dict-like context object (`__getitem__` + `__iter__`): here an object whose
 * enumerable getters compute each value when a record is made.
 */
class ConnectionInfo {
  #requests = 0;
  readonly #users = ['jim', 'fred', 'sheila'];
  constructor() {
    Object.defineProperty(this, 'ip', {
      enumerable: true,
      get: () => `192.168.0.${(this.#requests % 3) + 1}`,
    });
    Object.defineProperty(this, 'user', {
      enumerable: true,
      get: () => this.#users[this.#requests++ % 3],
    });
  }
}

/** Recipe 10: LoggerAdapter, a process() override, and computed context values. */
export const loggerAdapter: Recipe = {
  number: 10,
  id: 'logger-adapter',
  title: 'Using LoggerAdapters to impart contextual information',
  run() {
    const logger = getLogger('conn');
    logger.setLevel('DEBUG');
    // Written at once to stdout, so the lines keep their order with the program's own.
    const h = new StreamHandler(new FdDestination(1, { minLength: 0 }));
    h.setFormatter(new Formatter('%(levelname)-8s %(ip)-12s %(user)-6s %(message)s'));
    logger.addHandler(h);

    // 1. A plain adapter: its extra goes on every record.
    const plain = new LoggerAdapter(logger, { ip: '10.0.0.1', user: 'ann' });
    plain.info('connected');
    plain.debug('sent %d bytes', 512);

    // 2. A subclass overriding process(): every message gets the connection id.
    const custom = new CustomAdapter(getLogger('conn'), { connid: 'c-42' });
    custom.warning('slow response: %dms', 1234, kw({ extra: { ip: '10.0.0.2', user: 'bob' } }));

    // 3. A dict-like object whose values are computed for each record.
    const info = new LoggerAdapter(logger, new ConnectionInfo() as unknown as Record<string, unknown>);
    for (let i = 0; i < 3; i++) info.info('request %d', i + 1);

    // 4. Node's child-logger idiom with the package's precedence (call extra > child > parent).
    const base = new ContextAdapter(logger, { ip: '10.0.0.3', user: 'svc' });
    const child = base.child({ user: 'child' });
    child.info('from the child');
    child.info('call-site wins', kw({ extra: { user: 'call' } }));
  },
};
