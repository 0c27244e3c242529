import { beforeEach, describe, expect, it } from 'vitest';
import { call, fixture, merchantBody, postJson, qrHeaders, token } from './sim-helpers.js';
import { simPerFile } from './sim-per-file.js';

// What the simulator adds around the behaviours: Prism's Prefer scenarios, latency and faults, the
// request journal and reset, and answers (never crashes) for whatever a client sends.

const file = simPerFile('1link-p2m-qr', { only: ['1link-p2m-qr'], config: { journalSize: 5 } });
beforeEach(async () => {
  await call(`${file.base}/__sim/reset`, { method: 'POST' });
});

describe('Prefer', () => {
  it.each(['rate-limited', 'duplicate-rrn', 'server-error', 'forbidden'])(
    'code + example=%s plays the recording back as Prism does (any token, like Prism)',
    async (scenario) => {
      const recorded = fixture('generateDQRCMerchant', scenario).response;
      const reply = await postJson(
        `${file.base}/generateDQRCMerchant`,
        '{}',
        qrHeaders('any', 'any', { prefer: `code=${recorded.status}, example=${scenario}` }),
      );
      expect(reply.status).toBe(recorded.status);
      expect(reply.body).toEqual(recorded.body);
    },
  );

  it('code alone picks the first recorded answer the spec lists for it', async () => {
    const reply = await postJson(
      `${file.base}/generateDQRCMerchant`,
      '{}',
      qrHeaders('any', 'any', { prefer: 'code=400' }),
    );
    expect(reply.body).toEqual(fixture('generateDQRCMerchant', 'validation-error').response.body);
  });

  it('still checks credentials and the schema first, as Prism does', async () => {
    const noAuth = await postJson(`${file.base}/generateDQRCMerchant`, '{}', {
      'content-type': 'application/json',
      prefer: 'code=429, example=rate-limited',
    });
    expect(noAuth.status).toBe(401);
    const bad = await postJson(
      `${file.base}/generateDQRCMerchant`,
      { info: { rrn: 'x' } },
      qrHeaders('any', 'any', { prefer: 'code=429, example=rate-limited' }),
    );
    expect(bad.status).toBe(400);
  });

  it('says which scenarios exist when the asked one is not recorded', async () => {
    const reply = await postJson(
      `${file.base}/generateDQRCMerchant`,
      '{}',
      qrHeaders('any', 'any', { prefer: 'code=418, example=teapot' }),
    );
    expect(reply.status).toBe(404);
    expect(String(reply.body.message)).toContain('duplicate-rrn (409)');
  });

  it('delay=<ms> answers no sooner than asked', async () => {
    const started = Date.now();
    const reply = await call(`${file.base}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', prefer: 'delay=300' },
      body: 'grant_type=client_credentials&client_id=c&client_secret=s&scope=1LinkApi',
    });
    expect(reply.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });
});

describe('faults, after the request was processed', () => {
  it('fault=reset drops the connection, and the RRN counts as used', async () => {
    const t = await token(file.base);
    const sent = merchantBody(file.sim.clock());
    await expect(
      fetch(`${file.base}/generateDQRCMerchant`, {
        method: 'POST',
        headers: qrHeaders(t, 'client-a', { prefer: 'fault=reset' }),
        body: JSON.stringify(sent),
      }),
    ).rejects.toThrow();
    expect((await postJson(`${file.base}/generateDQRCMerchant`, sent, qrHeaders(t))).status).toBe(409);
  });

  it('fault=malformed sends 200 with half of the JSON', async () => {
    const res = await fetch(`${file.base}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', prefer: 'fault=malformed' },
      body: 'grant_type=client_credentials&client_id=c&client_secret=s&scope=1LinkApi',
    });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text.startsWith('{"access_token":')).toBe(true);
    expect(() => JSON.parse(text)).toThrow();
  });

  it('fault=timeout never answers; the client gives up', async () => {
    const started = Date.now();
    await expect(
      fetch(`${file.base}/oauth2/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', prefer: 'fault=timeout' },
        body: 'grant_type=client_credentials&client_id=c&client_secret=s&scope=1LinkApi',
        signal: AbortSignal.timeout(300),
      }),
    ).rejects.toThrow(/abort|timeout/i);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });
});

describe('journal and reset', () => {
  it('lists the requests with credentials masked, newest last, bounded by SIM_JOURNAL_SIZE', async () => {
    const t = await token(file.base, 'client-a', 'a-client-secret-value');
    for (let i = 0; i < 6; i++)
      await postJson(`${file.base}/generateDQRCMerchant`, merchantBody(file.sim.clock()), qrHeaders(t));
    const reply = await call(`${file.base}/__sim/requests`);
    const requests = reply.body.requests as {
      seq: number;
      operationId: string;
      status: number;
      scenario: string;
    }[];
    expect(requests).toHaveLength(5);
    expect(requests.map((r) => r.seq)).toEqual([3, 4, 5, 6, 7]);
    expect(requests.at(-1)).toMatchObject({
      operationId: 'generateDQRCMerchant',
      status: 200,
      scenario: 'generateDQRCMerchant/success',
    });
    const text = JSON.stringify(reply.body);
    expect(text).not.toContain(t);
    expect(text).not.toContain('a-client-secret-value');
  });

  it('masks the client secret of a token request and the token of its answer', async () => {
    const t = await token(file.base, 'client-a', 'a-client-secret-value');
    const text = JSON.stringify((await call(`${file.base}/__sim/requests`)).body);
    expect(text).toContain('requestToken');
    expect(text).not.toContain('a-client-secret-value');
    expect(text).not.toContain(t);
  });

  it('POST /__sim/reset forgets tokens, RRNs and the journal', async () => {
    const t = await token(file.base);
    const sent = merchantBody(file.sim.clock());
    expect((await postJson(`${file.base}/generateDQRCMerchant`, sent, qrHeaders(t))).status).toBe(200);
    expect((await call(`${file.base}/__sim/reset`, { method: 'POST' })).status).toBe(200);
    expect(((await call(`${file.base}/__sim/requests`)).body.requests as unknown[]).length).toBe(0);
    expect((await postJson(`${file.base}/generateDQRCMerchant`, sent, qrHeaders(t))).status).toBe(401);
    expect(
      (await postJson(`${file.base}/generateDQRCMerchant`, sent, qrHeaders(await token(file.base)))).status,
    ).toBe(200);
  });
});

describe('bad input never crashes the simulator', () => {
  it.each([
    { given: 'malformed JSON', body: '{"merchantDetails":', type: 'application/json', field: '' },
    { given: 'a wrong content type', body: 'a=b', type: 'text/plain', field: 'content-type' },
    {
      given: 'a body over the gateway limit (16 KiB)',
      body: JSON.stringify({ x: 'y'.repeat(40_000) }),
      type: 'application/json',
      field: '',
    },
    { given: 'JSON that is not an object', body: '[1,2,3]', type: 'application/json', field: '' },
    { given: 'null', body: 'null', type: 'application/json', field: '' },
  ])('answers $given with the recorded validation-error', async ({ body, type }) => {
    const t = await token(file.base);
    const reply = await postJson(
      `${file.base}/generateDQRCMerchant`,
      body,
      qrHeaders(t, 'client-a', { 'content-type': type }),
    );
    expect(reply.status).toBe(400);
    expect(reply.body.responseCode).toBe('12');
    expect(reply.headers.get('sl-violations')).toBeTruthy();
    // Still serving afterwards.
    expect((await call(`${file.base}/__sim/requests`)).status).toBe(200);
  });

  it('answers an unknown path with 404 naming what it serves', async () => {
    const reply = await call(`${file.base}/generateDQRC`);
    expect(reply.status).toBe(404);
    expect(String(reply.body.message)).toContain('POST /generateDQRCMerchant');
  });
});
