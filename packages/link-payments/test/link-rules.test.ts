import { describe, expect, it } from 'vitest';
import { createPaymentLinkIssues } from '../src/link-rules.js';

const NOW = new Date('2026-11-21T23:00:00Z'); // 2026-11-22T04:00:00 PKT

describe('createPaymentLinkIssues', () => {
  const base = { amount: '1500.00', deliveryChannel: 'NONE', customer: {} };
  const cases = [
    { name: 'NONE needs no contact', given: base, want: [] as string[] },
    {
      name: 'EMAIL with email',
      given: { ...base, deliveryChannel: 'EMAIL', customer: { email: 'a@b.pk' } },
      want: [],
    },
    {
      name: 'EMAIL without email',
      given: { ...base, deliveryChannel: 'EMAIL' },
      want: ['customer.email|required-for-delivery-channel'],
    },
    {
      name: 'SMS without mobile',
      given: { ...base, deliveryChannel: 'SMS', customer: { email: 'a@b.pk' } },
      want: ['customer.mobileNumber|required-for-delivery-channel'],
    },
    {
      name: 'EMAIL_SMS without either',
      given: { ...base, deliveryChannel: 'EMAIL_SMS' },
      want: [
        'customer.email|required-for-delivery-channel',
        'customer.mobileNumber|required-for-delivery-channel',
      ],
    },
    { name: 'zero amount', given: { ...base, amount: '0.00' }, want: ['amount|greater-than-zero'] },
    {
      name: 'expiry in the future (PKT)',
      given: { ...base, expiryDateTime: '2026-11-22T04:00:01' },
      want: [],
    },
    {
      name: 'expiry now is not future',
      given: { ...base, expiryDateTime: '2026-11-22T04:00:00' },
      want: ['expiryDateTime|in-future'],
    },
    {
      name: 'expiry not a real date',
      given: { ...base, expiryDateTime: '2026-02-30T10:00:00' },
      want: ['expiryDateTime|real-date-time'],
    },
  ];
  for (const { name, given, want } of cases) {
    it(name, () => {
      expect(createPaymentLinkIssues(given, NOW).map((i) => `${i.field}|${i.rule}`)).toEqual(want);
    });
  }
});
