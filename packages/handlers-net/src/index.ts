export { DropAccounting, reportNetDropToStderr } from './drop-accounting.js';
export type { NetDropReport } from './drop-accounting.js';
export { RetryBackoff } from './retry-backoff.js';
export type { RetryBackoffOptions } from './retry-backoff.js';
export {
  escapeSDParamValue,
  formatStructuredData,
  RFC5424Formatter,
  rfc5424Timestamp,
} from './syslog/rfc5424-formatter.js';
export type { RFC5424FormatterOptions, StructuredData } from './syslog/rfc5424-formatter.js';
export { RFC5424SysLogHandler } from './syslog/rfc5424-sys-log-handler.js';
export type { RFC5424SysLogHandlerOptions } from './syslog/rfc5424-sys-log-handler.js';
export { SYSLOG_TCP_PORT, SYSLOG_UDP_PORT, SysLogHandler } from './syslog/sys-log-handler.js';
export type { SysLogHandlerOptions } from './syslog/sys-log-handler.js';
export { escapeFrameDelimiters, frameSyslogMessage } from './syslog/syslog-framing.js';
export type { SyslogFraming } from './syslog/syslog-framing.js';
export type {
  SyslogTransport,
  UnixDgramModule,
  UnixDgramSocketLike,
} from './syslog/syslog-transport.js';
export { HTTPHandler } from './http/http-handler.js';
export type { HTTPHandlerOptions, HTTPSContext } from './http/http-handler.js';
export { pyUrlencode } from './http/py-form-encode.js';
export { BufferingSMTPHandler } from './smtp/buffering-smtp-handler.js';
export type { BufferingSMTPHandlerOptions } from './smtp/buffering-smtp-handler.js';
export { SMTPHandler } from './smtp/smtp-handler.js';
export type { SMTPHandlerOptions } from './smtp/smtp-handler.js';
export { SMTPMailer } from './smtp/smtp-mailer.js';
export type { Mail, SMTPMailerOptions } from './smtp/smtp-mailer.js';
export { toAnyValue } from './otlp/any-value.js';
export type { AnyValue, KeyValue } from './otlp/any-value.js';
export { OTLPHandler } from './otlp/otlp-handler.js';
export type { OTLPHandlerOptions } from './otlp/otlp-handler.js';
export { toOTLPLogRecord } from './otlp/otlp-log-record.js';
export type { OTLPLogRecord } from './otlp/otlp-log-record.js';
export { severityNumber } from './otlp/severity.js';
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
