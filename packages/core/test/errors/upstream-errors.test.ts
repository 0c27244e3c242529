import { describe, expect, it } from 'vitest';
import * as core from '../../src/index.js';

const api = (overrides: Partial<ConstructorParameters<typeof core.OneLinkApiError>[0]> = {}) =>
  new core.OneLinkApiError({
    status: 409,
    responseCode: '94',
    responseDescription: 'Duplicate transmission (duplicate RRN)',
    kind: 'duplicate',
    retryable: false,
    stan: '000001',
    rrn: '000000000001',
    requestId: 'gtid-1',
    ...overrides,
  });

describe('error hierarchy', () => {
  it.each([
    {
      given: new core.OneLinkValidationError([{ field: 'info.rrn', rule: 'pattern', message: 'bad' }]),
      want: 'ONELINK_VALIDATION',
    },
    { given: api(), want: 'ONELINK_API' },
    {
      given: new core.OneLinkAuthError('refused', { reason: 'invalid_client', status: 401 }),
      want: 'ONELINK_AUTH',
    },
    { given: new core.OneLinkRateLimitError({ retryAfter: 3 }), want: 'ONELINK_RATE_LIMIT' },
    { given: new core.OneLinkTimeoutError({ timeoutMs: 10 }), want: 'ONELINK_TIMEOUT' },
    {
      given: new core.OneLinkNetworkError({ retryable: true, errno: 'ECONNRESET' }),
      want: 'ONELINK_NETWORK',
    },
  ])('$want is a OneLinkError with its own name and code', ({ given, want }) => {
    expect(given).toBeInstanceOf(core.OneLinkError);
    expect(given).toBeInstanceOf(Error);
    expect(given.code).toBe(want);
    expect(given.name).toBe(given.constructor.name);
    expect(JSON.parse(JSON.stringify(given))).toMatchObject({
      name: given.name,
      code: want,
      message: given.message,
    });
  });

  it('validation errors name the first field and rule and keep every issue', () => {
    const error = new core.OneLinkValidationError([
      { field: 'merchantDetails.iban', rule: 'maxLength', message: 'must NOT have more than 24 characters' },
      { field: 'info.rrn', rule: 'pattern', message: 'must be exactly 12 digits' },
    ]);
    expect(error).toMatchObject({ field: 'merchantDetails.iban', rule: 'maxLength' });
    expect(error.message).toBe(
      'merchantDetails.iban: must NOT have more than 24 characters [maxLength] (+1 more)',
    );
    expect(error.toJSON().issues).toHaveLength(2);
  });

  it('api errors serialise every upstream fact and mark possiblyProcessed on request', () => {
    const error = api();
    expect(error.toJSON()).toMatchObject({
      status: 409,
      responseCode: '94',
      kind: 'duplicate',
      rrn: '000000000001',
      possiblyProcessed: false,
    });
    const marked = error.asPossiblyProcessed();
    expect(marked.possiblyProcessed).toBe(true);
    expect(marked.message).toMatch(/may have been processed/);
    expect(marked).toMatchObject({ rrn: error.rrn, stan: error.stan, requestId: error.requestId });
  });

  it('toJSON leaves the cause out', () => {
    const error = new core.OneLinkNetworkError({
      retryable: true,
      cause: { secretInCause: 'do-not-serialise' },
    });
    expect(JSON.stringify(error)).not.toContain('do-not-serialise');
  });

  const withCause = (cause?: unknown) => [
    new core.OneLinkAuthError('refused', { reason: 'http-401', cause }),
    new core.OneLinkTimeoutError({ timeoutMs: 10, cause }),
    new core.OneLinkNetworkError({ retryable: true, cause }),
    new core.OneLinkTokenUnavailableError({ reason: 'timeout', cause }),
  ];
  it.each(withCause(new Error('socket')))('$name keeps a given cause', (error) => {
    expect(error.cause).toEqual(new Error('socket'));
  });
  it.each(withCause())('$name has no cause property when none is given', (error) => {
    expect(Object.hasOwn(error, 'cause')).toBe(false);
  });
});

