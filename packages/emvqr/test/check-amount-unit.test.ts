import { describe, expect, it } from 'vitest';
import { checkAgainstRequest, toRaastP2M } from '../src/index.js';
import { MERCHANT_QR, MERCHANT_REQUEST } from './requests.js';

// MERCHANT_QR shows 310.00 in tag 54. Whether that matches depends on the unit 1LINK reads
// instructedAmount in: 310 rupees, or 31 000 paisa.
describe('checkAgainstRequest compares tag 54 in the configured amount unit', () => {
  const view = toRaastP2M(MERCHANT_QR);
  const withAmount = (instructedAmount: number | string) => ({
    ...MERCHANT_REQUEST,
    paymentDetails: { ...MERCHANT_REQUEST.paymentDetails, instructedAmount },
  });
  const amountIssues = (instructedAmount: number | string, amountUnit?: 'rupees' | 'paisa') =>
    checkAgainstRequest(view, withAmount(instructedAmount), amountUnit ? { amountUnit } : {})
      .filter((m) => m.tag === '54')
      .map(({ expected, actual, rule }) => ({ expected, actual, rule }));

  it.each([
    { instructed: 310, unit: undefined, want: [] },
    { instructed: 310, unit: 'rupees' as const, want: [] },
    { instructed: 31_000, unit: 'paisa' as const, want: [] },
    { instructed: '31000', unit: 'paisa' as const, want: [] },
    {
      instructed: 310,
      unit: 'paisa' as const,
      want: [
        {
          expected: '3.10',
          actual: '310.00',
          rule: 'amount equals instructedAmount (paisa, shown as rupees; compared numerically)',
        },
      ],
    },
    {
      instructed: 31_000,
      unit: 'rupees' as const,
      want: [
        {
          expected: '31000.00',
          actual: '310.00',
          rule: 'amount equals instructedAmount (rupees, compared numerically)',
        },
      ],
    },
    {
      instructed: '310.5',
      unit: 'paisa' as const,
      want: [{ expected: '310.5', actual: '310.00', rule: 'instructedAmount is a whole number of paisa' }],
    },
  ])('$instructed in $unit → $want', ({ instructed, unit, want }) => {
    expect(amountIssues(instructed, unit)).toEqual(want);
  });
});
