import {
  aggregatorBody,
  closedPortUrl,
  type FakeOneLink,
  type FakeReply,
  merchantBody,
  startFakeOneLink,
} from '@onelink-kit/testkit';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createOneLinkClient,
  environmentUrls,
  OneLinkApiError,
  OneLinkAuthError,
  type OneLinkClientOptions,
  OneLinkNetworkError,
  OneLinkRateLimitError,
  OneLinkTimeoutError,
  OneLinkValidationError,
  RateLimiter,
} from '../src/index.js';
import { clientOfFake } from './support/fake-client.js';

let upstream: FakeOneLink;
let sleeps: number[];

beforeEach(async () => {
  upstream = await startFakeOneLink();
  sleeps = [];
});
afterEach(async () => {
  await upstream.stop();
});

function client(overrides: Partial<OneLinkClientOptions> = {}) {
  return clientOfFake(upstream, {
    // Injected sleep: retries are observed, never waited for.
    retry: { maxAttempts: 3, sleep: async (ms) => void sleeps.push(ms), random: () => 0.5 },
    ...overrides,
  });
}

const sentInfo = (i: number) => {
  const body = JSON.parse(upstream.requests('qr')[i]!.text) as { info: { stan: string; rrn: string } };
  return body.info;
};

describe('environment URLs come from the spec servers', () => {
  it.each([
    {
      given: 'sandbox' as const,
      want: {
        baseUrl: 'https://sandboxapi.1link.net.pk/uat-1link/sandbox/1Link',
        tokenUrl: 'https://sandboxapi.1link.net.pk/uat-1link/sandbox/oauth2/token',
      },
    },
    {
      given: 'production' as const,
      want: {
        baseUrl: 'https://public-interface.1link.net.pk/onelink/production/1Link',
        tokenUrl: 'https://public-interface.1link.net.pk/onelink/production/oauth2/token',
      },
    },
  ])('$given', ({ given, want }) => {
    expect(environmentUrls(given)).toEqual(want);
    const c = createOneLinkClient({ environment: given, clientId: 'id', clientSecret: 's' });
    expect({ baseUrl: c.baseUrl, tokenUrl: c.tokenUrl }).toEqual(want);
  });

  it('needs an environment or both URLs', () => {
    expect(() =>
      createOneLinkClient({ baseUrl: 'http://127.0.0.1:1', clientId: 'id', clientSecret: 's' }),
    ).toThrow(/environment .* or both baseUrl and tokenUrl/);
  });
});

