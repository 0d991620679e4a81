import { join } from 'node:path';
import { Formatter, getLogger, INFO } from '@logweave/core';
import { GzipRotator, RotatingFileHandler } from '@logweave/handlers-file';
import type { Recipe } from '../../recipe.js';

/**
 * Recipe 21: rotated files gzip-compressed through the `rotator` and `namer` hooks. The
 * cookbook's rotator compresses synchronously inside the logging call; GzipRotator's only
 * renames there and compresses in the background (streamed through zlib), writing
 * `<name>.gz.tmp` and renaming it, so the event loop never stalls and a crash never leaves a
 * partial `.gz`.
 */
export const rotatorNamer: Recipe = {
  number: 21,
  id: 'rotator-namer',
  title: 'Using a rotator and namer to customize log rotation processing',
  async run({ outDir }) {
    const rh = new RotatingFileHandler(join(outDir, 'rotated.log'), {
      maxBytes: 128,
      backupCount: 5,
    });
    const gzip = new GzipRotator();
    rh.rotator = gzip.rotator; // renames, then compresses off the logging call
    rh.namer = gzip.namer; // name => `${name}.gz`
    rh.backupTracker = gzip; // lets rollovers see backups still being compressed
    // (gzip.attach(rh) does the three lines above and finishes work a crash interrupted.)

    const root = getLogger();
    root.setLevel(INFO);
    root.addHandler(rh);
    rh.setFormatter(new Formatter('%(asctime)s %(message)s'));
    for (let i = 0; i < 1000; i++) root.info(`Message no. ${i + 1}`);

    await gzip.drain();
    rh.close();
    root.removeHandler(rh);
  },
};
