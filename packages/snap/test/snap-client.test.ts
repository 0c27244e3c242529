import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLogger, OneLinkAuthError, OneLinkValidationError } from '@onelink-kit/core';
import { verifySnap } from '@onelink-kit/signing';
import { recordingFetch, transportFailureTests } from '@onelink-kit/testkit';
import { describe, expect, it, vi } from 'vitest';
import { createSnapClient, type SnapClientOptions } from '../src/snap-client.js';
import { SnapApiError } from '../src/snap-errors.js';

// Test-only values; not secrets of any environment.
const SECRET = 'test-client-secret-not-real';
const TOKEN = 'synthetic-access-token-0001';

function client(over: Partial<SnapClientOptions> = {}) {
  return createSnapClient({
    baseUrl: 'http://127.0.0.1:1',
    accessToken: TOKEN,
    partnerId: '216620',
    channelId: '95221',
    clientSecret: SECRET,
    now: () => new Date('2026-11-21T22:30:00Z'),
    ...over,
  });
}

const ok = (state: string | undefined) => ({
  responseCode: '2003000',
  responseMessage: 'Successful',
  authCode: 'code-1',
  ...(state ? { state } : {}),
});

describe('createSnapClient.getOAuthCode: what is sent', () => {
  it('sends every header and query parameter, signed over path + query as sent', async () => {
    const up = recordingFetch(200, ok('0123456789abcdef0123456789abcdef'));
    const got = await client({ fetch: up.fetch, clientKey: '0123456789ABCDEF0123456789ABCDEF' }).getOAuthCode(
      {
        seamlessData: { mobileNumber: '628123456789' },
        additionalInfo: { additionalInfo1: 'Order 42' },
        lang: 'EN',
        redirectUrl: 'https://merchant.example/ok',
        state: '0123456789abcdef0123456789abcdef',
        externalId: '5e0f8c1a2b3c4d5e6f708192a3b4c5d6',
      },
    );
    expect(got).toMatchObject({ authCode: 'code-1', timestamp: '2026-11-22T05:30:00+07:00', status: 200 });
    const req = up.requests[0]!;
    const url = new URL(req.url);
    expect(req.method).toBe('GET');
    expect(url.pathname).toBe('/v1.0/get-auth-code');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      redirectUrl: 'https://merchant.example/ok',
      scopes: 'CARD_REGISTRATION',
      state: '0123456789abcdef0123456789abcdef',
      merchantId: '216620',
      lang: 'EN',
      seamlessData: '{"mobileNumber":"628123456789"}',
      additionalInfo: '{"additionalInfo1":"Order 42"}',
    });
    const h = Object.fromEntries(req.headers);
    expect(h).toMatchObject({
      accept: 'application/json',
      authorization: `Bearer ${TOKEN}`,
      'x-timestamp': '2026-11-22T05:30:00+07:00',
      'x-client-key': '0123456789ABCDEF0123456789ABCDEF',
      'x-partner-id': '216620',
      'x-external-id': '5e0f8c1a2b3c4d5e6f708192a3b4c5d6',
      'channel-id': '95221',
    });
    const parts = { method: 'GET', accessToken: TOKEN, timestamp: h['x-timestamp']! };
    expect(verifySnap(SECRET, { ...parts, urlPath: url.pathname + url.search }, h['x-signature']!)).toBe(
      true,
    );
    // Path-only is not what we sign: the query is covered.
    expect(verifySnap(SECRET, { ...parts, urlPath: url.pathname }, h['x-signature']!)).toBe(false);
  });

  it('generates a 32-character state and external id when not given, and a fresh pair per call', async () => {
    const up = recordingFetch(200, ok(undefined));
    const c = client({ fetch: up.fetch });
    const a = await c.getOAuthCode({ seamlessData: { userId: 'cust_01' } });
    const b = await c.getOAuthCode({ seamlessData: { userId: 'cust_01' } });
    for (const r of [a, b]) {
      expect(r.state).toMatch(/^[0-9a-f]{32}$/);
      expect(r.externalId).toMatch(/^[0-9a-f]{32}$/);
    }
    expect(a.externalId).not.toBe(b.externalId);
    expect(c.hasSentExternalId(a.externalId)).toBe(true);
  });

  it('reads the secret from SNAP_CLIENT_SECRET_FILE when no secret is given', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'snap-secret-'));
    const file = path.join(dir, 'secret');
    writeFileSync(file, `${SECRET}\n`);
    vi.stubEnv('SNAP_CLIENT_SECRET_FILE', file);
    vi.stubEnv('SNAP_CLIENT_SECRET', undefined);
    const up = recordingFetch(200, ok(undefined));
    await client({ fetch: up.fetch, clientSecret: undefined }).getOAuthCode({
      seamlessData: { userId: 'u1' },
    });
    const req = up.requests[0]!;
    const url = new URL(req.url);
    const input = {
      method: 'GET',
      urlPath: url.pathname + url.search,
      accessToken: TOKEN,
      timestamp: req.headers.get('x-timestamp')!,
    };
    expect(verifySnap(SECRET, input, req.headers.get('x-signature')!)).toBe(true);
  });

  it('fails with OneLinkAuthError naming the variable when no secret is configured', async () => {
    vi.stubEnv('SNAP_CLIENT_SECRET', undefined);
    vi.stubEnv('SNAP_CLIENT_SECRET_FILE', undefined);
    const up = recordingFetch(200, ok(undefined));
    const p = client({ fetch: up.fetch, clientSecret: undefined }).getOAuthCode({
      seamlessData: { userId: 'u' },
    });
    await expect(p).rejects.toBeInstanceOf(OneLinkAuthError);
    await expect(p).rejects.toThrow(/SNAP_CLIENT_SECRET/);
    expect(up.requests).toHaveLength(0);
  });
});

