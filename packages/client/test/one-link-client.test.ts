import { aggregatorBody, merchantBody } from '@onelink-kit/testkit';
import { describe, expect, it, vi } from 'vitest';
import {
  createOneLinkClient,
  environmentUrls,
  OneLinkAuthError,
  OneLinkValidationError,
  RateLimiter,
} from '../src/index.js';
import { fakeForEachTest } from './support/fake-client.js';

const kit = fakeForEachTest();
const { client, sentInfo } = kit;

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
    const [req] = kit.upstream.requests('qr');
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
    const sent = JSON.parse(kit.upstream.requests('qr')[0]!.text) as { payerDetails: { info: unknown } };
    expect(kit.upstream.requests('qr')[0]?.path).toBe('/1Link/generateDQRCAggregator');
    expect(sent.payerDetails.info).toEqual({ stan: result.stan, rrn: result.rrn });
  });

  it('sends the token request as a form with X-IBM-Client-Id and scope 1LinkApi', async () => {
    await client().generateDQRCMerchant(merchantBody());
    const [tokenReq] = kit.upstream.requests('token');
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
    expect(kit.upstream.requests('token')).toHaveLength(1);
    expect(kit.upstream.requests('qr')).toHaveLength(2);
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
    expect(kit.upstream.requests('token')).toHaveLength(0);
    expect(kit.upstream.requests('qr')).toHaveLength(0);
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
    expect(kit.upstream.requests('qr')).toHaveLength(0);
  });

  it('applies the configured expiry window', async () => {
    const now = Date.now();
    const error = await client({ expiry: { maxWindowMs: 5 * 60_000 } })
      .generateDQRCMerchant(merchantBody(now))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ field: 'paymentDetails.expiryDateTime', rule: 'max-window' });
  });
});

describe('401 handling (the 1LINK sandbox document: on HTTP 401 refresh the token and retry once)', () => {
  it('drops the token, refreshes it and re-sends once', async () => {
    kit.upstream.always('qr', (_req, n) =>
      n === 1 ? { status: 401, body: { httpCode: '401', httpMessage: 'Unauthorized' } } : 'default',
    );
    const result = await client().generateDQRCMerchant(merchantBody());
    expect(kit.upstream.requests('token')).toHaveLength(2);
    expect(kit.upstream.requests('qr').map((r) => r.headers.authorization)).toEqual([
      'Bearer token-1',
      'Bearer token-2',
    ]);
    expect(sentInfo(0)).toEqual(sentInfo(1));
    expect(result.attempts).toBe(2);
  });

  it('raises OneLinkAuthError on a second 401', async () => {
    kit.upstream.always('qr', () => ({
      status: 401,
      body: { httpCode: '401', httpMessage: 'Unauthorized' },
    }));
    const error = await client()
      .generateDQRCMerchant(merchantBody())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OneLinkAuthError);
    expect(error).toMatchObject({ status: 401, reason: 'http-401' });
    expect(kit.upstream.requests('qr')).toHaveLength(2);
    expect(kit.upstream.requests('token')).toHaveLength(2);
  });

  it('raises OneLinkAuthError when the token endpoint refuses the client', async () => {
    kit.upstream.always('token', () => ({
      status: 401,
      body: { error: 'invalid_client', error_description: 'Client authentication failed' },
    }));
    const error = await client()
      .generateDQRCMerchant(merchantBody())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OneLinkAuthError);
    expect(error).toMatchObject({ status: 401, reason: 'invalid_client' });
    expect(kit.upstream.requests('qr')).toHaveLength(0);
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
    await vi.waitFor(() => expect(kit.upstream.requests('qr')).toHaveLength(2));
    await vi.waitFor(() => expect(limiter.pending).toBe(3));
    expect(kit.upstream.requests('qr')).toHaveLength(2);
    now += 1000;
    timers.shift()?.();
    await vi.waitFor(() => expect(kit.upstream.requests('qr')).toHaveLength(4));
    now += 1000;
    timers.shift()?.();
    const results = await Promise.all(calls);
    expect(results).toHaveLength(5);
    expect(kit.upstream.requests('qr')).toHaveLength(5);
  });
});
