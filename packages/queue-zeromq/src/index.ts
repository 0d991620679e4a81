export { dumps, loads, RECORD_FLOAT_KEYS } from './py-json.js';
export { ZeroMQSocketHandler } from './zeromq-socket-handler.js';
export type {
  ZeroMQHandlerSocketType,
  ZeroMQSocketHandlerOptions,
  ZeroMQWhenFull,
} from './zeromq-socket-handler.js';
export { ZeroMQSocketListener } from './zeromq-socket-listener.js';
export type {
  ZeroMQListenerSocketType,
  ZeroMQSocketListenerOptions,
} from './zeromq-socket-listener.js';