describe('successful calls', () => {
  it('sends the auth headers and allocated stan/rrn, and returns them with the data', async () => {
    const result = await client().generateDQRCMerchant(merchantBody());
    const [req] = upstream.requests('qr');
    expect(req?.path).toBe('/1Link/generateDQRCMerchant');
    expect(req?.headers['content-type']).toBe('application/json');
    expect(req?.headers['x-ibm-client-id']).toBe('test-client-id');
    expect(req?.headers.authorization).toBe('Bearer token-1');
    expect(sentInfo(0)).toEqual({ stan: result.stan, rrn: result.rrn });
    expect(result.stan).toMatch(/^[0-9]{1,6}$/);
    expect(result.rrn).toMatch(/^[0-9]{12}$/);
    expect(result).toMatchObject({ status: 200, requestId: `gtid-${result.rrn}`, attempts: 1 });
    expect(result.data.rrn).toBe(result.rrn);
  });

  it('keeps stan/rrn the caller gave', async () => {
    const body = { ...merchantBody(), info: { stan: '42', rrn: '633010123456' } };
    const result = await client().generateDQRCMerchant(body);
    expect(sentInfo(0)).toEqual({ stan: '42', rrn: '633010123456' });
    expect(result).toMatchObject({ stan: '42', rrn: '633010123456' });
  });

  it('puts aggregator stan/rrn under payerDetails.info', async () => {
    const result = await client().generateDQRCAggregator(aggregatorBody());
    const sent = JSON.parse(upstream.requests('qr')[0]!.text) as { payerDetails: { info: unknown } };
    expect(upstream.requests('qr')[0]?.path).toBe('/1Link/generateDQRCAggregator');
    expect(sent.payerDetails.info).toEqual({ stan: result.stan, rrn: result.rrn });
  });

  it('sends the token request as a form with X-IBM-Client-Id and scope 1LinkApi', async () => {
    await client().generateDQRCMerchant(merchantBody());
    const [tokenReq] = upstream.requests('token');
    expect(tokenReq?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(tokenReq?.headers['x-ibm-client-id']).toBe('test-client-id');
    expect(Object.fromEntries(new URLSearchParams(tokenReq?.text))).toEqual({
      grant_type: 'client_credentials',
      client_id: 'test-client-id',
      client_secret: 'test-client-secret',
      scope: '1LinkApi',
    });
  });

  it('reuses the cached token across calls', async () => {
    const c = client();
    await c.generateDQRCMerchant(merchantBody());
    await c.generateDQRCMerchant(merchantBody());
    expect(upstream.requests('token')).toHaveLength(1);
    expect(upstream.requests('qr')).toHaveLength(2);
  });
});

describe('local validation happens before any network call', () => {
  const base = merchantBody();
  it.each([
    {
      given: 'iban over maxLength',
      body: { ...base, merchantDetails: { ...base.merchantDetails, iban: 'PK'.repeat(13) } },
      want: { field: 'merchantDetails.iban', rule: 'maxLength' },
    },
    {
      given: 'stan with letters',
      body: { ...base, info: { stan: '12a', rrn: '633010123456' } },
      want: { field: 'info.stan', rule: 'pattern' },
    },
    {
      given: 'rrn of 11 digits',
      body: { ...base, info: { stan: '1', rrn: '63301012345' } },
      want: { field: 'info.rrn', rule: 'pattern' },
    },
    {
      given: 'no paymentDetails',
      body: { merchantDetails: base.merchantDetails },
      want: { field: 'paymentDetails', rule: 'required' },
    },
    {
      given: 'expiry in the past',
      body: { ...base, paymentDetails: { ...base.paymentDetails, expiryDateTime: '2020-01-01T00:00:00' } },
      want: { field: 'paymentDetails.expiryDateTime', rule: 'min-lead' },
    },
    {
      given: 'expiry with an offset',
      body: { ...base, paymentDetails: { ...base.paymentDetails, expiryDateTime: '2030-01-01T00:00:00Z' } },
      want: { field: 'paymentDetails.expiryDateTime', rule: 'pattern' },
    },
  ])('$given → $want.field $want.rule', async ({ body, want }) => {
    const error = await client()
      .generateDQRCMerchant(body as never)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OneLinkValidationError);
    expect((error as OneLinkValidationError).issues).toContainEqual(expect.objectContaining(want));
    expect(upstream.requests('token')).toHaveLength(0);
    expect(upstream.requests('qr')).toHaveLength(0);
  });

  // A body from JavaScript or parsed JSON: stan/rrn must not be written into a payerDetails or info
  // that is not an object, which would hide the caller's mistake instead of naming it.
  it.each([
    {
      given: 'aggregator payerDetails as a string',
      kind: 'aggregator',
      body: { ...aggregatorBody(), payerDetails: 'x' },
      want: 'payerDetails',
    },
    {
      given: 'aggregator info as a number',
      kind: 'aggregator',
      body: { payerDetails: { info: 7 } },
      want: 'payerDetails.info',
    },
    { given: 'merchant info as a string', kind: 'merchant', body: { ...base, info: 'x' }, want: 'info' },
  ] as const)('$given → $want type, no stan/rrn allocated', async ({ kind, body, want }) => {
    let allocated = 0;
    const c = client({ allocator: { allocate: () => ({ stan: String(++allocated), rrn: '633010123456' }) } });
    const call =
      kind === 'merchant' ? c.generateDQRCMerchant(body as never) : c.generateDQRCAggregator(body as never);
    const error = await call.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OneLinkValidationError);
    expect((error as OneLinkValidationError).issues).toEqual([
      { field: want, rule: 'type', message: 'must be object' },
    ]);
    expect(allocated).toBe(0);
    expect(upstream.requests('qr')).toHaveLength(0);
  });

  it('applies the configured expiry window', async () => {
    const now = Date.now();
    const error = await client({ expiry: { maxWindowMs: 5 * 60_000 } })
      .generateDQRCMerchant(merchantBody(now))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ field: 'paymentDetails.expiryDateTime', rule: 'max-window' });
  });
});

