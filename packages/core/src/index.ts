export {
  LoggingAttributeError,
  LoggingError,
  LoggingIndexError,
  LoggingKeyError,
  LoggingOverflowError,
  LoggingTypeError,
  LoggingValueError,
} from './errors.js';
export type { PythonExceptionName } from './errors.js';
export {
  addLevelName,
  checkLevel,
  CRITICAL,
  DEBUG,
  ERROR,
  FATAL,
  getLevelName,
  getLevelNamesMapping,
  INFO,
  NOTSET,
  WARN,
  WARNING,
} from './levels.js';
export type { Level } from './levels.js';
export { LogRecord, makeLogRecord } from './record.js';
export type { ExcInfo, LogArgs, LogRecordFactory, LogRecordFactoryArgs } from './record.js';
export { callFactory, getLogRecordFactory, setLogRecordFactory } from './record-factory.js';
export { Filter, Filterer } from './filter.js';
export type { FilterFunction, FilterLike, FilterObject, FilterResult } from './filter.js';
export { getHandlerByName, getHandlerNames, Handler } from './handler.js';
export { settings } from './settings.js';
export type { LoggingSettings } from './settings.js';
export {
  getProcessName,
  getTaskName,
  getThreadName,
  setProcessName,
  setTaskNameProvider,
  setThreadName,
} from './runtime-identity.js';
export { findCaller, registerLoggingSourceFile, requestCallerInfo } from './caller.js';
export type { CallerInfo } from './caller.js';
export { kw } from './kwargs.js';
export type { Kw, LogKwargs } from './kwargs.js';
export { Logger } from './logger.js';
export { RootLogger } from './root-logger.js';
export { getLoggerClass, getManager, Manager, PlaceHolder, setLoggerClass } from './manager.js';
export type { LoggerClass } from './manager.js';
export { LoggerAdapter } from './logger-adapter.js';
export type { AdapterTarget } from './logger-adapter.js';
export {
  critical,
  debug,
  disable,
  error,
  exception,
  fatal,
  getLogger,
  info,
  log,
  root,
  warn,
  warning,
} from './logging-api.js';
export { resetLogging, snapshotLogging } from './testing.js';
export { BASIC_FORMAT, _STYLES, Formatter } from './formatter.js';
export type { FormatStyle, FormatterKeywordOptions, FormatterOptions } from './formatter.js';
export { PercentStyle } from './styles/percent-style.js';
export type { StyleDefaults, StyleOptions } from './styles/percent-style.js';
export { StrFormatStyle } from './styles/str-format-style.js';
export { StringTemplateStyle } from './styles/string-template-style.js';
export { Template } from './text/template.js';
export type { TemplateMapping } from './text/template.js';
export { formatWithSpec } from './text/format-spec.js';
export { percentFormat } from './text/percent-format.js';
export { pyAscii, pyRepr, pyStr } from './text/py-repr.js';
export { BufferingFormatter } from './buffering-formatter.js';
export type { RecordFormatter } from './buffering-formatter.js';
export { JSONFormatter, STANDARD_ATTRIBUTES } from './json-formatter.js';
export type { JSONFormatterOptions } from './json-formatter.js';
export { formatExceptionText } from './exception-format.js';
export { gmtime, localtime } from './time/converters.js';
export type { Converter } from './time/converters.js';
export { mktime } from './time/mktime.js';
export { strftime } from './time/strftime.js';
export type { StructTime } from './time/struct-time.js';
export { StreamHandler } from './handlers/stream-handler.js';
export { FileHandler } from './handlers/file-handler.js';
export type { FileHandlerOptions } from './handlers/file-handler.js';
export { NullHandler } from './handlers/null-handler.js';
export { FILE_OPENED_TWICE } from './handlers/open-files.js';
export { lastResort, StderrHandler } from './handlers/last-resort.js';
export { shutdown } from './shutdown.js';
export { basicConfig } from './basic-config.js';
export type { BasicConfigOptions } from './basic-config.js';
export { captureWarnings, formatWarning } from './capture-warnings.js';
export { isDestination } from './destination/destination.js';
export type { Destination } from './destination/destination.js';
export { FdDestination, reportDropToStderr } from './destination/fd-destination.js';
export type { DropReport, FdDestinationOptions } from './destination/fd-destination.js';
export { MemoryDestination } from './destination/memory-destination.js';
export { NodeStreamDestination } from './destination/node-stream-destination.js';
export type {
  NodeStreamDestinationOptions,
  WritableLike,
} from './destination/node-stream-destination.js';
export { RejectingCodec, TextCodec } from './destination/text-codec.js';
export type { EncodingErrors, TextChecker } from './destination/text-codec.js';
export { QueueHandler } from './handlers/queue-handler.js';
export type {
  LogRecordDict,
  QueueDropReport,
  QueueHandlerOptions,
  SupportsPutNowait,
  WhenFull,
} from './handlers/queue-handler.js';
export { QueueListener } from './handlers/queue-listener.js';
export type { HandlerLike, QueueListenerOptions, SupportsGet } from './handlers/queue-listener.js';
export { BufferingHandler } from './handlers/buffering-handler.js';
export { MemoryHandler } from './handlers/memory-handler.js';
export { Queue } from './queues/queue.js';
export { QueueEmpty, QueueFull } from './queues/queue-errors.js';
export { openQueuePort, PortQueue, receiveFromPort } from './queues/port-queue.js';
export type {
  MessagePortLike,
  PortQueueOptions,
  ReceiveFromPortOptions,
} from './queues/port-queue.js';
export {
  DEFAULT_MAX_LINE_LENGTH,
  LOG_PIPE_ENV,
  LOG_PIPE_FD,
  logPipeStdio,
  ProcessQueue,
  receiveFromProcess,
  receiveFromStream,
  withLogPipe,
} from './queues/process-queue.js';
export type {
  ChildLike,
  LogPipeSpawnOptions,
  ProcessReceiver,
  ReceiveOptions,
  StreamReceiver,
} from './queues/process-queue.js';
export { WorkerQueueHandler } from './queues/worker-queue-handler.js';
export type { WorkerQueueHandlerOptions } from './queues/worker-queue-handler.js';
export { startWorker } from './queues/start-worker.js';
