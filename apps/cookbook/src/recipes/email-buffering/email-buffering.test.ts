import { describe, expect, it } from 'vitest';
import { runRecipe } from '../../test-support/run-recipe.js';

describe('recipe 31: email with buffering', () => {
  it('102 records at capacity 10 make 11 mails to a real SMTP server: ten of 10 lines, one of 2', () => {
    const r = runRecipe('email-buffering');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('11 mails, 102 records mailed, 0 dropped\n');
    const mails = [
      ...r.stdout.matchAll(
        /^mail \d+: (\d+) lines, INFO {2}Info index = (\d+) \.\. INFO {2}Info index = (\d+)$/gm,
      ),
    ];
    expect(mails.length).toBe(11);
    const spans = mails
      .map((m) => [Number(m[1]), Number(m[2]), Number(m[3])])
      .sort((a, b) => (a[1] ?? 0) - (b[1] ?? 0));
    expect(spans).toEqual([
      ...Array.from({ length: 10 }, (_, k) => [10, k * 10, k * 10 + 9]),
      [2, 100, 101],
    ]);
  });
});
