import { describe, expect, it } from 'vitest';
import * as core from '../../src/index.js';

const api = (facts: Partial<ConstructorParameters<typeof core.OneLinkApiError>[0]>) =>
  new core.OneLinkApiError({ status: 500, kind: 'upstream', retryable: false, ...facts });

describe('situationOf: every error a 1LINK call throws lands in one row', () => {
  it.each<{ given: unknown; want: core.UpstreamSituation }>([
    {
      given: new core.OneLinkTokenUnavailableError({ reason: 'http-503', status: 503 }),
      want: 'token-unavailable',
    },
    { given: new core.OneLinkTokenUnavailableError({ reason: 'timeout' }), want: 'token-unavailable' },
    {
      given: new core.OneLinkAuthError('refused', { reason: 'invalid_client', status: 401 }),
      want: 'credentials-refused',
    },
    { given: new core.SecretUnavailableError('no secret', { rule: 'set S' }), want: 'secret-unavailable' },
    { given: api({ status: 400, responseCode: '12', kind: 'validation' }), want: 'rejected' },
    { given: api({ status: 422, kind: 'business' }), want: 'rejected' },
    { given: api({ status: 409, responseCode: '94', kind: 'duplicate' }), want: 'duplicate' },
    {
      given: api({ status: 409, responseCode: '94', kind: 'duplicate', possiblyProcessed: true }),
      want: 'duplicate-after-retry',
    },
    {
      given: api({ status: 503, responseCode: '91', kind: 'transient', retryable: true }),
      want: 'unavailable',
    },
    { given: api({ status: 503, kind: 'transient', retryable: true }), want: 'unavailable' },
    // A proxy's 502/504 carries no 1LINK code: 1LINK may have processed the call behind it.
    { given: api({ status: 502, kind: 'transient', retryable: true }), want: 'intermediary-5xx' },
    { given: api({ status: 504, kind: 'transient', retryable: true }), want: 'intermediary-5xx' },
    { given: api({ status: 500, responseCode: '96', kind: 'upstream' }), want: 'malfunction' },
    { given: api({ status: 200, kind: 'upstream' }), want: 'malfunction' },
    { given: api({ status: 404, kind: 'not-found' }), want: 'gateway-refused' },
    { given: api({ status: 403, kind: 'forbidden' }), want: 'credentials-refused' },
    { given: new core.OneLinkRateLimitError({ retryAfter: 2 }), want: 'rate-limited' },
    { given: new core.OneLinkTimeoutError({ timeoutMs: 10 }), want: 'timeout' },
    {
      given: new core.OneLinkNetworkError({ errno: 'ECONNREFUSED', retryable: true }),
      want: 'connection-refused',
    },
    {
      given: new core.OneLinkNetworkError({ errno: 'ECONNRESET', retryable: true }),
      want: 'connection-broken',
    },
    {
      given: new core.OneLinkNetworkError({ errno: 'CERT_HAS_EXPIRED', retryable: false }),
      want: 'connection-failed',
    },
    {
      given: new core.OneLinkAnswerTooLargeError({ status: 200, limitBytes: 10, head: '{' }),
      want: 'answer-too-large',
    },
    { given: new core.OneLinkValidationError([]), want: 'refused-locally' },
    { given: new Error('bug'), want: 'internal' },
  ])('$want', ({ given, want }) => {
    expect(core.situationOf(given)).toBe(want);
    expect(core.outcomeRuleOf(given)).toEqual({ situation: want, ...core.OUTCOME_TABLE[want] });
    // The client's retry loop reads the same row.
    expect(core.isRetryableError(given)).toBe(core.OUTCOME_TABLE[want].clientRetries);
  });
});

describe('the table keeps the reconciliation promises', () => {
  const rows = Object.entries(core.OUTCOME_TABLE) as Array<
    [core.UpstreamSituation, (typeof core.OUTCOME_TABLE)[core.UpstreamSituation]]
  >;

  it('nothing that may exist upstream is called retryable for the caller', () => {
    for (const [situation, rule] of rows) {
      if (rule.outcome === 'unknown' || rule.outcome === 'mismatched') {
        expect({ situation, callerMayRetry: rule.callerMayRetry }).toEqual({
          situation,
          callerMayRetry: false,
        });
      }
    }
  });

  it('the token endpoint failing is failed and retryable: the QR operation was never called', () => {
    expect(core.OUTCOME_TABLE['token-unavailable']).toMatchObject({
      outcome: 'failed',
      callerMayRetry: true,
    });
  });

  it('the 1LINK response-code table agrees with the rows its codes land in', () => {
    for (const entry of core.oneLinkResponseCodes().entries.values()) {
      if (entry.kind === 'success') continue;
      const error = api({
        status: entry.httpStatus,
        responseCode: entry.code,
        kind: entry.kind,
        retryable: entry.retryable,
      });
      expect({ code: entry.code, retried: core.isRetryableError(error) }).toEqual({
        code: entry.code,
        retried: entry.retryable,
      });
    }
  });
});
