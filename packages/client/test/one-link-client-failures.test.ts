import { closedPortUrl, type FakeReply, merchantBody } from '@onelink-kit/testkit';
import { describe, expect, it, vi } from 'vitest';
import {
  OneLinkApiError,
  OneLinkNetworkError,
  OneLinkRateLimitError,
  OneLinkTimeoutError,
} from '../src/index.js';
import { fakeForEachTest } from './support/fake-client.js';

const kit = fakeForEachTest();
const { client, sentInfo } = kit;

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
    kit.upstream.always('qr', () => given);
    const error = await client()
      .generateDQRCMerchant(merchantBody())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OneLinkApiError);
    const apiError = error as OneLinkApiError;
    expect({
      kind: apiError.kind,
      responseCode: apiError.responseCode,
      calls: kit.upstream.requests('qr').length,
    }).toEqual(want);
    expect(apiError.status).toBe(given.status);
    expect(apiError.possiblyProcessed).toBe(false);
    expect({ stan: apiError.stan, rrn: apiError.rrn }).toEqual(sentInfo(0));
  });

  it('retries 503 with the same stan/rrn on every attempt, up to the bound', async () => {
    kit.upstream.always('qr', () => ({
      status: 503,
      body: { responseCode: '91', responseDescription: 'Switch or issuer inoperative' },
    }));
    await expect(
      client({
        retry: { maxAttempts: 4, sleep: async (ms) => void kit.sleeps.push(ms) },
      }).generateDQRCMerchant(merchantBody()),
    ).rejects.toMatchObject({ kind: 'transient', retryable: true });
    expect(kit.upstream.requests('qr')).toHaveLength(4);
    expect(kit.sleeps).toHaveLength(3);
    const infos = kit.upstream.requests('qr').map((_, i) => sentInfo(i));
    expect(new Set(infos.map((i) => `${i.stan}/${i.rrn}`)).size).toBe(1);
  });

  it('stops retrying when the total time budget would be exceeded', async () => {
    kit.upstream.always('qr', () => ({
      status: 503,
      headers: { 'retry-after': '60' },
      body: { responseCode: '91', responseDescription: 'x' },
    }));
    const c = client({
      retry: { maxAttempts: 10, maxElapsedMs: 10_000, sleep: async (ms) => void kit.sleeps.push(ms) },
    });
    await expect(c.generateDQRCMerchant(merchantBody())).rejects.toBeInstanceOf(OneLinkApiError);
    expect(kit.upstream.requests('qr')).toHaveLength(1);
    expect(kit.sleeps).toEqual([]);
  });

  it('succeeds when a retry gets through', async () => {
    kit.upstream.always('qr', (_req, n) =>
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
    kit.upstream.always('qr', (_req, n) =>
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
    expect(kit.sleeps).toEqual([want]);
  });

  it('turns a 429 that outlasts the retries into OneLinkRateLimitError with retryAfter', async () => {
    kit.upstream.always('qr', () => ({
      status: 429,
      headers: { 'retry-after': '2' },
      body: { httpCode: '429', httpMessage: 'Too Many Requests' },
    }));
    const error = await client()
      .generateDQRCMerchant(merchantBody())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OneLinkRateLimitError);
    expect(error).toMatchObject({ retryAfter: 2, status: 429 });
    expect(kit.sleeps).toEqual([2000, 2000]);
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
      kit.upstream.always('qr', (_req, n): FakeReply => {
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
        calls: kit.upstream.requests('qr').length,
      }).toEqual(want);
      expect((error as OneLinkApiError).kind).toBe('duplicate');
    },
  );
});

describe('network failures and timeouts', () => {
  it('retries a reset connection and then succeeds', async () => {
    kit.upstream.always('qr', (_req, n) => (n === 1 ? 'reset' : 'default'));
    const result = await client().generateDQRCMerchant(merchantBody());
    expect(result.attempts).toBe(2);
    expect(sentInfo(0)).toEqual(sentInfo(1));
  });

  it('gives up on connection refused after the attempt bound', async () => {
    const c = client({ baseUrl: `${await closedPortUrl()}/1Link` });
    const error = await c.generateDQRCMerchant(merchantBody()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OneLinkNetworkError);
    expect(error).toMatchObject({ errno: 'ECONNREFUSED', retryable: true });
    expect(kit.sleeps).toHaveLength(2);
  });

  it('raises OneLinkTimeoutError when 1LINK does not answer in time, without retrying', async () => {
    kit.upstream.always('qr', () => 'hang');
    const error = await client({ timeoutMs: 100 })
      .generateDQRCMerchant(merchantBody())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OneLinkTimeoutError);
    expect(error).toMatchObject({ timeoutMs: 100, stan: sentInfo(0).stan, rrn: sentInfo(0).rrn });
    expect(kit.upstream.requests('qr')).toHaveLength(1);
  });

  it("rethrows the caller's abort instead of a timeout", async () => {
    kit.upstream.always('qr', () => 'hang');
    const controller = new AbortController();
    const pending = client({ timeoutMs: 60_000 }).generateDQRCMerchant(merchantBody(), {
      signal: controller.signal,
    });
    await vi.waitFor(() => expect(kit.upstream.requests('qr')).toHaveLength(1));
    controller.abort(new Error('caller gave up'));
    await expect(pending).rejects.toThrow('caller gave up');
  });
});
