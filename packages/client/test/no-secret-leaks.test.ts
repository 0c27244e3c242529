import { inspect } from 'node:util';
import { createLogger } from '@onelink-kit/core';
import {
  type FakeOneLink,
  type FakeReply,
  type FakeResponder,
  merchantBody,
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

  const token: FakeResponder = (_req, n) => ({
    status: 200,
    body: { access_token: `${TOKEN_MARK}-${n}`, token_type: 'Bearer', expires_in: 3600 },
  });
  // Hostile upstreams echo credentials back; the client must scrub them.
  const echoing =
    (status: number, body: (echo: string) => Record<string, string>): FakeResponder =>
    (req) => ({ status, body: body(`you sent ${String(req.headers.authorization)}`) });

  // The token endpoint answers with `token` where a row does not say otherwise.
  it.each<{ given: string; onToken?: FakeResponder; onApi: FakeReply | FakeResponder }>([
    { given: 'success', onApi: 'default' },
    {
      given: 'token endpoint refuses and echoes the secret',
      onToken: (r) => ({
        status: 401,
        body: {
          error: 'invalid_client',
          error_description: `bad secret ${new URLSearchParams(r.text).get('client_secret')}`,
        },
      }),
      onApi: 'default',
    },
    { given: '401 twice', onApi: echoing(401, (echo) => ({ httpCode: '401', httpMessage: echo })) },
    {
      given: 'validation error echoing the token',
      onApi: echoing(400, (echo) => ({ responseCode: '12', responseDescription: echo })),
    },
    {
      given: '503 until the retries run out',
      onApi: echoing(503, (echo) => ({ responseCode: '91', responseDescription: echo })),
    },
    {
      given: '429 until the retries run out',
      onApi: { status: 429, headers: { 'retry-after': '0' }, body: { httpCode: '429', httpMessage: 'x' } },
    },
    { given: 'connection reset', onApi: 'reset' },
    { given: 'timeout', onApi: 'hang' },
  ])('$given', async ({ onToken = token, onApi }) => {
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
