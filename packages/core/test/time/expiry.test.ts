import { describe, expect, it } from 'vitest';
import {
  assertExpiry,
  expiryIssues,
  formatOneLinkDateTime,
  OneLinkValidationError,
} from '../../src/index.js';

// 2026-11-22 10:00:00 PKT = 05:00:00 UTC
const now = Date.UTC(2026, 10, 22, 5, 0, 0);
describe('expiry rules', () => {
  const at = (minutes: number) => formatOneLinkDateTime(now + minutes * 60_000);
  it.each([
    { given: { expiryDateTime: at(15) }, want: [] },
    { given: { expiryDateTime: at(15), executionDateTime: at(0) }, want: [] },
    { given: { expiryDateTime: at(15), executionDateTime: at(15) }, want: [] },
    { given: { expiryDateTime: at(0.5) }, want: ['paymentDetails.expiryDateTime min-lead'] },
    { given: { expiryDateTime: at(-10) }, want: ['paymentDetails.expiryDateTime min-lead'] },
    { given: { expiryDateTime: at(24 * 60 + 1) }, want: ['paymentDetails.expiryDateTime max-window'] },
    {
      given: { expiryDateTime: at(15), executionDateTime: at(16) },
      want: ['paymentDetails.executionDateTime not-after-expiry'],
    },
    { given: { expiryDateTime: '2026-11-31T10:00:00' }, want: ['paymentDetails.expiryDateTime format'] },
    {
      given: { expiryDateTime: at(15), executionDateTime: 20261122 },
      want: ['paymentDetails.executionDateTime format'],
    },
    { given: {}, want: [] },
  ])('$given → $want', ({ given, want }) => {
    expect(expiryIssues(given, { now }).map((i) => `${i.field} ${i.rule}`)).toEqual(want);
  });

  it.each([
    { given: { policy: { minLeadMs: 20 * 60_000 } }, want: ['min-lead'] },
    { given: { policy: { maxWindowMs: 10 * 60_000 } }, want: ['max-window'] },
    { given: { policy: { minLeadMs: 0, maxWindowMs: 60 * 60_000 } }, want: [] },
  ])('policy $given.policy → $want', ({ given, want }) => {
    expect(
      expiryIssues({ expiryDateTime: at(15) }, { now, policy: given.policy }).map((i) => i.rule),
    ).toEqual(want);
  });

  it('names the nested aggregator path', () => {
    expect(() =>
      assertExpiry({ expiryDateTime: at(-1) }, { now, prefix: 'payerDetails.paymentDetails' }),
    ).toThrow(OneLinkValidationError);
    expect(
      expiryIssues({ expiryDateTime: at(-1) }, { now, prefix: 'payerDetails.paymentDetails' })[0]?.field,
    ).toBe('payerDetails.paymentDetails.expiryDateTime');
  });
});
