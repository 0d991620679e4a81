import { describe, expect, it } from 'vitest';
import { runRecipe } from '../../test-support/run-recipe.js';

describe('recipe 32, utc-via-config', () => {
  const run = runRecipe('utc-via-config', { TZ: 'Asia/Tokyo' });
  it('prints the same record with a UTC and a local (UTC+9) timestamp', () => {
    expect(run.status).toBe(0);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(2);
    const re =
      /^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d),\d{3} The local time is \w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}$/;
    const [utc, local] = lines.map((l) => re.exec(l)![1]!);
    const diff =
      (Date.parse(`${local!.replace(' ', 'T')}Z`) - Date.parse(`${utc!.replace(' ', 'T')}Z`)) /
      3600_000;
    expect(diff).toBe(9);
  });
});
