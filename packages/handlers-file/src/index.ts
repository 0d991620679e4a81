export { BaseRotatingHandler } from './base-rotating-handler.js';
export type {
  BackupTracker,
  BaseRotatingOptions,
  Namer,
  Rotator,
} from './base-rotating-handler.js';
export { RotatingFileHandler } from './rotating-file-handler.js';
export type { RotatingFileHandlerOptions } from './rotating-file-handler.js';
export { TimedRotatingFileHandler } from './timed-rotating-file-handler.js';
export type { AtTime, TimedRotatingFileHandlerOptions } from './timed-rotating-file-handler.js';
export { WatchedFileHandler } from './watched-file-handler.js';
export type { WatchedFileHandlerOptions } from './watched-file-handler.js';
export { GzipRotator } from './gzip-rotator.js';
export type { GzipRotatorOptions } from './gzip-rotator.js';
