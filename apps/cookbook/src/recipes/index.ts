import type { Recipe } from '../recipe.js';
import { blockingHandlers } from './blocking-handlers/index.js';
import { conditionalBuffering } from './conditional-buffering/index.js';
import { multipleModules } from './multiple-modules/index.js';
import { multipleProcesses } from './multiple-processes/index.js';
import { multipleThreads } from './multiple-threads/index.js';
import { multiprocessingExample } from './multiprocessing-example/index.js';
import { zeromq } from './zeromq/index.js';

/** Every recipe, in cookbook order. */
export const recipes: readonly Recipe[] = [
  multipleModules,
  multipleThreads,
  blockingHandlers,
  multipleProcesses,
  multiprocessingExample,
  zeromq,
  conditionalBuffering,
];

/** Finds a recipe by id or number. */
export function findRecipe(key: string): Recipe | undefined {
  return recipes.find((r) => r.id === key || String(r.number) === key);
}
