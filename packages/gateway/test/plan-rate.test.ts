import { describe, expect, it } from 'vitest';
import { ConfigError } from '../src/config-error.js';
import { parsePlanRate } from '../src/plan-rate.js';

describe('parsePlanRate', () => {
  const good: Array<[string, { points: number; durationSec: number }]> = [
    ['50/s', { points: 50, durationSec: 1 }],
    ['3000/min', { points: 3000, durationSec: 60 }],
    [' 10 / sec ', { points: 10, durationSec: 1 }],
    ['100000/h', { points: 100000, durationSec: 3600 }],
    ['7/MINUTE', { points: 7, durationSec: 60 }],
  ];
  for (const [given, want] of good) {
    it(`given ${JSON.stringify(given)} → ${want.points} per ${want.durationSec} s`, () => {
      expect(parsePlanRate(given)).toEqual(want);
    });
  }
  for (const given of ['50', '0/s', '-1/s', '50/day', '50/', '/s', '1.5/s', 'fifty/s', '50/s/min']) {
    it(`refuses ${JSON.stringify(given)} naming the variable`, () => {
      expect(() => parsePlanRate(given)).toThrow(ConfigError);
      expect(() => parsePlanRate(given)).toThrow(/^ONELINK_RATE_LIMIT: must be calls per window/);
    });
  }
});
