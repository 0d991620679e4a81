import { type ProtocolName, Protocol, protocolName } from './protocol-ids.js';

/** Length of the SP header exchanged by both sides when a TCP or IPC stream connects. */
export const SP_HEADER_LENGTH = 8;

/** Raised when a peer's connection header is not a valid SP header. */
export class SpHeaderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SpHeaderError';
  }
}

/** The 8-byte header `00 'S' 'P' 00 <protocol u16 big-endian> 00 00` announcing `protocol`. */
export function encodeSpHeader(protocol: ProtocolName): Buffer {
  const b = Buffer.alloc(SP_HEADER_LENGTH);
  b[1] = 0x53;
  b[2] = 0x50;
  b.writeUInt16BE(Protocol[protocol], 4);
  return b;
}

/** Parses a peer's SP header and returns the protocol it announces; throws SpHeaderError if malformed. */
export function parseSpHeader(header: Uint8Array): ProtocolName {
  if (header.length !== SP_HEADER_LENGTH) {
    throw new SpHeaderError(`SP header must be ${SP_HEADER_LENGTH} bytes, got ${header.length}`);
  }
  if (header[0] !== 0 || header[1] !== 0x53 || header[2] !== 0x50 || header[3] !== 0) {
    throw new SpHeaderError('not an SP connection: bad magic or version');
  }
  if (header[6] !== 0 || header[7] !== 0)
    throw new SpHeaderError('SP header reserved bytes not zero');
  const id = (header[4]! << 8) | header[5]!;
  const name = protocolName(id);
  if (name === undefined) throw new SpHeaderError(`unknown SP protocol 0x${id.toString(16)}`);
  return name;
}
