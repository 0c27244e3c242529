import { checkAgainstRequest, toRaastP2M, verify } from '@onelink-kit/emvqr';
import { withField } from '@onelink-kit/testkit';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  aggregatorBody,
  fixture,
  merchantBody,
  postJson,
  qrHeaders,
  startTestSim,
  token,
} from './sim-helpers.js';
import { simPerFile } from './sim-per-file.js';

// The simulated 1LINK QR API over HTTP: tokens, QR payloads made from the request, duplicate RRNs,
// the plan's rate limit; each answer shaped like its recorded fixture.

const file = simPerFile('1link-p2m-qr', { config: { tokenTtlS: 60, rateLimitPerS: undefined } });
beforeEach(() => file.sim.state.reset());

describe('OAuth token', () => {
  it('issues a different random token each time, living SIM_TOKEN_TTL_S seconds', async () => {
    const [a, b] = [await token(file.base), await token(file.base)];
    expect(a).not.toBe(b);
    expect(a).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const reply = await postJson(
      `${file.base}/oauth2/token`,
      'grant_type=client_credentials&client_id=c&client_secret=s&scope=1LinkApi',
      {
        'content-type': 'application/x-www-form-urlencoded',
      },
    );
    const recorded = fixture('requestToken', 'success').response.body;
    expect(Object.keys(reply.body).sort()).toEqual(Object.keys(recorded).sort());
    expect(reply.body).toMatchObject({ token_type: 'Bearer', expires_in: 60, scope: '1LinkApi' });
  });

  it.each([
    { given: 'an unknown token', token: () => 'not-issued-by-the-simulator', advance: 0 },
    { given: 'an expired token', token: () => token(file.base), advance: 61_000 },
    { given: "another client's token", token: () => token(file.base, 'client-b'), advance: 0 },
  ])('$given gets the recorded unauthorized answer', async ({ token: make, advance }) => {
    const t = await make();
    file.sim.advance(advance);
    const reply = await postJson(
      `${file.base}/generateDQRCMerchant`,
      merchantBody(file.sim.clock()),
      qrHeaders(t),
    );
    expect(reply.status).toBe(401);
    expect(reply.body).toEqual(fixture('generateDQRCMerchant', 'unauthorized').response.body);
  });

  it('refuses a request without X-IBM-Client-Id or bearer token with the recorded 401', async () => {
    const t = await token(file.base);
    const variants: Record<string, string>[] = [
      { 'content-type': 'application/json', authorization: `Bearer ${t}` },
      { 'content-type': 'application/json', 'x-ibm-client-id': 'client-a' },
    ];
    for (const headers of variants) {
      const reply = await postJson(
        `${file.base}/generateDQRCMerchant`,
        merchantBody(file.sim.clock()),
        headers,
      );
      expect(reply.status).toBe(401);
      expect(reply.body.httpCode).toBe('401');
    }
  });

  it('answers a token request breaking the spec with 400 naming the field', async () => {
    const reply = await postJson(
      `${file.base}/oauth2/token`,
      'grant_type=client_credentials&client_id=c&scope=1LinkApi',
      {
        'content-type': 'application/x-www-form-urlencoded',
      },
    );
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ error: 'invalid_request' });
    expect(String(reply.body.error_description)).toContain('client_secret');
  });
});