describe('createSnapClient.getOAuthCode: rules checked before sending', () => {
  const cases = [
    {
      name: 'neither mobileNumber nor userId',
      given: { seamlessData: { bankCode: '014' } },
      want: 'seamlessData|mobileNumber-or-userId',
    },
    {
      name: 'mobileNumber with 8 digits',
      given: { seamlessData: { mobileNumber: '12345678' } },
      want: 'seamlessData.mobileNumber|pattern',
    },
    {
      name: 'userId with a space',
      given: { seamlessData: { userId: 'a b' } },
      want: 'seamlessData.userId|pattern',
    },
    {
      name: 'timestamp not a real date',
      given: { seamlessData: { userId: 'u' }, timestamp: '2026-02-30T10:00:00+07:00' },
      want: 'X-TIMESTAMP|real-date-time',
    },
    {
      name: 'timestamp 29 characters',
      given: { seamlessData: { userId: 'u' }, timestamp: '2026-11-22T05:30:00.123+07:00' },
      want: 'X-TIMESTAMP|maxLength',
    },
    {
      name: 'external id not alphanumeric',
      given: { seamlessData: { userId: 'u' }, externalId: `${'a'.repeat(31)}-` },
      want: 'X-EXTERNAL-ID|pattern',
    },
    {
      name: 'state of 31 characters',
      given: { seamlessData: { userId: 'u' }, state: 'a'.repeat(31) },
      want: 'state|minLength',
    },
    {
      name: 'additionalInfo unknown key',
      given: { seamlessData: { userId: 'u' }, additionalInfo: { note: 'x' } as never },
      want: 'additionalInfo.note|additionalProperties',
    },
    {
      name: 'additionalInfo empty value',
      given: { seamlessData: { userId: 'u' }, additionalInfo: { additionalInfo2: '' } },
      want: 'additionalInfo.additionalInfo2|minLength',
    },
  ];
  for (const { name, given, want } of cases) {
    it(name, async () => {
      const up = recordingFetch(200, ok(undefined));
      const err = await client({ fetch: up.fetch })
        .getOAuthCode(given)
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(OneLinkValidationError);
      const got = (err as OneLinkValidationError).issues.map((i) => `${i.field}|${i.rule}`);
      expect(got).toContain(want);
      // The spec's bare anyOf is not reported next to the rule that explains it.
      expect(got).not.toContain('seamlessData|anyOf');
      expect(up.requests).toHaveLength(0);
    });
  }

  it('refuses an X-EXTERNAL-ID already sent in the flow', async () => {
    const up = recordingFetch(200, ok(undefined));
    const c = client({ fetch: up.fetch });
    const externalId = 'A'.repeat(32);
    await c.getOAuthCode({ seamlessData: { userId: 'u' }, externalId });
    const err = await c.getOAuthCode({ seamlessData: { userId: 'u' }, externalId }).catch((e: unknown) => e);
    expect(err).toMatchObject({ field: 'X-EXTERNAL-ID', rule: 'unique-in-flow' });
    expect(up.requests).toHaveLength(1);
  });

  it('sends an X-EXTERNAL-ID once when two calls with it run at the same time', async () => {
    const up = recordingFetch(200, ok(undefined));
    // The secret is read asynchronously, so both calls pass the first check before either sends.
    const c = client({ fetch: up.fetch, clientSecret: async () => SECRET });
    const externalId = 'C'.repeat(32);
    const results = await Promise.allSettled([
      c.getOAuthCode({ seamlessData: { userId: 'u' }, externalId }),
      c.getOAuthCode({ seamlessData: { userId: 'u' }, externalId }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(OneLinkValidationError);
    expect(rejected.reason).toMatchObject({ field: 'X-EXTERNAL-ID', rule: 'unique-in-flow' });
    expect(up.requests.map((r) => r.headers.get('x-external-id'))).toEqual([externalId]);
  });

  it('rejects partner and channel ids of the wrong length (fixed per flow)', async () => {
    const up = recordingFetch(200, ok(undefined));
    const err = await client({ fetch: up.fetch, partnerId: '21662', channelId: '952210' })
      .getOAuthCode({ seamlessData: { userId: 'u' } })
      .catch((e: unknown) => e);
    const rules = (err as OneLinkValidationError).issues.map((i) => `${i.field}|${i.rule}`);
    expect(rules).toEqual(
      expect.arrayContaining(['X-PARTNER-ID|minLength', 'CHANNEL-ID|pattern', 'merchantId|minLength']),
    );
  });
});

describe('createSnapClient.getOAuthCode: answers', () => {
  const cases = [
    { given: { status: 400, code: '4003001' }, want: { kind: 'validation', retryable: false } },
    { given: { status: 400, code: '4003002' }, want: { kind: 'validation', retryable: false } },
    { given: { status: 401, code: '4013000' }, want: { kind: 'signature', retryable: false } },
    { given: { status: 401, code: '4013001' }, want: { kind: 'auth', retryable: false } },
    { given: { status: 403, code: '4033001' }, want: { kind: 'forbidden', retryable: false } },
    { given: { status: 404, code: '4043008' }, want: { kind: 'not-found', retryable: false } },
    { given: { status: 409, code: '4093000' }, want: { kind: 'duplicate', retryable: false } },
    { given: { status: 429, code: '4293000' }, want: { kind: 'rate-limit', retryable: true } },
    { given: { status: 500, code: '5003000' }, want: { kind: 'upstream', retryable: false } },
    { given: { status: 500, code: '5003001' }, want: { kind: 'transient', retryable: true } },
    { given: { status: 504, code: '5043000' }, want: { kind: 'transient', retryable: true } },
    { given: { status: 200, code: '4013000' }, want: { kind: 'signature', retryable: false } },
    { given: { status: 502, code: undefined }, want: { kind: 'transient', retryable: true } },
  ];
  for (const { given, want } of cases) {
    it(`HTTP ${given.status} ${given.code ?? '(no code)'} -> ${want.kind}`, async () => {
      const body = given.code
        ? { responseCode: given.code, responseMessage: 'x' }
        : { message: 'bad gateway' };
      const up = recordingFetch(given.status, body);
      const err = await client({ fetch: up.fetch })
        .getOAuthCode({ seamlessData: { userId: 'u' } })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SnapApiError);
      expect(err).toMatchObject({ ...want, status: given.status, responseCode: given.code });
      const json = JSON.stringify(err);
      expect(json).not.toContain(SECRET);
      expect(json).not.toContain(TOKEN);
      expect(String(err)).not.toContain(TOKEN);
    });
  }

  it('rejects a success whose state differs from the one sent', async () => {
    const up = recordingFetch(200, ok('f'.repeat(32)));
    const err = await client({ fetch: up.fetch })
      .getOAuthCode({ seamlessData: { userId: 'u' }, state: 'a'.repeat(32) })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SnapApiError);
    expect((err as SnapApiError).message).toMatch(/state/);
  });
});

describe('createSnapClient.getOAuthCode: transport failures', () => {
  transportFailureTests(
    (given, signal) => client(given).getOAuthCode({ seamlessData: { userId: 'u' } }, { signal }),
    {
      name: 'a 2xx body that is not JSON is an upstream SnapApiError, not a network error',
      want: (err) => {
        expect(err).toBeInstanceOf(SnapApiError);
        expect(err).toMatchObject({ kind: 'upstream', retryable: false });
      },
    },
  );
});

describe('createSnapClient: logging', () => {
  it('logs each answer with status, code and external id, never the secret, token or signature', async () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'debug' }, { write: (s: string) => lines.push(s) });
    const up = recordingFetch(401, {
      responseCode: '4013000',
      responseMessage: 'Unauthorized. Invalid signature',
    });
    await client({ fetch: up.fetch, logger })
      .getOAuthCode({ seamlessData: { userId: 'u' }, externalId: 'B'.repeat(32) })
      .catch(() => undefined);
    const text = lines.join('');
    expect(text).toContain('"responseCode":"4013000"');
    expect(text).toContain('B'.repeat(32));
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(up.requests[0]!.headers.get('x-signature')!);
  });
});
