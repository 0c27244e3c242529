import { describe, expect, it } from 'vitest';
import { median } from '../../bench/median.js';

describe('bench median', () => {
  it.each([
    { given: [3, 1, 2], want: 2 },
    { given: [4, 1, 3, 2], want: 2.5 },
    { given: [7], want: 7 },
  ])('median of $given is $want (the mean of the two middles of an even count)', ({ given, want }) => {
    expect(median(given)).toBe(want);
  });

  it('median of no readings is NaN, not 0', () => {
    expect(median([])).toBeNaN();
  });
});