describe('QR generation', () => {
  it.each([
    {
      kind: 'merchant',
      op: 'generateDQRCMerchant',
      body: (now: number) => merchantBody(now, { amount: 9999 }),
    },
    { kind: 'aggregator', op: 'generateDQRCAggregator', body: (now: number) => aggregatorBody(now) },
  ])(
    'builds the $kind QR from the request: it verifies and matches it, stan/rrn/expiry echoed',
    async ({ op, body }) => {
      const t = await token(file.base);
      const sent = body(file.sim.clock()) as Parameters<typeof checkAgainstRequest>[1];
      const reply = await postJson(`${file.base}/${op}`, sent, qrHeaders(t));
      expect(reply.status).toBe(200);
      const qr = String(reply.body.qrString);
      expect(verify(qr).problems).toEqual([]);
      expect(checkAgainstRequest(toRaastP2M(qr), sent)).toEqual([]);
      const info =
        op === 'generateDQRCMerchant'
          ? (sent as { info: object }).info
          : (sent as { payerDetails: { info: object } }).payerDetails.info;
      expect(reply.body).toMatchObject(info);
      const payment =
        op === 'generateDQRCMerchant'
          ? (sent as { paymentDetails: { expiryDateTime: string } }).paymentDetails
          : (sent as { payerDetails: { paymentDetails: { expiryDateTime: string } } }).payerDetails
              .paymentDetails;
      expect(reply.body.expiryDateTime).toBe(payment.expiryDateTime);
      expect(Object.keys(reply.body).sort()).toEqual(
        Object.keys(fixture(op, 'success').response.body).sort(),
      );
      expect(reply.headers.get('x-global-transaction-id')).toMatch(/^sim-[0-9a-f]{16}$/);
    },
  );

  it('puts the requested amount in tag 54 (9,999 → "9999.00")', async () => {
    const t = await token(file.base);
    const reply = await postJson(
      `${file.base}/generateDQRCMerchant`,
      merchantBody(file.sim.clock(), { amount: 9999 }),
      qrHeaders(t),
    );
    expect(toRaastP2M(String(reply.body.qrString)).amount?.text).toBe('9999.00');
  });

  it('refuses an aggregator merchant 1LINK has not registered, naming merchantID', async () => {
    const t = await token(file.base);
    const sent = aggregatorBody(file.sim.clock()) as { merchantDetails: { merchantID: string } };
    sent.merchantDetails.merchantID = 'AGG9999999';
    const reply = await postJson(`${file.base}/generateDQRCAggregator`, sent, qrHeaders(t));
    expect(reply.status).toBe(400);
    expect(reply.body.responseCode).toBe('12');
    expect(reply.headers.get('sl-violations')).toContain('merchantID');
  });

  it('answers the same RRN a second time in a PKT day with the recorded duplicate-rrn, per client id', async () => {
    const [a, b] = [await token(file.base, 'client-a'), await token(file.base, 'client-b')];
    const sent = merchantBody(file.sim.clock()) as { info: { stan: string; rrn: string } };
    const first = await postJson(`${file.base}/generateDQRCMerchant`, sent, qrHeaders(a, 'client-a'));
    const again = await postJson(`${file.base}/generateDQRCMerchant`, sent, qrHeaders(a, 'client-a'));
    const otherClient = await postJson(`${file.base}/generateDQRCMerchant`, sent, qrHeaders(b, 'client-b'));
    expect([first.status, again.status, otherClient.status]).toEqual([200, 409, 200]);
    expect(again.body).toEqual({
      ...fixture('generateDQRCMerchant', 'duplicate-rrn').response.body,
      ...sent.info,
    });
  });

  it('accepts the RRN again on the next PKT day', async () => {
    const rrn = '555000000001';
    // A fresh token each time: the first has expired by the next day.
    const create = async () =>
      postJson(
        `${file.base}/generateDQRCMerchant`,
        merchantBody(file.sim.clock(), { rrn }),
        qrHeaders(await token(file.base)),
      );
    expect((await create()).status).toBe(200);
    file.sim.advance(24 * 3600_000);
    expect((await create()).status).toBe(200);
  });

  it.each([
    { given: 'an RRN of 11 digits', field: 'info.rrn', value: '12345678901' },
    { given: 'an unknown property', field: 'paymentDetails.tip', value: 5 },
    { given: 'an expiry in the past', field: 'paymentDetails.expiryDateTime', value: '2020-01-01T00:00:00' },
    { given: 'an amount of 0', field: 'paymentDetails.instructedAmount', value: 0 },
    // Named in the header even so: escaped in its JSON, as a header carries only ASCII safely.
    {
      given: 'a property named in characters no header may carry',
      field: 'paymentDetails.tïp😀\u007f',
      value: 5,
    },
  ])('answers $given with the recorded validation-error naming $field', async ({ field, value }) => {
    const t = await token(file.base);
    const sent = withField(merchantBody(file.sim.clock()), field, value);
    const reply = await postJson(`${file.base}/generateDQRCMerchant`, sent, qrHeaders(t));
    expect(reply.status).toBe(400);
    expect(reply.body.responseCode).toBe(
      fixture('generateDQRCMerchant', 'validation-error').response.body.responseCode,
    );
    const violations = JSON.parse(reply.headers.get('sl-violations') ?? '[]') as { location: string[] }[];
    expect(violations.map((v) => v.location.slice(2).join('.'))).toContain(field);
  });
});

describe('plan rate limit (SIM_RATE_LIMIT)', () => {
  it('answers more than the limit per second per client id with the recorded rate-limited and Retry-After', async () => {
    const limited = await startTestSim({ config: { rateLimitPerS: 2 }, only: ['1link-p2m-qr'] });
    try {
      const url = limited.url('1link-p2m-qr');
      const [a, b] = [await token(url, 'client-a'), await token(url, 'client-b')];
      const send = (t: string, client: string) =>
        postJson(`${url}/generateDQRCMerchant`, merchantBody(limited.clock()), qrHeaders(t, client));
      const burst = await Promise.all([
        send(a, 'client-a'),
        send(a, 'client-a'),
        send(a, 'client-a'),
        send(a, 'client-a'),
        send(b, 'client-b'),
      ]);
      const statuses = burst.map((r) => r.status);
      const limitedReplies = burst.filter((r) => r.status === 429);
      // Four requests of client-a in (at most) two one-second windows: at least one is over the limit of 2.
      expect(limitedReplies.length).toBeGreaterThanOrEqual(1);
      expect(statuses[4]).toBe(200);
      for (const r of limitedReplies) {
        expect(r.body).toEqual(fixture('generateDQRCMerchant', 'rate-limited').response.body);
        expect(Number(r.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      }
    } finally {
      await limited.stop();
    }
  });
});
