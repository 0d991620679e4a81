import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { onPath } from '../../requirements.js';
import { runRecipe } from '../../test-support/run-recipe.js';

const hasEspeak = onPath('espeak-ng');
const why = hasEspeak ? '' : ' [skipped: espeak-ng is not installed (apt-get install espeak-ng)]';

describe('recipe 29, speaking-messages', () => {
  it.skipIf(!hasEspeak)(
    `speaks each record into its own non-empty WAV file, in order${why}`,
    () => {
      const run = runRecipe('speaking-messages');
      expect(run.stderr).toBe('spoken: Hello\nspoken: Goodbye\n');
      expect(run.status).toBe(0);
      const files = readdirSync(run.outDir).sort();
      expect(files).toEqual(['speech-01.wav', 'speech-02.wav']);
      for (const f of files) {
        const bytes = readFileSync(join(run.outDir, f));
        expect(bytes.subarray(0, 4).toString('latin1')).toBe('RIFF');
        expect(bytes.subarray(8, 12).toString('latin1')).toBe('WAVE');
        expect(statSync(join(run.outDir, f)).size).toBeGreaterThan(1000);
      }
      // "Goodbye" takes longer to say than "Hello": each file holds its own message.
      expect(statSync(join(run.outDir, files[1]!)).size).toBeGreaterThan(
        statSync(join(run.outDir, files[0]!)).size,
      );
    },
  );

  it('is skipped with the reason, not failed, where espeak-ng is missing', () => {
    const run = runRecipe('speaking-messages', { PATH: '/nonexistent' });
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(
      'skipped: espeak-ng is not installed (Debian: apt-get install espeak-ng)\n',
    );
  });
});
