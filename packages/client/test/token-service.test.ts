import { type FakeOneLink, startFakeOneLink } from '@onelink-kit/testkit';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  OneLinkAuthError,
  OneLinkTokenUnavailableError,
  TokenService,
  type TokenServiceOptions,
} from '../src/index.js';

let upstream: FakeOneLink;
let now: number;

beforeEach(async () => {
  upstream = await startFakeOneLink();
  now = Date.UTC(2026, 10, 22, 10, 0, 0);
});
afterEach(async () => {
  await upstream.stop();
});

const service = (overrides: Partial<TokenServiceOptions> = {}) =>
  new TokenService({
    tokenUrl: upstream.tokenUrl,
    clientId: 'cid',
    clientSecret: 'secret-one',
    now: () => now,
    expiryMarginMs: 60_000,
    refreshAheadMs: 300_000,
    ...overrides,
  });

describe('TokenService', () => {
  it('1,000 concurrent getToken calls on a cold cache send exactly one token request', async () => {
    const tokens = service();
    const values = await Promise.all(Array.from({ length: 1000 }, () => tokens.getToken()));
    expect(upstream.requests('token')).toHaveLength(1);
    expect(new Set(values)).toEqual(new Set(['token-1']));
    expect(tokens.requestCount).toBe(1);
  });

  // expires_in 3600 s, margin 60 s, refresh-ahead 300 s: fresh until 3240 s, refresh from 3240 s, unusable at 3540 s.
  it.each([
    { given: { afterSeconds: 0 }, want: { token: 'token-1', requests: 1 } },
    { given: { afterSeconds: 3239 }, want: { token: 'token-1', requests: 1 } },
    { given: { afterSeconds: 3300 }, want: { token: 'token-1', requests: 2 } }, // proactive: cached now, refresh behind
    { given: { afterSeconds: 3540 }, want: { token: 'token-2', requests: 2 } }, // expired minus margin: wait for new
  ])(
    '$given.afterSeconds s after issue → $want.token, $want.requests request(s)',
    async ({ given, want }) => {
      const tokens = service();
      await tokens.getToken();
      now += given.afterSeconds * 1000;
      expect(await tokens.getToken()).toBe(want.token);
      await vi.waitFor(() => expect(upstream.requests('token')).toHaveLength(want.requests));
    },
  );

  it('after a proactive refresh, callers get the new token', async () => {
    const tokens = service();
    await tokens.getToken();
    now += 3300_000;
    await tokens.getToken();
    await vi.waitFor(() => expect(upstream.requests('token')).toHaveLength(2));
    await vi.waitFor(async () => expect(await tokens.getToken()).toBe('token-2'));
  });

  it('invalidate(refused) drops only the token that was refused', async () => {
    const tokens = service();
    await tokens.getToken();
    tokens.invalidate('some-older-token');
    expect(await tokens.getToken()).toBe('token-1');
    tokens.invalidate('token-1');
    expect(await tokens.getToken()).toBe('token-2');
  });

  it('keeps short-lived tokens usable for at least half their life', async () => {
    upstream.always('token', (_r, n) => ({
      status: 200,
      body: { access_token: `t${n}`, token_type: 'Bearer', expires_in: 60 },
    }));
    const tokens = service();
    await tokens.getToken();
    now += 20_000;
    expect(await tokens.getToken()).toBe('t1');
    expect(upstream.requests('token')).toHaveLength(1);
  });

  it.each([
    {
      given: {
        status: 401,
        body: { error: 'invalid_client', error_description: 'Client authentication failed' },
      },
      want: { type: OneLinkAuthError, fields: { status: 401, reason: 'invalid_client' } },
    },
    {
      given: { status: 400, body: { error: 'unsupported_grant_type' } },
      want: { type: OneLinkAuthError, fields: { status: 400, reason: 'unsupported_grant_type' } },
    },
    {
      given: { status: 503, body: { httpCode: '503', httpMessage: 'Service Unavailable' } },
      want: {
        type: OneLinkTokenUnavailableError,
        fields: { status: 503, reason: 'http-503', message: expect.stringContaining('Service Unavailable') },
      },
    },
    {
      given: { status: 502, body: {}, headers: { 'retry-after': '3' } },
      want: {
        type: OneLinkTokenUnavailableError,
        fields: { status: 502, reason: 'http-502', retryAfter: 3 },
      },
    },
    {
      given: { status: 200, body: { token_type: 'Bearer' } },
      want: { type: OneLinkTokenUnavailableError, fields: { status: 200, reason: 'no-access-token' } },
    },
    {
      // A string is JSON, but not a token answer.
      given: { status: 200, body: 'not a token' },
      want: { type: OneLinkTokenUnavailableError, fields: { status: 200, reason: 'not-json' } },
    },
  ])('token endpoint HTTP $given.status → $want.type.name', async ({ given, want }) => {
    upstream.always('token', () => given);
    const error = await service()
      .getToken()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(want.type);
    expect(error).toMatchObject(want.fields);
  });

  it('a failed token request is not cached: the next call tries again', async () => {
    upstream.always('token', (_r, n) =>
      n === 1
        ? { status: 503, body: {} }
        : { status: 200, body: { access_token: 'ok', token_type: 'Bearer', expires_in: 3600 } },
    );
    const tokens = service();
    await expect(tokens.getToken()).rejects.toBeInstanceOf(OneLinkTokenUnavailableError);
    expect(await tokens.getToken()).toBe('ok');
  });

  it('times out a token request that gets no answer (token unavailable: the QR call never happened)', async () => {
    upstream.always('token', () => 'hang');
    const error = await service({ timeoutMs: 100 })
      .getToken()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OneLinkTokenUnavailableError);
    expect(error).toMatchObject({ reason: 'timeout', message: expect.stringContaining('100 ms') });
  });

  it("stops the request's timer once the answer is in: its signal never fires afterwards", async () => {
    const signals: AbortSignal[] = [];
    const tokens = service({
      timeoutMs: 50,
      fetch: (input, init) => {
        if (init?.signal) signals.push(init.signal);
        return fetch(input, init);
      },
    });
    expect(await tokens.getToken()).toBe('token-1');
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(signals).toHaveLength(1);
    expect(signals[0]?.aborted).toBe(false);
  });

  it('a connection reset by the token endpoint is token-unavailable, naming the socket error', async () => {
    upstream.always('token', () => 'reset');
    const error = await service()
      .getToken()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OneLinkTokenUnavailableError);
    expect((error as OneLinkTokenUnavailableError).reason).toMatch(/^network-/);
  });

  it('a token answer over the size cap is not read: token-unavailable, too-large', async () => {
    upstream.always('token', () => ({
      status: 200,
      body: { access_token: 'x'.repeat(5_000), expires_in: 60 },
    }));
    const error = await service({ maxAnswerBytes: 1_000 })
      .getToken()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ reason: 'too-large' });
    expect(JSON.stringify(error)).not.toContain('xxxxxxxx');
  });

  it('re-reads the secret once when the token endpoint refuses it, and uses a rotated one', async () => {
    let current = 'secret-one';
    upstream.always('token', (req, n) => {
      // The secret is reset on the portal (and rewritten in the vault) just as the first request arrives.
      if (n === 1) current = 'secret-two';
      const sent = new URLSearchParams(req.text).get('client_secret');
      return sent === 'secret-two'
        ? { status: 200, body: { access_token: `token-${n}`, token_type: 'Bearer', expires_in: 3600 } }
        : { status: 401, body: { error: 'invalid_client' } };
    });
    const tokens = service({ clientSecret: async () => current });
    expect(await tokens.getToken()).toBe('token-2');
    const secrets = upstream.requests('token').map((r) => new URLSearchParams(r.text).get('client_secret'));
    expect(secrets).toEqual(['secret-one', 'secret-two']);
  });

  it('does not loop when the re-read secret is unchanged', async () => {
    upstream.always('token', () => ({ status: 401, body: { error: 'invalid_client' } }));
    await expect(service().getToken()).rejects.toBeInstanceOf(OneLinkAuthError);
    expect(upstream.requests('token')).toHaveLength(1);
  });

  it('serialises without the token', async () => {
    const tokens = service();
    await tokens.getToken();
    expect(JSON.stringify(tokens)).not.toContain('token-1');
  });
});
