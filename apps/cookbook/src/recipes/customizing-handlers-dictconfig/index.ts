import { chmodSync, chownSync, closeSync, existsSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { dictConfig } from '@logweave/config';
import { debug, FileHandler, info } from '@logweave/core';
import type { Recipe } from '../../recipe.js';

/**
 * The cookbook's `owned_file_handler`: creates the file with the given owner (uid, gid)
 * and, here also, permission bits before handing it to a FileHandler.
 */
export function owned_file_handler({
  filename,
  mode = 'a',
  encoding = null,
  owner = null,
  chmod = null,
}: {
  filename: string;
  mode?: string;
  encoding?: string | null;
  owner?: [number, number] | null;
  chmod?: number | null;
}): FileHandler {
  if (owner || chmod !== null) {
    if (!existsSync(filename)) closeSync(openSync(filename, 'a'));
    if (owner) chownSync(filename, owner[0], owner[1]);
    if (chmod !== null) chmodSync(filename, chmod);
  }
  return new FileHandler(filename, mode, encoding);
}

/** Recipe 25: a `()` factory that creates a FileHandler after setting the file's owner and mode. */
export const customizingHandlersDictConfig: Recipe = {
  number: 25,
  id: 'customizing-handlers-dictconfig',
  title: 'Customizing handlers with dictConfig()',
  async run({ outDir }) {
    const uid = process.getuid?.() ?? 0;
    const gid = process.getgid?.() ?? 0;
    await dictConfig({
      version: 1,
      disable_existing_loggers: false,
      formatters: { default: { format: '%(asctime)s %(levelname)s %(name)s %(message)s' } },
      handlers: {
        console: { class: 'logging.StreamHandler', level: 'DEBUG', formatter: 'default' },
        file: {
          // The values below are popped from this dictionary and used to create the handler,
          // set the handler's level and its formatter.
          '()': owned_file_handler,
          level: 'DEBUG',
          formatter: 'default',
          // The values below are passed to the handler creator callable as keyword arguments.
          owner: [uid, gid],
          chmod: 0o640,
          filename: join(outDir, 'chowntest.log'),
          mode: 'w',
          encoding: 'utf-8',
        },
      },
      root: { handlers: ['console', 'file'], level: 'DEBUG' },
    });
    debug('A debug message');
    info('An info message');
  },
};