describe('networkErrorFrom reads the socket error code', () => {
  const fetchFailed = (code: string) =>
    new TypeError('fetch failed', { cause: Object.assign(new Error(code), { code }) });
  it.each([
    { given: fetchFailed('ECONNREFUSED'), want: { errno: 'ECONNREFUSED', retryable: true } },
    { given: fetchFailed('ECONNRESET'), want: { errno: 'ECONNRESET', retryable: true } },
    { given: fetchFailed('UND_ERR_SOCKET'), want: { errno: 'UND_ERR_SOCKET', retryable: true } },
    { given: fetchFailed('CERT_HAS_EXPIRED'), want: { errno: 'CERT_HAS_EXPIRED', retryable: false } },
    {
      given: new TypeError('fetch failed', {
        cause: new AggregateError([Object.assign(new Error('x'), { code: 'ECONNREFUSED' })]),
      }),
      want: { errno: 'ECONNREFUSED', retryable: true },
    },
    { given: new Error('something else'), want: { errno: undefined, retryable: false } },
  ])('$want.errno → retryable $want.retryable', ({ given, want }) => {
    expect(core.networkErrorFrom(given)).toMatchObject(want);
  });
});

describe('isRetryableError', () => {
  it.each([
    { given: api({ kind: 'transient', retryable: true, status: 503 }), want: true },
    { given: api(), want: false },
    // Even a table that wrongly marks them retryable cannot make validation or duplicate RRN retry.
    { given: api({ kind: 'duplicate', retryable: true }), want: false },
    { given: api({ kind: 'validation', retryable: true, status: 400, responseCode: '12' }), want: false },
    { given: new core.OneLinkRateLimitError({}), want: true },
    { given: new core.OneLinkNetworkError({ retryable: true }), want: true },
    { given: new core.OneLinkTimeoutError({ timeoutMs: 1 }), want: false },
    { given: new core.OneLinkAuthError('x', { reason: 'http-401' }), want: false },
    { given: new core.OneLinkValidationError([]), want: false },
    { given: new Error('plain'), want: false },
  ])('$given.name → $want', ({ given, want }) => {
    expect(core.isRetryableError(given)).toBe(want);
  });
});

describe('errorFromResponse classifies through the spec table', () => {
  const ids = { stan: '000001', rrn: '633010123456', requestId: 'gtid-9' };
  it.each([
    {
      given: { status: 200, body: { responseCode: '00', responseDescription: 'Processed OK' } },
      want: undefined,
    },
    {
      given: { status: 200, body: { responseCode: '13', responseDescription: 'Invalid amount' } },
      want: { name: 'OneLinkApiError', kind: 'validation', retryable: false, responseCode: '13' },
    },
    {
      given: { status: 409, body: { responseCode: '94', responseDescription: 'Duplicate' } },
      want: { name: 'OneLinkApiError', kind: 'duplicate', retryable: false },
    },
    {
      given: { status: 503, body: { responseCode: '91', responseDescription: 'x' }, retryAfter: 3 },
      want: { name: 'OneLinkApiError', kind: 'transient', retryable: true, retryAfter: 3 },
    },
    {
      given: { status: 502, body: 'Bad Gateway' },
      want: { name: 'OneLinkApiError', kind: 'transient', retryable: true, responseCode: undefined },
    },
    {
      given: { status: 403, body: { httpCode: '403', httpMessage: 'Forbidden' } },
      want: { name: 'OneLinkApiError', kind: 'forbidden', responseDescription: 'Forbidden' },
    },
    {
      given: { status: 401, body: { httpCode: '401', httpMessage: 'Unauthorized' } },
      want: { name: 'OneLinkAuthError', status: 401, reason: 'http-401' },
    },
    {
      given: { status: 429, body: { httpCode: '429' }, retryAfter: 10 },
      want: { name: 'OneLinkRateLimitError', retryAfter: 10 },
    },
  ])('HTTP $given.status → $want.name $want.kind', ({ given, want }) => {
    const error = core.errorFromResponse({ ...given, ...ids });
    if (want === undefined) {
      expect(error).toBeUndefined();
      return;
    }
    expect(error).toMatchObject({ ...want, requestId: 'gtid-9' });
  });
});
