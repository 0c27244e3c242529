import { describe, expect, it } from 'vitest';
import {
  DEFAULT_AMOUNT_UNIT,
  instructedAmountFromRupees,
  instructedAmountOfRupeesText,
  isAmountUnit,
  rupeesTextOfInstructedAmount,
} from '../../src/index.js';

describe('amount unit: rupees → instructedAmount → tag 54 text and back', () => {
  it('defaults to whole rupees, as the 1LINK document example (310 → 310.00)', () => {
    expect(DEFAULT_AMOUNT_UNIT).toBe('rupees');
    expect(instructedAmountFromRupees(310)).toBe(310);
  });

  it.each([
    { rupees: 310, unit: 'rupees' as const, instructed: 310, tag54: '310.00' },
    { rupees: 310, unit: 'paisa' as const, instructed: 31_000, tag54: '310.00' },
    { rupees: 1, unit: 'paisa' as const, instructed: 100, tag54: '1.00' },
    { rupees: 99_999_999, unit: 'paisa' as const, instructed: 9_999_999_900, tag54: '99999999.00' },
    { rupees: 9_999_999_999, unit: 'rupees' as const, instructed: 9_999_999_999, tag54: '9999999999.00' },
  ])('PKR $rupees in $unit → $instructed → "$tag54" → $instructed', ({ rupees, unit, instructed, tag54 }) => {
    expect(instructedAmountFromRupees(rupees, unit)).toBe(instructed);
    expect(rupeesTextOfInstructedAmount(instructed, unit)).toBe(tag54);
    expect(rupeesTextOfInstructedAmount(String(instructed), unit)).toBe(tag54);
    expect(instructedAmountOfRupeesText(tag54, unit)).toBe(instructed);
  });

  it.each([
    { text: '310', unit: 'rupees' as const, want: 310 },
    { text: '310.5', unit: 'paisa' as const, want: 31_050 },
    { text: '0.05', unit: 'paisa' as const, want: 5 },
    { text: '310.50', unit: 'rupees' as const, want: undefined },
    { text: '3.1e2', unit: 'rupees' as const, want: undefined },
    { text: '', unit: 'paisa' as const, want: undefined },
  ])('tag 54 "$text" in $unit → $want', ({ text, unit, want }) => {
    expect(instructedAmountOfRupeesText(text, unit)).toBe(want);
  });

  it.each([
    { instructed: 5, unit: 'paisa' as const, want: '0.05' },
    { instructed: '0310', unit: 'rupees' as const, want: '310.00' },
    { instructed: 1.5, unit: 'rupees' as const, want: undefined },
    { instructed: '-5', unit: 'rupees' as const, want: undefined },
    { instructed: 'abc', unit: 'paisa' as const, want: undefined },
  ])('instructedAmount $instructed in $unit → $want', ({ instructed, unit, want }) => {
    expect(rupeesTextOfInstructedAmount(instructed, unit)).toBe(want);
  });

  it('refuses a fractional number of rupees instead of rounding it', () => {
    expect(() => instructedAmountFromRupees(1.5, 'paisa')).toThrow(RangeError);
  });

  it.each([
    { given: 'rupees', want: true },
    { given: 'paisa', want: true },
    { given: 'PKR', want: false },
    { given: undefined, want: false },
  ])('isAmountUnit($given) → $want', ({ given, want }) => {
    expect(isAmountUnit(given)).toBe(want);
  });
});
