import type { Recipe } from '../recipe.js';
import { blockingHandlers } from './blocking-handlers/index.js';
import { cliStarter } from './cli-starter/index.js';
import { conditionalBuffering } from './conditional-buffering/index.js';
import { configServer } from './config-server/index.js';
import { contextFilters } from './context-filters/index.js';
import { contextvars } from './contextvars/index.js';
import { customLevelHandling } from './custom-level-handling/index.js';
import { customizingHandlersDictConfig } from './customizing-handlers-dictconfig/index.js';
import { customizingLogRecord } from './customizing-log-record/index.js';
import { dictConfigExample } from './dict-config-example/index.js';
import { emailBuffering } from './email-buffering/index.js';
import { exceptionFormatting } from './exception-formatting/index.js';
import { fileRotation } from './file-rotation/index.js';
import { filtersDictConfig } from './filters-dictconfig/index.js';
import { formattingStyles } from './formatting-styles/index.js';
import { formattingThroughout } from './formatting-throughout/index.js';
import { handlerContext } from './handler-context/index.js';
import { loggerAdapter } from './logger-adapter/index.js';
import { loggerStream } from './logger-stream/index.js';
import { loggingGui } from './logging-gui/index.js';
import { multipleDestinations } from './multiple-destinations/index.js';
import { multipleHandlers } from './multiple-handlers/index.js';
import { multipleModules } from './multiple-modules/index.js';
import { multipleProcesses } from './multiple-processes/index.js';
import { multipleThreads } from './multiple-threads/index.js';
import { multiprocessingExample } from './multiprocessing-example/index.js';
import { networkLogging } from './network-logging/index.js';
import { patternsToAvoid } from './patterns-to-avoid/index.js';
import { pynngQueue } from './pynng-queue/index.js';
import { rotatorNamer } from './rotator-namer/index.js';
import { selectiveLogging } from './selective-logging/index.js';
import { socketListener } from './socket-listener/index.js';
import { speakingMessages } from './speaking-messages/index.js';
import { structuredLogging } from './structured-logging/index.js';
import { syslogBom } from './syslog-bom/index.js';
import { syslogRfc5424 } from './syslog-rfc5424/index.js';
import { utcViaConfig } from './utc-via-config/index.js';
import { zeromq } from './zeromq/index.js';

/** Every recipe, in cookbook order. */
export const recipes: readonly Recipe[] = [
  blockingHandlers,
  cliStarter,
  conditionalBuffering,
  configServer,
  contextFilters,
  contextvars,
  customLevelHandling,
  customizingHandlersDictConfig,
  customizingLogRecord,
  dictConfigExample,
  emailBuffering,
  exceptionFormatting,
  fileRotation,
  filtersDictConfig,
  formattingStyles,
  formattingThroughout,
  handlerContext,
  loggerAdapter,
  loggerStream,
  loggingGui,
  multipleDestinations,
  multipleHandlers,
  multipleModules,
  multipleProcesses,
  multipleThreads,
  multiprocessingExample,
  networkLogging,
  patternsToAvoid,
  pynngQueue,
  rotatorNamer,
  selectiveLogging,
  socketListener,
  speakingMessages,
  structuredLogging,
  syslogBom,
  syslogRfc5424,
  utcViaConfig,
  zeromq,
].sort((a, b) => a.number - b.number);

/** Finds a recipe by id or number. */
export function findRecipe(key: string): Recipe | undefined {
  return recipes.find((r) => r.id === key || String(r.number) === key);
}
