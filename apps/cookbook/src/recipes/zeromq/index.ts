import {
  DEBUG,
  FdDestination,
  Formatter,
  getLogger,
  type Handler,
  kw,
  type Logger,
  StreamHandler,
} from '@logweave/core';
import {
  ZeroMQSocketHandler,
  type ZeroMQSocketHandlerOptions,
  ZeroMQSocketListener,
  type ZeroMQSocketListenerOptions,
} from '@logweave/queue-zeromq';
import type { Recipe } from '../../recipe.js';

/** What the listener's handler prints: the record as the handler's process logged it. */
export const LISTENER_FORMAT = '%(processName)s %(name)s %(levelname)s %(message)s';

/** The records both halves of the demo log. */
function logSome(logger: Logger, how: string): void {
  logger.info('Hello over ZeroMQ (%s)', how);
  logger.warning('Non-ASCII survives the trip: café, 日本, \u{1F600}');
  logger.error('With extras: user=%s', 'ana', kw({ extra: { user: 'ana', requestId: 42 } }));
}

/** Prints what the listener receives, to stdout. */
function console(): Handler {
  const h = new StreamHandler(new FdDestination(1, { minLength: 0 }));
  h.setFormatter(new Formatter(LISTENER_FORMAT));
  return h;
}

/**
 * One exchange: a handler and a listener on loopback, one of them binding, the other
 * connecting to the endpoint the binding one got.
 */
async function exchange(
  how: string,
  handlerOptions: ZeroMQSocketHandlerOptions,
  listenerOptions: ZeroMQSocketListenerOptions,
): Promise<void> {
  const handlerBinds = handlerOptions.bind ?? true;
  let handler: ZeroMQSocketHandler;
  let listener: ZeroMQSocketListener;
  if (handlerBinds) {
    handler = new ZeroMQSocketHandler('tcp://127.0.0.1:*', handlerOptions);
    await handler.ready;
    listener = new ZeroMQSocketListener(handler.socket.lastEndpoint!, console(), listenerOptions);
  } else {
    listener = new ZeroMQSocketListener('tcp://127.0.0.1:*', console(), listenerOptions);
    await listener.ready;
    handler = new ZeroMQSocketHandler(listener.socket.lastEndpoint!, handlerOptions);
  }
  listener.start();

  const logger = getLogger(`zmq.${how}`);
  logger.setLevel(DEBUG);
  logger.propagate = false;
  logger.addHandler(handler);
  logSome(logger, how);
  // Python: handler.close(); here close() hands the queue to ZeroMQ first (within
  // closeTimeout), and aclose() waits for that.
  await handler.aclose();
  logger.removeHandler(handler);

  // Give the records a moment to cross, then stop: stop() handles what has arrived.
  const deadline = Date.now() + 5000;
  while (listener.received < 3 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 10));
  }
  await listener.stop();
  process.stdout.write(
    `-- ${how}: sent ${handler.sent}, dropped ${handler.dropped}, received ${listener.received}\n`,
  );
}

/** Recipe 18: QueueHandler/QueueListener subclasses over ZeroMQ. */
export const zeromq: Recipe = {
  number: 18,
  id: 'zeromq',
  title: 'Subclassing QueueHandler and QueueListener - a ZeroMQ example',
  async run() {
    // The cookbook's arrangement: the handler binds a PUB socket, the listener connects a
    // SUB socket. waitForSubscriber holds the first records until the subscription is in,
    // so none is lost to the slow joiner.
    await exchange(
      'pub-binds',
      { socketType: 'pub', bind: true, waitForSubscriber: 5000 },
      { socketType: 'sub' },
    );
    // The reverse, for many processes logging to one place: the listener binds a PULL
    // socket and each process's handler connects a PUSH socket to it.
    await exchange(
      'push-connects',
      { socketType: 'push', bind: false },
      { socketType: 'pull', bind: true },
    );
  },
};
