import type { Recipe } from '../recipe.js';
import { cliStarter } from './cli-starter/index.js';
import { contextFilters } from './context-filters/index.js';
import { customizingLogRecord } from './customizing-log-record/index.js';
import { loggingGui } from './logging-gui/index.js';
import { exceptionFormatting } from './exception-formatting/index.js';
import { multipleDestinations } from './multiple-destinations/index.js';
import { multipleHandlers } from './multiple-handlers/index.js';
import { speakingMessages } from './speaking-messages/index.js';
import { structuredLogging } from './structured-logging/index.js';
import { blockingHandlers } from './blocking-handlers/index.js';
import { conditionalBuffering } from './conditional-buffering/index.js';
import { multipleModules } from './multiple-modules/index.js';
import { multipleProcesses } from './multiple-processes/index.js';
import { multipleThreads } from './multiple-threads/index.js';
import { multiprocessingExample } from './multiprocessing-example/index.js';

/** Every recipe, in cookbook order. */
export const recipes: readonly Recipe[] = [
  multipleModules,
  multipleThreads,
  multipleHandlers,
  multipleDestinations,
  blockingHandlers,
  contextFilters,
  multipleProcesses,
  customizingLogRecord,
  multiprocessingExample,
  structuredLogging,
  exceptionFormatting,
  speakingMessages,
  conditionalBuffering,
  cliStarter,
  loggingGui,
].sort((a, b) => a.number - b.number);

/** Finds a recipe by id or number. */
export function findRecipe(key: string): Recipe | undefined {
  return recipes.find((r) => r.id === key || String(r.number) === key);
}