describe('upstream failures are classified from the spec response-code table', () => {
  it.each([
    {
      given: {
        status: 400,
        body: { responseCode: '12', responseDescription: 'Invalid transaction / request field' },
      },
      want: { kind: 'validation', responseCode: '12', calls: 1 },
    },
    {
      given: { status: 400, body: { responseCode: '30', responseDescription: 'Format error' } },
      want: { kind: 'validation', responseCode: '30', calls: 1 },
    },
    {
      given: { status: 200, body: { responseCode: '13', responseDescription: 'Invalid amount' } },
      want: { kind: 'validation', responseCode: '13', calls: 1 },
    },
    {
      given: {
        status: 409,
        body: { responseCode: '94', responseDescription: 'Duplicate transmission (duplicate RRN)' },
      },
      want: { kind: 'duplicate', responseCode: '94', calls: 1 },
    },
    {
      given: { status: 500, body: { responseCode: '96', responseDescription: 'System malfunction' } },
      want: { kind: 'upstream', responseCode: '96', calls: 1 },
    },
    {
      given: { status: 403, body: { httpCode: '403', httpMessage: 'Forbidden' } },
      want: { kind: 'forbidden', responseCode: undefined, calls: 1 },
    },
    {
      given: {
        status: 503,
        body: { responseCode: '91', responseDescription: 'Switch or issuer inoperative' },
      },
      want: { kind: 'transient', responseCode: '91', calls: 3 },
    },
    {
      given: { status: 502, body: { httpCode: '502', httpMessage: 'Bad Gateway' } },
      want: { kind: 'transient', responseCode: undefined, calls: 3 },
    },
    {
      given: { status: 504, body: { httpCode: '504', httpMessage: 'Gateway Timeout' } },
      want: { kind: 'transient', responseCode: undefined, calls: 3 },
    },
  ])('HTTP $given.status $given.body → $want.kind after $want.calls call(s)', async ({ given, want }) => {
    upstream.always('qr', () => given);
    const error = await client()
      .generateDQRCMerchant(merchantBody())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OneLinkApiError);
    const apiError = error as OneLinkApiError;
    expect({
      kind: apiError.kind,
      responseCode: apiError.responseCode,
      calls: upstream.requests('qr').length,
    }).toEqual(want);
    expect(apiError.status).toBe(given.status);
    expect(apiError.possiblyProcessed).toBe(false);
    expect({ stan: apiError.stan, rrn: apiError.rrn }).toEqual(sentInfo(0));
  });

  it('retries 503 with the same stan/rrn on every attempt, up to the bound', async () => {
    upstream.always('qr', () => ({
      status: 503,
      body: { responseCode: '91', responseDescription: 'Switch or issuer inoperative' },
    }));
    await expect(
      client({ retry: { maxAttempts: 4, sleep: async (ms) => void sleeps.push(ms) } }).generateDQRCMerchant(
        merchantBody(),
      ),
    ).rejects.toMatchObject({ kind: 'transient', retryable: true });
    expect(upstream.requests('qr')).toHaveLength(4);
    expect(sleeps).toHaveLength(3);
    const infos = upstream.requests('qr').map((_, i) => sentInfo(i));
    expect(new Set(infos.map((i) => `${i.stan}/${i.rrn}`)).size).toBe(1);
  });

  it('stops retrying when the total time budget would be exceeded', async () => {
    upstream.always('qr', () => ({
      status: 503,
      headers: { 'retry-after': '60' },
      body: { responseCode: '91', responseDescription: 'x' },
    }));
    const c = client({
      retry: { maxAttempts: 10, maxElapsedMs: 10_000, sleep: async (ms) => void sleeps.push(ms) },
    });
    await expect(c.generateDQRCMerchant(merchantBody())).rejects.toBeInstanceOf(OneLinkApiError);
    expect(upstream.requests('qr')).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('succeeds when a retry gets through', async () => {
    upstream.always('qr', (_req, n) =>
      n === 1 ? { status: 503, body: { responseCode: '91', responseDescription: 'x' } } : 'default',
    );
    const result = await client().generateDQRCMerchant(merchantBody());
    expect(result.attempts).toBe(2);
    expect(sentInfo(0)).toEqual(sentInfo(1));
  });

  // A fixed clock on a whole second: an HTTP-date (1 s resolution) then means exactly 5000 ms, whatever
  // the time between building the header and the client reading it.
  const clock = Date.parse('2026-11-22T05:00:00.000Z');
  it.each([
    { given: '7', want: 7000 },
    { given: new Date(clock + 5_000).toUTCString(), want: 5000 },
  ])('honours Retry-After $given on 429, then succeeds', async ({ given, want }) => {
    const header = given;
    upstream.always('qr', (_req, n) =>
      n === 1
        ? {
            status: 429,
            headers: { 'retry-after': header },
            body: { httpCode: '429', httpMessage: 'Too Many Requests' },
          }
        : 'default',
    );
    const result = await client({ now: () => clock }).generateDQRCMerchant(merchantBody(clock));
    expect(result.attempts).toBe(2);
    expect(sleeps).toEqual([want]);
  });

  it('turns a 429 that outlasts the retries into OneLinkRateLimitError with retryAfter', async () => {
    upstream.always('qr', () => ({
      status: 429,
      headers: { 'retry-after': '2' },
      body: { httpCode: '429', httpMessage: 'Too Many Requests' },
    }));
    const error = await client()
      .generateDQRCMerchant(merchantBody())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OneLinkRateLimitError);
    expect(error).toMatchObject({ retryAfter: 2, status: 429 });
    expect(sleeps).toEqual([2000, 2000]);
  });

  it.each([
    { given: 'first attempt', replies: ['duplicate'], want: { possiblyProcessed: false, calls: 1 } },
    {
      given: 'a retried attempt',
      replies: ['503', 'duplicate'],
      want: { possiblyProcessed: true, calls: 2 },
    },
    {
      given: 'an attempt after a reset',
      replies: ['reset', 'duplicate'],
      want: { possiblyProcessed: true, calls: 2 },
    },
  ])(
    'duplicate RRN on $given → possiblyProcessed $want.possiblyProcessed, no further retry',
    async ({ replies, want }) => {
      upstream.always('qr', (_req, n): FakeReply => {
        const r = replies[Math.min(n, replies.length) - 1];
        if (r === 'reset') return 'reset';
        if (r === '503') return { status: 503, body: { responseCode: '91', responseDescription: 'x' } };
        return {
          status: 409,
          body: { responseCode: '94', responseDescription: 'Duplicate transmission (duplicate RRN)' },
        };
      });
      const error = await client()
        .generateDQRCMerchant(merchantBody())
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OneLinkApiError);
      expect({
        possiblyProcessed: (error as OneLinkApiError).possiblyProcessed,
        calls: upstream.requests('qr').length,
      }).toEqual(want);
      expect((error as OneLinkApiError).kind).toBe('duplicate');
    },
  );
});

