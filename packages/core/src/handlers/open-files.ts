import { sharedState } from '../settings.js';

const { fstatSync } = process.getBuiltinModule('node:fs');

/**
 * The files this process's FileHandlers have open, by handler: `device:inode`. Shared across
 * copies of core (one registry per process), like the logger tree.
 */
const openFiles: Map<object, string> = sharedState('logweave.openFiles', () => new Map());
const warned: Set<string> = sharedState('logweave.openFilesWarned', () => new Set());

/** The warning code of {@link noteOpened}'s warning. */
export const FILE_OPENED_TWICE = 'LOGWEAVE_FILE_OPENED_TWICE';

/**
 * Records that `handler` now has `fd` (the file `path`) open. When another live handler of
 * this process already has the same file open (same device and inode, whatever the path
 * spelling), emits one process warning for that file: the cookbook's "Opening the same log
 * file multiple times" pattern to avoid: the handlers' buffers interleave unpredictably and a
 * rotating handler renames the file under the other one.
 */
export function noteOpened(handler: object, fd: number, path: string): void {
  let key: string;
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) {
      openFiles.delete(handler);
      return;
    }
    key = `${st.dev}:${st.ino}`;
  } catch {
    return;
  }
  openFiles.delete(handler);
  let other: object | undefined;
  for (const [h, k] of openFiles) {
    if (k === key) {
      other = h;
      break;
    }
  }
  openFiles.set(handler, key);
  if (other === undefined || warned.has(key)) return;
  warned.add(key);
  process.emitWarning(
    `${path} is already open in another handler of this process (${String(other)}); ` +
      'their output will interleave unpredictably and rotating one moves the file under the ' +
      'other. Open each log file in one handler and share it between loggers.',
    { code: FILE_OPENED_TWICE, type: 'LoggingWarning' },
  );
}

/** Records that `handler` closed its file. */
export function noteClosed(handler: object): void {
  openFiles.delete(handler);
}

/** @internal Forgets every open file and warning (test-state reset). */
export function clearOpenFiles(): void {
  openFiles.clear();
  warned.clear();
}
