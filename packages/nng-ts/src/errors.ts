/** Base class of every error nng-ts raises (pynng: `pynng.NNGException`). */
export class NNGException extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A `recv()` or `send()` did not complete within its timeout (pynng: `Timeout`). */
export class Timeout extends NNGException {}

/** The socket was closed, before or while the operation waited (pynng: `Closed`). */
export class Closed extends NNGException {}

/**
 * A peer broke the SP protocol: bad connection header, wrong peer protocol, a malformed or
 * oversized message. The connection is dropped; this error is its reported reason.
 */
export class ProtocolError extends NNGException {}

/** A blocking `dial()` found nobody listening (pynng: `ConnectionRefused`). */
export class ConnectionRefused extends NNGException {}

/** The operation is not valid in the socket's state, e.g. `Rep0.send()` before a request (pynng: `BadState`). */
export class BadState extends NNGException {}

/** A URL that nng-ts cannot use (pynng: `InvalidArgument` / `AddressInvalid`). */
export class AddressInvalid extends NNGException {}

/** `listen()` on an address that is already in use (pynng: `AddressInUse`). */
export class AddressInUse extends NNGException {}

/** The operation is not supported by this protocol, e.g. `Pub0.recv()` (pynng: `NotSupported`). */
export class NotSupported extends NNGException {}

/** `recv(false)` found no message waiting (pynng: `TryAgain`). */
export class TryAgain extends NNGException {}
