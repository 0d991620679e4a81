import { LoggingTypeError, LoggingValueError } from '@logweave/core';

/** Transports libzmq knows, as they start an endpoint. */
const ENDPOINT = /^(tcp|ipc|inproc|pgm|epgm|ws|wss|tipc|vmci|udp):\/\/./;

/** Throws a configuration error unless `uri` looks like a ZeroMQ endpoint. @internal */
export function checkEndpoint(who: string, uri: unknown): asserts uri is string {
  if (typeof uri !== 'string') {
    throw new LoggingTypeError(`${who}: uri must be a string, not ${typeof uri}`);
  }
  if (!ENDPOINT.test(uri)) {
    throw new LoggingValueError(
      `${who}: ${JSON.stringify(uri)} is not a ZeroMQ endpoint (expected e.g. tcp://127.0.0.1:5556 or ipc:///tmp/log.sock)`,
    );
  }
}

/** A non-negative number of milliseconds, or `fallback` when undefined. @internal */
export function checkMs(who: string, name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new LoggingValueError(
      `${who}: ${name} must be a number of milliseconds >= 0, not ${String(value)}`,
    );
  }
  return value;
}

/** The message of an error, or its string form. @internal */
export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
