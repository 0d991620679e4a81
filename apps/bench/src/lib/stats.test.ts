import { describe, expect, it } from 'vitest';
import { median, spread } from './stats.js';

describe('median()', () => {
  it.each([
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
    [[7], 7],
  ])('median(%j) is %d', (values, want) => {
    expect(median(values)).toBe(want);
  });
  it('median() of no values is NaN', () => {
    expect(median([])).toBeNaN();
  });
});

describe('spread()', () => {
  it('spread() is (max - min) / median', () => {
    expect(spread([90, 100, 110])).toBeCloseTo(0.2);
  });
});
