import type { Recipe } from '../recipe.js';
import { blockingHandlers } from './blocking-handlers/index.js';
import { conditionalBuffering } from './conditional-buffering/index.js';
import { contextvars } from './contextvars/index.js';
import { formattingStyles } from './formatting-styles/index.js';
import { formattingThroughout } from './formatting-throughout/index.js';
import { handlerContext } from './handler-context/index.js';
import { loggerAdapter } from './logger-adapter/index.js';
import { loggerStream } from './logger-stream/index.js';
import { multipleModules } from './multiple-modules/index.js';
import { multipleProcesses } from './multiple-processes/index.js';
import { multipleThreads } from './multiple-threads/index.js';
import { multiprocessingExample } from './multiprocessing-example/index.js';
import { selectiveLogging } from './selective-logging/index.js';

/** Every recipe, in cookbook order. */
export const recipes: readonly Recipe[] = [
  multipleModules,
  multipleThreads,
  blockingHandlers,
  loggerAdapter,
  contextvars,
  handlerContext,
  multipleProcesses,
  formattingStyles,
  multiprocessingExample,
  formattingThroughout,
  conditionalBuffering,
  selectiveLogging,
  loggerStream,
];

/** Finds a recipe by id or number. */
export function findRecipe(key: string): Recipe | undefined {
  return recipes.find((r) => r.id === key || String(r.number) === key);
}