describe('network failures and timeouts', () => {
  it('retries a reset connection and then succeeds', async () => {
    upstream.always('qr', (_req, n) => (n === 1 ? 'reset' : 'default'));
    const result = await client().generateDQRCMerchant(merchantBody());
    expect(result.attempts).toBe(2);
    expect(sentInfo(0)).toEqual(sentInfo(1));
  });

  it('gives up on connection refused after the attempt bound', async () => {
    const c = client({ baseUrl: `${await closedPortUrl()}/1Link` });
    const error = await c.generateDQRCMerchant(merchantBody()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OneLinkNetworkError);
    expect(error).toMatchObject({ errno: 'ECONNREFUSED', retryable: true });
    expect(sleeps).toHaveLength(2);
  });

  it('raises OneLinkTimeoutError when 1LINK does not answer in time, without retrying', async () => {
    upstream.always('qr', () => 'hang');
    const error = await client({ timeoutMs: 100 })
      .generateDQRCMerchant(merchantBody())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OneLinkTimeoutError);
    expect(error).toMatchObject({ timeoutMs: 100, stan: sentInfo(0).stan, rrn: sentInfo(0).rrn });
    expect(upstream.requests('qr')).toHaveLength(1);
  });

  it("rethrows the caller's abort instead of a timeout", async () => {
    upstream.always('qr', () => 'hang');
    const controller = new AbortController();
    const pending = client({ timeoutMs: 60_000 }).generateDQRCMerchant(merchantBody(), {
      signal: controller.signal,
    });
    await vi.waitFor(() => expect(upstream.requests('qr')).toHaveLength(1));
    controller.abort(new Error('caller gave up'));
    await expect(pending).rejects.toThrow('caller gave up');
  });
});

