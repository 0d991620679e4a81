import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { dirname, resolve as resolvePath } from 'node:path';
import { ConfigError, messageOf } from './errors.js';

/** Fails now for a file that could not be opened later, without creating it. */
export function checkFile(filename: string | URL, mode: string, path: string): void {
  const file = resolvePath(typeof filename === 'string' ? filename : filename.pathname);
  try {
    if (existsSync(file)) {
      if (statSync(file).isDirectory()) throw new Error(`[Errno 21] Is a directory: '${file}'`);
      if (mode.includes('x')) throw new Error(`[Errno 17] File exists: '${file}'`);
      accessSync(file, constants.W_OK);
    } else {
      const dir = dirname(file);
      if (!existsSync(dir)) throw new Error(`[Errno 2] No such file or directory: '${file}'`);
      accessSync(dir, constants.W_OK);
    }
  } catch (e) {
    throw new ConfigError(path, messageOf(e), { cause: e });
  }
}
