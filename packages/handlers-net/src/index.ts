export { DropAccounting, reportNetDropToStderr } from './drop-accounting.js';
export type { NetDropReport } from './drop-accounting.js';
export { RetryBackoff } from './retry-backoff.js';
export type { RetryBackoffOptions } from './retry-backoff.js';
export { FLOAT_ATTRIBUTES, PyTuple, picklePlain } from './pickle-writer.js';
export type { PickleOptions } from './pickle-writer.js';
export { safeUnpickle, UnpicklingError } from './safe-unpickler.js';
export type { SafeUnpickleOptions } from './safe-unpickler.js';
export { recordDict, recordJson } from './record-dict.js';
export type { RecordSerializer } from './record-dict.js';
export { ACK_HELLO, decodeRecord, decodeRecordDict, FrameError } from './frame.js';
export { SocketHandler } from './socket-handler.js';
export type { SocketHandlerOptions } from './socket-handler.js';
export { LogRecordStreamHandler } from './log-record-stream-handler.js';
export type { StreamHandlerHost } from './log-record-stream-handler.js';
export { DEFAULT_TCP_LOGGING_PORT, LogRecordSocketReceiver } from './log-record-socket-receiver.js';
export type { LogRecordSocketReceiverOptions } from './log-record-socket-receiver.js';
export { reportReceiverError } from './receiver-errors.js';
export { DatagramHandler } from './datagram-handler.js';
export type { DatagramHandlerOptions } from './datagram-handler.js';
export {
  DEFAULT_UDP_LOGGING_PORT,
  LogRecordDatagramReceiver,
} from './log-record-datagram-receiver.js';
export type { LogRecordDatagramReceiverOptions } from './log-record-datagram-receiver.js';
