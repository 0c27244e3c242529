import { inspect } from 'node:util';
import { createLogger } from '@onelink-kit/core';
import {
  type FakeOneLink,
  type FakeReply,
  merchantBody,
  type SeenRequest,
  startFakeOneLink,
} from '@onelink-kit/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOneLinkClient, type OneLinkHooks } from '../src/index.js';

describe('a canary secret never leaks', () => {
  const SECRET = 'canary-client-secret-7f3a9c1e5b';
  const TOKEN_MARK = 'canary-access-token-d41d8cd98f';
  let upstream: FakeOneLink;
  beforeEach(async () => {
    upstream = await startFakeOneLink();
  });
  afterEach(async () => {
    await upstream.stop();
  });

  const token = (_req: SeenRequest, n: number): FakeReply => ({
    status: 200,
    body: { access_token: `${TOKEN_MARK}-${n}`, token_type: 'Bearer', expires_in: 3600 },
  });
  // Hostile upstreams echo credentials back; the client must scrub them.
  const echoAuth = (req: SeenRequest) => `you sent ${String(req.headers.authorization)}`;

  it.each([
    { given: 'success', onToken: token, onApi: (_r: SeenRequest): FakeReply => 'default' },
    {
      given: 'token endpoint refuses and echoes the secret',
      onToken: (r: SeenRequest): FakeReply => ({
        status: 401,
        body: {
          error: 'invalid_client',
          error_description: `bad secret ${new URLSearchParams(r.text).get('client_secret')}`,
        },
      }),
      onApi: (_r: SeenRequest): FakeReply => 'default',
    },
    {
      given: '401 twice',
      onToken: token,
      onApi: (r: SeenRequest): FakeReply => ({
        status: 401,
        body: { httpCode: '401', httpMessage: echoAuth(r) },
      }),
    },
    {
      given: 'validation error echoing the token',
      onToken: token,
      onApi: (r: SeenRequest): FakeReply => ({
        status: 400,
        body: { responseCode: '12', responseDescription: echoAuth(r) },
      }),
    },
    {
      given: '503 until the retries run out',
      onToken: token,
      onApi: (r: SeenRequest): FakeReply => ({
        status: 503,
        body: { responseCode: '91', responseDescription: echoAuth(r) },
      }),
    },
    {
      given: '429 until the retries run out',
      onToken: token,
      onApi: (): FakeReply => ({
        status: 429,
        headers: { 'retry-after': '0' },
        body: { httpCode: '429', httpMessage: 'x' },
      }),
    },
    { given: 'connection reset', onToken: token, onApi: (): FakeReply => 'reset' },
    { given: 'timeout', onToken: token, onApi: (): FakeReply => 'hang' },
  ])('$given', async ({ onToken, onApi }) => {
    upstream.always('token', onToken);
    upstream.always('qr', onApi);

    const lines: string[] = [];
    const events: string[] = [];
    const logger = createLogger({ level: 'trace' }, { write: (line: string) => void lines.push(line) });
    const record = (e: unknown) => void events.push(JSON.stringify(e));
    const hooks: OneLinkHooks = { onRequest: record, onResponse: record, onError: record };
    const client = createOneLinkClient({
      baseUrl: `${upstream.url}/1Link`,
      tokenUrl: upstream.tokenUrl,
      clientId: 'canary-client-id',
      clientSecret: async () => SECRET,
      timeoutMs: 1000,
      retry: { maxAttempts: 2, sleep: async () => {} },
      logger,
      hooks,
    });

    const outcome = await client.generateDQRCMerchant(merchantBody()).catch((e: unknown) => e);
    // Something must have been recorded, or the assertions below prove nothing.
    expect(lines.length).toBeGreaterThan(0);
    expect(events.length).toBeGreaterThan(0);
    const texts = [...lines, ...events];
    if (outcome instanceof Error) {
      texts.push(outcome.message, String(outcome), JSON.stringify(outcome), inspect(outcome, { depth: 6 }));
    } else {
      texts.push(JSON.stringify(outcome));
    }
    for (const text of texts) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(TOKEN_MARK);
    }
    // The upstream did receive them: the test would notice if the canary were never used.
    expect(upstream.requests('token')[0]?.text).toContain(SECRET);
  });
});