describe('401 handling (the 1LINK sandbox document: on HTTP 401 refresh the token and retry once)', () => {
  it('drops the token, refreshes it and re-sends once', async () => {
    upstream.always('qr', (_req, n) =>
      n === 1 ? { status: 401, body: { httpCode: '401', httpMessage: 'Unauthorized' } } : 'default',
    );
    const result = await client().generateDQRCMerchant(merchantBody());
    expect(upstream.requests('token')).toHaveLength(2);
    expect(upstream.requests('qr').map((r) => r.headers.authorization)).toEqual([
      'Bearer token-1',
      'Bearer token-2',
    ]);
    expect(sentInfo(0)).toEqual(sentInfo(1));
    expect(result.attempts).toBe(2);
  });

  it('raises OneLinkAuthError on a second 401', async () => {
    upstream.always('qr', () => ({ status: 401, body: { httpCode: '401', httpMessage: 'Unauthorized' } }));
    const error = await client()
      .generateDQRCMerchant(merchantBody())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OneLinkAuthError);
    expect(error).toMatchObject({ status: 401, reason: 'http-401' });
    expect(upstream.requests('qr')).toHaveLength(2);
    expect(upstream.requests('token')).toHaveLength(2);
  });

  it('raises OneLinkAuthError when the token endpoint refuses the client', async () => {
    upstream.always('token', () => ({
      status: 401,
      body: { error: 'invalid_client', error_description: 'Client authentication failed' },
    }));
    const error = await client()
      .generateDQRCMerchant(merchantBody())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OneLinkAuthError);
    expect(error).toMatchObject({ status: 401, reason: 'invalid_client' });
    expect(upstream.requests('qr')).toHaveLength(0);
  });
});

describe('single-flight token under load', () => {
  it('1,000 concurrent calls on a cold cache cause exactly one token request', async () => {
    let tokenCalls = 0;
    const fakeFetch: typeof fetch = async (input, init) => {
      const req = input instanceof Request ? input : new Request(input, init);
      if (req.url.endsWith('/oauth2/token')) {
        tokenCalls++;
        await new Promise((r) => setTimeout(r, 5)); // keep the request in flight while others arrive
        return Response.json({ access_token: 'shared-token', token_type: 'Bearer', expires_in: 3600 });
      }
      const body = (await req.json()) as { info: { stan: string; rrn: string } };
      return Response.json({
        responseCode: '00',
        responseDescription: 'Processed OK',
        ...body.info,
        qrString: '000201',
      });
    };
    const c = createOneLinkClient({
      baseUrl: 'http://127.0.0.1:9/1Link',
      tokenUrl: 'http://127.0.0.1:9/oauth2/token',
      clientId: 'id',
      clientSecret: 'secret',
      fetch: fakeFetch,
    });
    const results = await Promise.all(
      Array.from({ length: 1000 }, () => c.generateDQRCMerchant(merchantBody())),
    );
    expect(tokenCalls).toBe(1);
    expect(new Set(results.map((r) => r.rrn)).size).toBe(1000);
  });
});

describe('client-side rate limit', () => {
  it('queues a burst instead of sending it all at once', async () => {
    let now = 0;
    const timers: Array<() => void> = [];
    const limiter = new RateLimiter(
      { limit: 2, intervalMs: 1000 },
      { now: () => now, setTimeout: (fn) => timers.push(fn), clearTimeout: () => {} },
    );
    const c = client({ rateLimit: limiter });
    const calls = Array.from({ length: 5 }, () => c.generateDQRCMerchant(merchantBody()));
    await vi.waitFor(() => expect(upstream.requests('qr')).toHaveLength(2));
    await vi.waitFor(() => expect(limiter.pending).toBe(3));
    expect(upstream.requests('qr')).toHaveLength(2);
    now += 1000;
    timers.shift()?.();
    await vi.waitFor(() => expect(upstream.requests('qr')).toHaveLength(4));
    now += 1000;
    timers.shift()?.();
    const results = await Promise.all(calls);
    expect(results).toHaveLength(5);
    expect(upstream.requests('qr')).toHaveLength(5);
  });
});
