import type { Recipe } from '../recipe.js';
import { blockingHandlers } from './blocking-handlers/index.js';
import { configServer } from './config-server/index.js';
import { customLevelHandling } from './custom-level-handling/index.js';
import { customizingHandlersDictConfig } from './customizing-handlers-dictconfig/index.js';
import { dictConfigExample } from './dict-config-example/index.js';
import { filtersDictConfig } from './filters-dictconfig/index.js';
import { conditionalBuffering } from './conditional-buffering/index.js';
import { multipleModules } from './multiple-modules/index.js';
import { multipleProcesses } from './multiple-processes/index.js';
import { multipleThreads } from './multiple-threads/index.js';
import { multiprocessingExample } from './multiprocessing-example/index.js';
import { utcViaConfig } from './utc-via-config/index.js';

/** Every recipe, in cookbook order. */
export const recipes: readonly Recipe[] = [
  multipleModules,
  multipleThreads,
  customLevelHandling,
  configServer,
  blockingHandlers,
  multipleProcesses,
  dictConfigExample,
  multiprocessingExample,
  customizingHandlersDictConfig,
  filtersDictConfig,
  conditionalBuffering,
  utcViaConfig,
];

/** Finds a recipe by id or number. */
export function findRecipe(key: string): Recipe | undefined {
  return recipes.find((r) => r.id === key || String(r.number) === key);
}
