import type { Recipe } from '../recipe.js';
import { multipleModules } from './multiple-modules/index.js';

/** Every recipe, in cookbook order. */
export const recipes: readonly Recipe[] = [multipleModules];

/** Finds a recipe by id or number. */
export function findRecipe(key: string): Recipe | undefined {
  return recipes.find((r) => r.id === key || String(r.number) === key);
}
