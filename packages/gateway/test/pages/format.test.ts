import { describe, expect, it } from 'vitest';
import { loadPageFormat } from '../../src/pages/assets.js';

// assets/format.js is what the browser runs too (the console and the payer's countdown); the server
// loads the same file, so these cases hold on both sides.
const format = await loadPageFormat();

describe('formatPkr: rupees as Pakistanis write them (lakh and crore grouping, "Rs." prefix)', () => {
  const cases: [given: number | string, want: string][] = [
    [0, 'Rs. 0.00'],
    [310, 'Rs. 310.00'],
    [1000, 'Rs. 1,000.00'],
    [99999, 'Rs. 99,999.00'],
    [125000, 'Rs. 1,25,000.00'],
    ['125000.00', 'Rs. 1,25,000.00'],
    ['999.5', 'Rs. 999.50'],
    [10000000, 'Rs. 1,00,00,000.00'],
    [123456789, 'Rs. 12,34,56,789.00'],
    ['not a number', 'Rs. not a number'],
  ];
  it.each(cases)('%s → %s', (given, want) => {
    expect(format.formatPkr(given)).toBe(want);
  });
});

describe('clock: time left', () => {
  const cases: [givenMs: number, want: string][] = [
    [0, '0:00'],
    [-5000, '0:00'],
    [1, '0:01'],
    [59_001, '1:00'],
    [60_000, '1:00'],
    [899_500, '15:00'],
    [3_599_000, '59:59'],
    [3_600_000, '1:00:00'],
    [86_400_000, '24:00:00'],
  ];
  it.each(cases)('%d ms → %s', (given, want) => {
    expect(format.clock(given)).toBe(want);
  });
});

describe('pktTime: an instant in Pakistan time (UTC+05:00, no daylight saving)', () => {
  const cases: [given: string, want: string][] = [
    ['2026-11-22T05:00:00.000Z', '2026-11-22 10:00:00'],
    ['2026-11-22T19:30:05Z', '2026-11-23 00:30:05'],
    ['2026-06-30T23:59:59+05:00', '2026-06-30 23:59:59'],
    ['garbage', 'garbage'],
  ];
  it.each(cases)('%s → %s', (given, want) => {
    expect(format.pktTime(given)).toBe(want);
  });
});
