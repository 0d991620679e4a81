import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { Recipe } from './recipe.js';

/** Whether `program` is an executable file on PATH. */
export function onPath(program: string, path = process.env.PATH ?? ''): boolean {
  for (const dir of path.split(delimiter)) {
    if (dir === '') continue;
    try {
      accessSync(join(dir, program), constants.X_OK);
      return true;
    } catch {
      // not in this directory
    }
  }
  return false;
}

/** Why `recipe` cannot run on this machine (its missing outside programs), or null. */
export function missingRequirement(recipe: Recipe): string | null {
  const missing = (recipe.requires ?? []).filter((p) => !onPath(p));
  if (missing.length === 0) return null;
  return `${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not installed (Debian: apt-get install ${missing.join(' ')})`;
}
