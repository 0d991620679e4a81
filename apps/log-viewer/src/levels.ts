import { CRITICAL, DEBUG, ERROR, INFO, WARNING } from '@logweave/core';

/** The levels the demo picks from, as the Qt recipe's `LEVELS`. */
export const LEVELS = [DEBUG, INFO, WARNING, ERROR, CRITICAL] as const;

/** A random element of `items`. */
export function pick<T>(items: readonly T[]): T {
  return items[Math.floor(Math.random() * items.length)]!;
}
