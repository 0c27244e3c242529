import { document } from '@onelink-kit/generated/1link-p2m-qr';
import { describe, expect, it } from 'vitest';
import { qrRequestIssues } from '../../src/index.js';

describe('qrRequestIssues combines domain, schema and expiry rules', () => {
  // 10:00 PKT, a quarter of an hour before the example's expiryDateTime.
  const now = Date.UTC(2026, 10, 22, 5, 0, 0);
  const { info: _info, ...withoutInfo } = document.components.examples.MerchantRequestSuccess.value;
  it.each([
    {
      given: 'a valid merchant body',
      body: { ...withoutInfo, info: { stan: '1', rrn: '633010123456' } },
      want: [],
    },
    { given: 'no info', body: withoutInfo, want: [] },
    {
      given: 'no merchantDetails',
      body: { paymentDetails: withoutInfo.paymentDetails },
      want: ['merchantDetails required'],
    },
  ])('$given → $want', ({ body, want }) => {
    expect(qrRequestIssues('generateDQRCMerchant', body, { now }).map((i) => `${i.field} ${i.rule}`)).toEqual(
      want,
    );
  });
});
