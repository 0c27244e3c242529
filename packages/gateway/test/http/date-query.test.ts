import { thrownBy } from '@onelink-kit/testkit';
import { describe, expect, it } from 'vitest';
import { instantFromQuery } from '../../src/http/date-query.js';
import { ProblemError } from '../../src/problems.js';

describe('instantFromQuery', () => {
  const good: Array<[string, string]> = [
    ['2026-11-22T00:00:00Z', '2026-11-22T00:00:00.000Z'],
    ['2026-11-22t00:00:00z', '2026-11-22T00:00:00.000Z'],
    ['2026-11-22T05:00:00+05:00', '2026-11-22T00:00:00.000Z'],
    ['2026-11-21T19:30:00-04:30', '2026-11-22T00:00:00.000Z'],
    ['2026-11-22T00:00:00-00:00', '2026-11-22T00:00:00.000Z'],
    ['2026-11-22T00:00:00.123456789Z', '2026-11-22T00:00:00.123Z'],
    ['2026-11-22T00:00:00.9999Z', '2026-11-22T00:00:00.999Z'],
    // A leap second is the instant one second after :59.
    ['2026-06-30T23:59:60Z', '2026-07-01T00:00:00.000Z'],
    ['2016-12-31T23:59:60.5Z', '2017-01-01T00:00:00.500Z'],
    ['2026-07-01T04:59:60+05:00', '2026-07-01T00:00:00.000Z'],
    ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00.000Z'],
    ['0001-01-01T00:00:00Z', '0001-01-01T00:00:00.000Z'],
    ['9999-12-31T23:59:59Z', '9999-12-31T23:59:59.000Z'],
  ];
  for (const [given, want] of good) {
    it(`${given} → ${want}`, () => {
      expect(instantFromQuery('from', given)).toBe(want);
    });
  }

  const bad = [
    '2026-11-22T00:00:00+05',
    '2026-11-22T00:00:00+24:00',
    '2026-11-22T00:00:00-24:00',
    '2026-11-22T00:00:00+05:60',
    '2026-06-30T23:59:60+05',
    '2026-11-22T24:00:00Z',
    '2026-02-30T00:00:00Z',
    '2025-02-29T00:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-00-10T00:00:00Z',
    '0000-00-00T00:00:00Z',
    '2026-11-22T00:60:00Z',
    '2026-11-22T00:00:61Z',
    '2026-11-22 00:00:00Z',
    '2026-11-22T00:00:00',
    '2026-11-22',
    '2026-11-22T00:00:00 05:00',
    '0000-01-01T00:00:00+00:01',
    '9999-12-31T23:59:59-00:01',
    '',
    'now',
  ];
  for (const given of bad) {
    it(`refuses ${JSON.stringify(given)} as a 400 naming query.to and the rule`, () => {
      const error = thrownBy(() => instantFromQuery('to', given), ProblemError);
      expect(error.status).toBe(400);
      expect(error.extras.errors).toEqual([
        {
          field: 'query.to',
          rule: 'date-time',
          message: expect.stringMatching(/^must be an RFC 3339 date-time/),
        },
      ]);
    });
  }
});
