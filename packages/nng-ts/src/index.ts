export { Protocol, peerOf, protocolName } from './protocol-ids.js';
export type { ProtocolName } from './protocol-ids.js';
export { encodeSpHeader, parseSpHeader, SP_HEADER_LENGTH, SpHeaderError } from './sp-header.js';
