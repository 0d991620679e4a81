import { LoggingTypeError, LoggingValueError } from './errors.js';
import { sharedState } from './settings.js';
import { pyRepr, pyStr } from './text/py-repr.js';

/** Numeric logging levels, as in CPython. */
export const CRITICAL = 50;
/** Alias of `CRITICAL`. */
export const FATAL = CRITICAL;
/** The `ERROR` level (40). */
export const ERROR = 40;
/** The `WARNING` level (30). */
export const WARNING = 30;
/** Alias of `WARNING`. */
export const WARN = WARNING;
/** The `INFO` level (20). */
export const INFO = 20;
/** The `DEBUG` level (10). */
export const DEBUG = 10;
/** The `NOTSET` level (0): "inherit from the parent" on loggers, "accept all" on handlers. */
export const NOTSET = 0;

/** A level: its number, or a registered level name such as `'INFO'`. */
export type Level = number | string;

interface LevelTables {
  levelToName: Map<number, string>;
  nameToLevel: Map<string, number>;
}

// Shared through globalThis so that duplicate copies of core agree on level names.
const tables: LevelTables = sharedState<LevelTables>('logweave.levels', () => {
  const t: LevelTables = { levelToName: new Map(), nameToLevel: new Map() };
  resetLevelTables(t);
  return t;
});

function resetLevelTables(t: LevelTables): void {
  t.levelToName = new Map([
    [CRITICAL, 'CRITICAL'],
    [ERROR, 'ERROR'],
    [WARNING, 'WARNING'],
    [INFO, 'INFO'],
    [DEBUG, 'DEBUG'],
    [NOTSET, 'NOTSET'],
  ]);
  t.nameToLevel = new Map([
    ['CRITICAL', CRITICAL],
    ['FATAL', FATAL],
    ['ERROR', ERROR],
    ['WARN', WARNING],
    ['WARNING', WARNING],
    ['INFO', INFO],
    ['DEBUG', DEBUG],
    ['NOTSET', NOTSET],
  ]);
}

/** @internal Restores the standard level names (used by the test-state reset). */
export function resetLevelNames(): void {
  resetLevelTables(tables);
}

/** @internal Copies of both tables, for the test-state snapshot. */
export function snapshotLevelNames(): () => void {
  const levelToName = new Map(tables.levelToName);
  const nameToLevel = new Map(tables.nameToLevel);
  return () => {
    tables.levelToName = new Map(levelToName);
    tables.nameToLevel = new Map(nameToLevel);
  };
}

/**
 * Associates `levelName` with `level` in both directions, as `logging.addLevelName`.
 * Registering a second name for a level keeps the first name's mapping
 * (`addLevelName(20, 'INFORMATION')` leaves `'INFO'` → 20).
 */
export function addLevelName(level: number, levelName: string): void {
  tables.levelToName.set(level, levelName);
  tables.nameToLevel.set(levelName, level);
}

/**
 * CPython's `getLevelName`: a number gives its name (or `'Level N'`), a registered name
 * gives its number, anything else gives `'Level ' + str(level)`
 * (`getLevelName('info')` is `'Level info'`).
 */
export function getLevelName(level: number): string;
export function getLevelName(level: string): number | string;
export function getLevelName(level: Level): number | string;
export function getLevelName(level: Level): number | string {
  // CPython's order: the level → name table first (whatever the key's type), then name → level.
  const name = tables.levelToName.get(level as number);
  if (name !== undefined) return name;
  const n = tables.nameToLevel.get(level as string);
  if (n !== undefined) return n;
  return `Level ${typeof level === 'string' ? level : pyStr(level)}`;
}

/** @internal The name of a numeric level (`'Level N'` for unnamed ones), for records. */
export function levelNameOf(level: number): string {
  const name = tables.levelToName.get(level);
  return name !== undefined ? name : getLevelName(level);
}

/** A copy of the name → level mapping, as `logging.getLevelNamesMapping()` (3.11). */
export function getLevelNamesMapping(): Record<string, number> {
  return Object.fromEntries(tables.nameToLevel);
}

/**
 * CPython's `_checkLevel`: an integer is returned as is, a registered name is looked up,
 * anything else throws (`ValueError: Unknown level: 'x'` or
 * `TypeError: Level not an integer or a valid string: 12.5`).
 */
export function checkLevel(level: unknown): number {
  if (typeof level === 'number' && Number.isInteger(level)) return level;
  if (typeof level === 'string') {
    const n = tables.nameToLevel.get(level);
    if (n === undefined) {
      // CPython's text; a JavaScript user's `'info'` also gets the registered spelling.
      const upper = level.toUpperCase();
      const hint =
        upper !== level && tables.nameToLevel.has(upper)
          ? `level names are case-sensitive: use ${pyRepr(upper)}`
          : undefined;
      throw new LoggingValueError(`Unknown level: ${pyRepr(level)}`, { hint });
    }
    return n;
  }
  throw new LoggingTypeError(`Level not an integer or a valid string: ${pyRepr(level)}`);
}
