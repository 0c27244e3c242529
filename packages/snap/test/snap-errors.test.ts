import { OneLinkApiError } from '@onelink-kit/core';
import { describe, expect, it } from 'vitest';
import { SnapApiError } from '../src/snap-errors.js';

describe('SnapApiError', () => {
  const cases = [
    {
      given: {
        status: 401,
        responseCode: '4013000',
        responseMessage: 'Unauthorized. Invalid signature',
        kind: 'signature' as const,
        retryable: false,
      },
      want: /HTTP 401 responseCode 4013000, signature\): Unauthorized\. Invalid signature/,
    },
    {
      given: {
        status: 502,
        responseCode: undefined,
        responseMessage: undefined,
        kind: 'transient' as const,
        retryable: true,
      },
      want: /HTTP 502, transient\)$/,
    },
  ];
  for (const { given, want } of cases) {
    it(`${given.status} ${given.responseCode}`, () => {
      const e = new SnapApiError({ ...given, externalId: 'x'.repeat(32) });
      expect(e).toBeInstanceOf(OneLinkApiError);
      expect(e.message).toMatch(want);
      expect(e.requestId).toBe('x'.repeat(32));
      expect(JSON.parse(JSON.stringify(e))).toMatchObject({
        kind: given.kind,
        retryable: given.retryable,
        status: given.status,
      });
    });
  }
});
