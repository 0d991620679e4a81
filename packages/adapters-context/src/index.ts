export { bindContext, bindEmitter } from './bind.js';
export { BraceMessage, DollarMessage } from './brace-message.js';
export { ContextAdapter } from './context-adapter.js';
export { ContextFilter, DefaultsFilter } from './context-filter.js';
export type { ContextFields } from './context-filter.js';
export { Context, ContextVar, copyContext, runWith, Token } from './context-var.js';
export type { ContextVarOptions } from './context-var.js';
export { ContextConfigError, ContextVarLookupError, TokenError } from './errors.js';
export { LoggingContext } from './logging-context.js';
export type { LoggingContextOptions } from './logging-context.js';
export { BufferingLoggerWriter, LoggerWriter, redirectStream } from './logger-writer.js';
export type { LoggerWriterOptions } from './logger-writer.js';
export { RedactingFilter } from './redaction/redacting-filter.js';
export type { Censor, RedactingFilterOptions } from './redaction/redacting-filter.js';
export { parseRedactPath } from './redaction/redact-path.js';
export type { PathSegment } from './redaction/redact-path.js';
export { strFormat } from './str-format.js';
export { StyleAdapter } from './style-adapter.js';
export { createTask, enableTaskNames, taskNameVar } from './task-name.js';
export type { CreateTaskOptions } from './task-name.js';
export {
  hasOpenTelemetryApi,
  installTraceRecordFactory,
  TraceContextFilter,
} from './trace-context-filter.js';
export type { OtelApi } from './trace-context-filter.js';
