export { formatAddress, parseAddress } from './address.js';
export type { Address } from './address.js';
export { Dialer } from './dialer.js';
export {
  AddressInUse,
  AddressInvalid,
  BadState,
  Closed,
  ConnectionRefused,
  NNGException,
  NotSupported,
  ProtocolError,
  Timeout,
  TryAgain,
} from './errors.js';
export { FrameDecoder } from './frame-decoder.js';
export { Listener } from './listener.js';
export { Pipe } from './pipe.js';
export { Protocol, peerOf, protocolName } from './protocol-ids.js';
export type { ProtocolName } from './protocol-ids.js';
export { Bus0 } from './protocols/bus0.js';
export { Pair0 } from './protocols/pair0.js';
export { Pair1 } from './protocols/pair1.js';
export type { Pair1Options } from './protocols/pair1.js';
export { Pub0 } from './protocols/pub0.js';
export { Pull0 } from './protocols/pull0.js';
export { Push0 } from './protocols/push0.js';
export { Rep0 } from './protocols/rep0.js';
export { Req0 } from './protocols/req0.js';
export type { Req0Options } from './protocols/req0.js';
export { Respondent0 } from './protocols/respondent0.js';
export { Sub0 } from './protocols/sub0.js';
export type { Sub0Options } from './protocols/sub0.js';
export { Surveyor0 } from './protocols/surveyor0.js';
export type { Surveyor0Options } from './protocols/surveyor0.js';
export { Socket } from './socket.js';
export type { DialOptions, Message, SocketEvents, SocketOptions, SocketStats } from './socket.js';
export { encodeSpHeader, parseSpHeader, SP_HEADER_LENGTH, SpHeaderError } from './sp-header.js';
