import { describe, expect, it } from 'vitest';
import { formatOneLinkDateTime, PKT_OFFSET_MS, parseOneLinkDateTime } from '../../src/index.js';

describe('1LINK date-times are PKT without an offset', () => {
  it.each([
    { given: Date.UTC(2026, 10, 22, 5, 0, 0), want: '2026-11-22T10:00:00' },
    { given: Date.UTC(2026, 11, 31, 19, 30, 5), want: '2027-01-01T00:30:05' },
  ])('$given → $want and back', ({ given, want }) => {
    expect(formatOneLinkDateTime(given)).toBe(want);
    expect(formatOneLinkDateTime(new Date(given))).toBe(want);
    expect(parseOneLinkDateTime(want)).toBe(given);
  });

  it.each([
    { given: '2026-02-30T10:00:00' },
    { given: '2026-11-22T24:00:00' },
    { given: '2026-11-22T10:00:00+05:00' },
    { given: '2026-11-22 10:00:00' },
    { given: '22-11-2026T10:00:00' },
  ])('rejects $given', ({ given }) => {
    expect(parseOneLinkDateTime(given)).toBeUndefined();
  });
});

describe('PKT is UTC+05:00 all year', () => {
  it.each([{ given: Date.UTC(2026, 0, 15, 12) }, { given: Date.UTC(2026, 6, 15, 12) }])(
    '$given is 17:00 PKT',
    ({ given }) => {
      expect(PKT_OFFSET_MS).toBe(5 * 3_600_000);
      expect(formatOneLinkDateTime(given).slice(11)).toBe('17:00:00');
    },
  );
});
