export { NNGSocketHandler } from './nng-socket-handler.js';
export type { NNGSocketHandlerOptions } from './nng-socket-handler.js';
export { NNGSocketListener } from './nng-socket-listener.js';
export type { NNGSocketListenerOptions } from './nng-socket-listener.js';
