import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DEBUG, getLogger } from '@logweave/core';
import { RotatingFileHandler } from '@logweave/handlers-file';
import type { Recipe } from '../../recipe.js';

/** Recipe 15: RotatingFileHandler with a tiny maxBytes keeps the base file and .1 to .5. */
export const fileRotation: Recipe = {
  number: 15,
  id: 'file-rotation',
  title: 'Using file rotation',
  run({ outDir }) {
    const LOG_FILENAME = join(outDir, 'logging_rotatingfile_example.out');

    // Set up a specific logger with our desired output level
    const myLogger = getLogger('MyLogger');
    myLogger.setLevel(DEBUG);

    // Add the log message handler to the logger
    const handler = new RotatingFileHandler(LOG_FILENAME, { maxBytes: 20, backupCount: 5 });
    myLogger.addHandler(handler);

    // Log some messages
    for (let i = 0; i < 20; i++) myLogger.debug(`i = ${i}`);
    handler.flush();

    // See what files are created
    const base = 'logging_rotatingfile_example.out';
    for (const filename of readdirSync(outDir)
      .filter((n) => n.startsWith(base))
      .sort()) {
      process.stdout.write(`${filename}\n`);
    }
  },
};
