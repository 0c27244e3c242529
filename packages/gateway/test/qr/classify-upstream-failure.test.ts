import * as core from '@onelink-kit/core';
import { describe, expect, it } from 'vitest';
import { classifyUpstreamFailure, type UpstreamFailure } from '../../src/qr/classify-upstream-failure.js';

// The failure table on its own: given the error the 1LINK call threw, want the stored outcome, the
// caller's problem and whether a retry is safe. No store, no request, no server.

const ids = { stan: '000001', rrn: '261122000001' };
type ApiFacts = ConstructorParameters<typeof core.OneLinkApiError>[0];
const api = (kind: ApiFacts['kind'], extra: Partial<ApiFacts> = {}) =>
  new core.OneLinkApiError({ status: 500, kind, retryable: false, ...ids, ...extra });

const cases: Array<{ name: string; given: unknown; want: Partial<UpstreamFailure> }> = [
  {
    name: 'business rejection (51)',
    given: api('business', { status: 422, responseCode: '51', responseDescription: 'Invalid merchant' }),
    want: {
      label: '51',
      outcome: 'rejected',
      problem: 'upstream-rejected',
      retryable: false,
      upstreamStatus: 422,
      responseCode: '51',
      detail: 'Invalid merchant. Not retried.',
    },
  },
  {
    name: 'validation rejection by 1LINK',
    given: api('validation', { status: 400, responseCode: '12' }),
    want: { label: '12', outcome: 'rejected', problem: 'upstream-rejected', upstreamStatus: 400 },
  },
  {
    name: 'duplicate RRN on the first attempt',
    given: api('duplicate', { status: 409, responseCode: '94' }),
    want: { label: '94', outcome: 'rejected', problem: 'upstream-duplicate-rrn', retryable: false },
  },
  {
    name: 'duplicate RRN after a retry: the first attempt may have been processed',
    given: api('duplicate', { status: 409, responseCode: '94', retryable: true, possiblyProcessed: true }),
    want: { label: '94', outcome: 'unknown', problem: 'upstream-error', retryable: false },
  },
  {
    name: 'API 401 twice (auth)',
    given: api('auth', { status: 401 }),
    want: { label: 'http-401', outcome: 'failed', problem: 'upstream-auth', detail: 'HTTP 401' },
  },
  {
    name: 'forbidden',
    given: api('forbidden', { status: 403 }),
    want: { label: 'http-403', outcome: 'failed', problem: 'upstream-auth', upstreamStatus: 403 },
  },
  {
    name: 'rate limit as an API error keeps its retryable flag',
    given: api('rate-limit', { status: 429, retryable: true }),
    want: { label: 'http-429', outcome: 'failed', problem: 'upstream-rate-limited', retryable: true },
  },
  {
    name: 'not found at the API gateway: nothing processed',
    given: api('not-found', { status: 404 }),
    want: { label: 'http-404', outcome: 'failed', problem: 'upstream-error' },
  },
  {
    name: 'signature refused by the API gateway: nothing processed',
    given: api('signature', { status: 401, responseCode: 'SIG' }),
    want: { label: 'SIG', outcome: 'failed', problem: 'upstream-error', responseCode: 'SIG' },
  },
  {
    name: 'transient 503',
    given: api('transient', { status: 503, retryable: true }),
    want: { label: 'http-503', outcome: 'failed', problem: 'upstream-unavailable', retryable: true },
  },
  {
    name: '96 / other upstream 5xx: the QR may exist',
    given: api('upstream', { status: 500, responseCode: '96', retryable: true }),
    want: { label: '96', outcome: 'unknown', problem: 'upstream-error', retryable: false },
  },
  {
    name: '429 with Retry-After',
    given: new core.OneLinkRateLimitError({ retryAfter: 7, ...ids }),
    want: {
      label: 'http-429',
      outcome: 'failed',
      problem: 'upstream-rate-limited',
      retryable: true,
      retryAfter: 7,
      upstreamStatus: 429,
      detail: 'Retry after 7 seconds.',
    },
  },
  {
    name: '429 without Retry-After',
    given: new core.OneLinkRateLimitError({ ...ids }),
    want: { label: 'http-429', retryAfter: undefined, detail: 'Rate limit exceeded.' },
  },
  {
    name: 'token endpoint refused the client',
    given: new core.OneLinkAuthError('refused', { status: 401, reason: 'invalid_client' }),
    want: {
      label: 'auth',
      outcome: 'failed',
      problem: 'upstream-auth',
      retryable: false,
      upstreamStatus: 401,
      detail: '1LINK refused the credentials (invalid_client).',
    },
  },
  {
    name: 'secret unavailable (no HTTP status)',
    given: new core.OneLinkAuthError('no secret', { reason: 'secret-unavailable' }),
    want: { label: 'auth', outcome: 'failed', problem: 'upstream-auth', upstreamStatus: undefined },
  },
  {
    name: 'the secret file cannot be read (rotation gone wrong): nothing sent, not 1LINK refusing',
    given: new core.SecretUnavailableError('ONELINK_CLIENT_SECRET_FILE: /run/s is empty', {
      variable: 'ONELINK_CLIENT_SECRET_FILE',
      rule: '/run/s is empty',
    }),
    want: {
      label: 'secret-unavailable',
      outcome: 'failed',
      problem: 'internal',
      retryable: false,
      detail:
        'The gateway cannot read its 1LINK client secret (ONELINK_CLIENT_SECRET_FILE); nothing was sent.',
    },
  },
  {
    name: 'timeout: may have been processed',
    given: new core.OneLinkTimeoutError({ timeoutMs: 10, ...ids }),
    want: { label: 'timeout', outcome: 'unknown', problem: 'upstream-timeout', retryable: false },
  },
  {
    name: 'connection refused: never sent',
    given: new core.OneLinkNetworkError({ errno: 'ECONNREFUSED', retryable: true, ...ids }),
    want: {
      label: 'network-ECONNREFUSED',
      outcome: 'failed',
      problem: 'upstream-unreachable',
      retryable: true,
    },
  },
  {
    name: 'DNS failure: never sent',
    given: new core.OneLinkNetworkError({ errno: 'ENOTFOUND', retryable: true, ...ids }),
    want: { label: 'network-ENOTFOUND', outcome: 'failed', retryable: true },
  },
  {
    name: 'connection reset: may have been sent',
    given: new core.OneLinkNetworkError({ errno: 'ECONNRESET', retryable: true, ...ids }),
    want: {
      label: 'network-ECONNRESET',
      outcome: 'unknown',
      problem: 'upstream-unreachable',
      retryable: false,
    },
  },
  {
    name: 'network error without errno',
    given: new core.OneLinkNetworkError({ retryable: false, ...ids }),
    want: { label: 'network-error', outcome: 'unknown', retryable: false },
  },
  {
    name: 'local validation at send time: gateway field names, nothing sent',
    given: new core.OneLinkValidationError([
      {
        field: 'paymentDetails.expiryDateTime',
        rule: 'min-lead',
        message: 'must be at least 60s in the future',
      },
    ]),
    want: {
      label: 'local-validation',
      outcome: 'failed',
      problem: 'validation',
      retryable: undefined,
      detail: 'body.expiresAt: must be at least 60s in the future',
      errors: [{ field: 'body.expiresAt', rule: 'min-lead', message: 'must be at least 60s in the future' }],
    },
  },
  {
    name: 'a bug (plain Error): its text is not shown',
    given: new TypeError('boom'),
    want: {
      label: 'internal',
      outcome: 'unknown',
      problem: 'internal',
      retryable: false,
      detail: 'Unexpected error while calling 1LINK; reconcile by RRN.',
    },
  },
  {
    name: 'token endpoint 503: the QR operation was never called, so failed and retryable',
    given: new core.OneLinkTokenUnavailableError({ reason: 'http-503', status: 503, retryAfter: 2 }),
    want: {
      label: 'token-http-503',
      outcome: 'failed',
      problem: 'upstream-unavailable',
      retryable: true,
      upstreamStatus: 503,
      retryAfter: 2,
    },
  },
  {
    name: 'token endpoint too slow: failed and retryable, not unknown',
    given: new core.OneLinkTokenUnavailableError({ reason: 'timeout' }),
    want: { label: 'token-timeout', outcome: 'failed', problem: 'upstream-unavailable', retryable: true },
  },
  {
    name: 'token endpoint reset the connection: failed and retryable',
    given: new core.OneLinkTokenUnavailableError({ reason: 'network-ECONNRESET' }),
    want: { label: 'token-network-ECONNRESET', outcome: 'failed', retryable: true },
  },
  {
    name: 'a proxy 502 without a 1LINK code: may have been processed',
    given: api('transient', { status: 502, retryable: true }),
    want: { label: 'http-502', outcome: 'unknown', problem: 'upstream-error', retryable: false },
  },
  {
    name: 'a proxy 504 without a 1LINK code: may have been processed',
    given: api('transient', { status: 504, retryable: true }),
    want: { label: 'http-504', outcome: 'unknown', problem: 'upstream-error', retryable: false },
  },
  {
    name: 'an answer over the size cap: not read, may exist upstream',
    given: new core.OneLinkAnswerTooLargeError({
      status: 200,
      limitBytes: 1_048_576,
      head: '{"responseCode":"00"',
    }),
    want: {
      label: 'too-large',
      outcome: 'unknown',
      problem: 'upstream-error',
      retryable: false,
      upstreamStatus: 200,
    },
  },
  {
    name: 'a thrown non-error',
    given: 'boom',
    want: { label: 'internal', outcome: 'unknown', problem: 'internal' },
  },
];

describe('classifyUpstreamFailure', () => {
  it.each(cases)('$name', ({ given, want }) => {
    const got = classifyUpstreamFailure(given);
    for (const [key, value] of Object.entries(want)) {
      expect(got[key as keyof UpstreamFailure], key).toEqual(value);
    }
    expect(got.detail).not.toContain('boom');
  });

  it('never calls a failure that may have reached 1LINK retryable', () => {
    for (const { given } of cases) {
      const got = classifyUpstreamFailure(given);
      if (got.outcome === 'unknown') expect(got.retryable, got.label).toBe(false);
    }
  });
});

describe('the classifier is derived from the outcome table in core', () => {
  it.each(cases)('$name: outcome and retryable from its row', ({ given }) => {
    const got = classifyUpstreamFailure(given);
    const row = core.OUTCOME_TABLE[got.situation];
    expect({ outcome: got.outcome, retryable: got.retryable }).toEqual({
      outcome: row.outcome,
      retryable: row.callerMayRetry ?? undefined,
    });
  });
});
