import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { basicConfig, getLogger, Handler, INFO, type LogRecord } from '@logweave/core';
import type { Recipe } from '../../recipe.js';

/**
 * Speaks each record with espeak-ng, one at a time: the call waits for the program to end
 * before the next record is spoken (the cookbook's `p.communicate()`). Here the speech goes
 * to a WAV file per record so the demo runs without a sound card.
 */
export class TTSHandler extends Handler {
  #n = 0;

  constructor(
    readonly outDir: string,
    readonly program = 'espeak-ng',
  ) {
    super();
  }

  override emit(record: LogRecord): void {
    try {
      const msg = this.format(record);
      const file = join(this.outDir, `speech-${String(++this.#n).padStart(2, '0')}.wav`);
      // Speak slowly in a female English voice
      const cmd = ['-s150', '-ven+f3', '-w', file, msg];
      const r = spawnSync(this.program, cmd, { stdio: ['ignore', 'ignore', 'pipe'] });
      if (r.error) throw r.error;
      if (r.status !== 0) throw new Error(`${this.program} exited with ${r.status}: ${r.stderr}`);
    } catch (e) {
      this.handleError(record, e);
    }
  }
}

/** Recipe 29: a handler that speaks each message with a text-to-speech program. */
export const speakingMessages: Recipe = {
  number: 29,
  id: 'speaking-messages',
  title: 'Speaking logging messages',
  packages: ['core'],
  requires: ['espeak-ng'],
  run({ outDir }) {
    // echo what is spoken on the console too
    basicConfig({ level: INFO, format: 'spoken: %(message)s' });
    const h = new TTSHandler(outDir);
    const root = getLogger();
    // the default formatter just returns the message
    root.addHandler(h);
    root.info('Hello');
    getLogger('foo').info('Goodbye');
  },
};
