import { OneLinkApiError } from '@onelink-kit/core';
import { describe, expect, it } from 'vitest';
import { LinkPaymentsApiError } from '../src/link-errors.js';

describe('LinkPaymentsApiError', () => {
  const cases = [
    { given: { statusCode: 'OTS1011', kind: 'signature' as const, retryable: false }, want: 'caller-error' },
    { given: { statusCode: 'OTS1010', kind: 'transient' as const, retryable: true }, want: 'retryable' },
  ];
  for (const { given, want } of cases) {
    it(`${given.statusCode} -> ${want}`, () => {
      const e = new LinkPaymentsApiError({
        operationId: 'createPaymentLink',
        status: 401,
        statusDescription: 'd',
        reference: 'TXN-1',
        ...given,
      });
      expect(e).toBeInstanceOf(OneLinkApiError);
      expect(e.outcome).toBe(want);
      expect(e.isStatus(given.statusCode as 'OTS1011')).toBe(true);
      expect(e.message).toContain(`createPaymentLink (HTTP 401 ${given.statusCode}, ${given.kind})`);
      expect(JSON.parse(JSON.stringify(e))).toMatchObject({
        statusCode: given.statusCode,
        outcome: want,
        operationId: 'createPaymentLink',
        reference: 'TXN-1',
      });
    });
  }
});
