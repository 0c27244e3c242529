import { createHash } from 'node:crypto';
import { document } from '@onelink-kit/generated/gateway';
import {
  decodeQrPng,
  type FakeOneLink,
  type FakeReply,
  gatewayProblem,
  oneLinkExample,
  startFakeOneLink,
} from '@onelink-kit/testkit';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import request from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  API_KEY,
  aggregatorRequest,
  merchantRequest,
  OTHER_KEY,
  startTestGateway,
} from '../support/gateway-harness.js';

// The gateway against a local fake 1LINK that builds each QR from the request it receives (so
// a correct gateway sees no mismatch) and counts calls. Prism-backed end-to-end tests are in
// the root test/gateway/.

type Gateway = Awaited<ReturnType<typeof startTestGateway>>;
interface SentBody {
  info?: unknown;
  contactDetails?: unknown;
  paymentDetails?: Record<string, unknown>;
  payerDetails?: { info?: unknown; paymentDetails?: Record<string, unknown> };
}
const HASHED_KEY = 'hashed-key-0123456789abcdef';
const HASHED_ENTRY = `sha256:${createHash('sha256').update(HASHED_KEY).digest('hex')}`;

let fake: FakeOneLink;
let gw: Gateway;
const bearer = { Authorization: `Bearer ${API_KEY}` };

beforeAll(async () => {
  fake = await startFakeOneLink({ tokenPrefix: 'fake-token-' });
  gw = await startTestGateway(fake.url, {
    GATEWAY_API_KEYS: `${API_KEY},${OTHER_KEY},${HASHED_ENTRY}`,
    ONELINK_TIMEOUT_MS: '800',
  });
});
afterAll(async () => {
  await gw?.cleanup();
  await fake?.stop();
});
beforeEach(() => {
  fake.clearFaults();
});

function api() {
  return request(gw.url);
}

/** A create as the shop with an Idempotency-Key (the merchant request unless another body is given). */
function createWithKey(key: string, body: object = merchantRequest, path = '/v1/qr/merchant') {
  return api().post(path).set(bearer).set('Idempotency-Key', key).send(body);
}

function upstreamCalls(): number {
  return fake.calls.merchant + fake.calls.aggregator;
}

describe('POST /v1/qr/merchant', () => {
  it('creates a QR: 201, Location, STAN/RRN from the store, decoded fields matching the request', async () => {
    const before = fake.bodies.length;
    const res = await api().post('/v1/qr/merchant').set(bearer).send(merchantRequest).expect(201);
    expect(res.headers.location).toBe(`/v1/qr/${res.body.id}`);
    expect(res.headers['x-request-id']).toMatch(/.+/);
    expect(res.body).toMatchObject({
      kind: 'merchant',
      status: 'succeeded',
      amount: 310,
      currency: 'PKR',
      merchantId: 'MER0000123',
      reference: 'order-1001',
      upstream: { httpStatus: 200, responseCode: '00', responseDescription: 'Processed OK' },
      qr: {
        decoded: {
          merchantName: 'Karachi Chai Corner',
          merchantCity: 'Karachi',
          amount: '310.00',
          iban: 'PK36SCBL0000001123456702',
          referenceLabel: res.body.rrn,
          terminalLabel: '0001',
        },
        check: { ok: true, mismatches: [] },
      },
      links: { png: `/v1/qr/${res.body.id}/image.png`, svg: `/v1/qr/${res.body.id}/image.svg` },
    });
    expect(res.body.id).toMatch(/^qr_[0-9a-f]{32}$/);
    expect(res.body.rrn).toMatch(/^\d{12}$/);
    // rrn = yyDDD + 7-digit daily sequence; stan = that sequence within 6 digits.
    expect(Number(res.body.rrn.slice(5))).toBe(Number(res.body.stan));

    const sent = fake.bodies[before] as SentBody;
    expect(sent.info).toEqual({ stan: res.body.stan, rrn: res.body.rrn });
    expect(sent.paymentDetails).toMatchObject({
      instructedAmount: 310,
      transactionType: 'P2M',
      expiryDateTime: res.body.expiresAt,
    });
    const lead = Date.parse(res.body.expiresAtUtc) - Date.parse(res.body.createdAt);
    expect(lead).toBeGreaterThan(890_000);
    expect(lead).toBeLessThanOrEqual(900_000);

    const row = await gw.store.findById(res.body.id);
    expect(row).toMatchObject({
      status: 'succeeded',
      rrn: res.body.rrn,
      qrMismatch: false,
      responseStatus: 201,
    });
    expect(row?.request).toEqual(sent);
  });

  it('the shortest relative expiry (120 s) is accepted and sent', async () => {
    const res = await api()
      .post('/v1/qr/merchant')
      .set(bearer)
      .send({ ...merchantRequest, expiresInSeconds: 120 })
      .expect(201);
    expect(Date.parse(res.body.expiresAtUtc) - Date.parse(res.body.createdAt)).toBeGreaterThan(115_000);
  });

  it('passes an absolute expiresAt through unchanged', async () => {
    const expiresAt = pktIn(30 * 60_000);
    const { expiresInSeconds: _, ...rest } = merchantRequest;
    const res = await api()
      .post('/v1/qr/merchant')
      .set(bearer)
      .send({ ...rest, expiresAt })
      .expect(201);
    expect(res.body.expiresAt).toBe(expiresAt);
    expect(res.body.qr.decoded.expiresAt).toBe(expiresAt);
  });
});

describe('POST /v1/qr/aggregator', () => {
  it('creates a QR with paymentDetails and info nested in payerDetails, as 1LINK expects', async () => {
    const before = fake.bodies.length;
    const res = await api().post('/v1/qr/aggregator').set(bearer).send(aggregatorRequest).expect(201);
    expect(res.body).toMatchObject({
      kind: 'aggregator',
      status: 'succeeded',
      merchantId: 'AGG0000456',
      qr: { decoded: { merchantName: 'Lahore Book Depot', terminalLabel: '0001' }, check: { ok: true } },
    });
    const sent = fake.bodies[before] as SentBody;
    expect(sent.payerDetails?.info).toEqual({ stan: res.body.stan, rrn: res.body.rrn });
    expect(sent.payerDetails?.paymentDetails).toMatchObject({
      instructedAmount: 310,
      transactionType: 'P2M',
    });
    expect(sent.paymentDetails).toBeUndefined();
    expect(sent.contactDetails).toEqual({ merchantChannelId: 'AGGREGATOR-APP-01' });
  });
});

describe('request validation: 400 problem naming the field, nothing sent upstream, no row', () => {
  const { expiresInSeconds: _drop, ...noExpiry } = merchantRequest;
  const cases = [
    {
      name: 'amount not an integer',
      body: { ...merchantRequest, amount: '310' },
      field: 'body.amount',
      rule: 'type',
    },
    { name: 'amount zero', body: { ...merchantRequest, amount: 0 }, field: 'body.amount', rule: 'minimum' },
    {
      name: 'unknown property',
      body: { ...merchantRequest, tip: 5 },
      field: 'body.tip',
      rule: 'additionalProperties',
    },
    {
      name: 'IBAN too long',
      body: {
        ...merchantRequest,
        merchantDetails: { ...merchantRequest.merchantDetails, iban: 'P'.repeat(25) },
      },
      field: 'body.merchantDetails.iban',
      rule: 'maxLength',
    },
    {
      name: 'missing merchantDetails',
      body: { amount: 310, expiresInSeconds: 900 },
      field: 'body.merchantDetails',
      rule: 'required',
    },
    {
      name: 'additionalRequiredDetails letters',
      body: { ...merchantRequest, payerDetails: { additionalRequiredDetails: 'X' } },
      field: 'body.payerDetails.additionalRequiredDetails',
      rule: 'pattern',
    },
    { name: 'no expiry', body: noExpiry, field: 'body.expiresAt', rule: 'exactly-one-of' },
    {
      name: 'both expiries',
      body: { ...merchantRequest, expiresAt: pktIn(600_000) },
      field: 'body.expiresAt',
      rule: 'exactly-one-of',
    },
    {
      name: 'expiry in the past (1LINK rule from the client library)',
      body: { ...noExpiry, expiresAt: '2020-01-01T00:00:00' },
      field: 'body.expiresAt',
      rule: 'min-lead',
    },
    {
      name: 'expiry only just past the minimum lead (inside the safety margin)',
      body: { ...noExpiry, expiresAt: pktIn(60_500) },
      field: 'body.expiresAt',
      rule: 'min-lead',
    },
    {
      name: 'expiry beyond the window',
      body: { ...noExpiry, expiresAt: pktIn(3 * 24 * 3600_000) },
      field: 'body.expiresAt',
      rule: 'max-window',
    },
    {
      name: 'expiresInSeconds below the schema minimum',
      body: { ...merchantRequest, expiresInSeconds: 5 },
      field: 'body.expiresInSeconds',
      rule: 'minimum',
    },
  ];
  it.each(cases)('$name → $field ($rule)', async ({ body, field, rule }) => {
    const calls = upstreamCalls();
    const rows = await countRows();
    const res = await api().post('/v1/qr/merchant').set(bearer).send(body).expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ type: 'urn:onelink-kit:problem:validation', status: 400 });
    expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field, rule })]));
    expect(upstreamCalls()).toBe(calls);
    expect(await countRows()).toBe(rows);
  });

  it('a malformed Idempotency-Key is a header error', async () => {
    const res = await api()
      .post('/v1/qr/merchant')
      .set(bearer)
      .set('Idempotency-Key', 'has space')
      .send(merchantRequest)
      .expect(400);
    expect(res.body.errors[0]).toMatchObject({ field: 'header.idempotency-key', rule: 'pattern' });
  });

  const transport = [
    {
      name: 'malformed JSON',
      type: 'application/json',
      body: '{"amount":',
      status: 400,
      problem: 'validation',
    },
    {
      name: 'not JSON',
      type: 'text/plain',
      body: 'hello',
      status: 415,
      problem: 'unsupported-media-type',
      detail: 'POST /v1/qr/merchant: unsupported media type text/plain.',
    },
    {
      name: 'over 16 KiB',
      type: 'application/json',
      body: JSON.stringify({ ...merchantRequest, reference: 'x'.repeat(17_000) }),
      status: 413,
      problem: 'payload-too-large',
    },
  ];
  it.each(transport)('$name → $status $problem', async ({ type, body, status, problem, ...want }) => {
    const res = await api().post('/v1/qr/merchant').set(bearer).set('Content-Type', type).send(body);
    expect(res.status).toBe(status);
    expect(res.body.type).toBe(`urn:onelink-kit:problem:${problem}`);
    if ('detail' in want) expect(res.body.detail).toBe(want.detail);
  });

  // Routes and methods the spec does not have: the detail names the request, not a mangled path.
  const routing = [
    {
      given: ['DELETE', '/v1/qr/merchant'],
      want: { status: 405, detail: 'DELETE is not allowed on /v1/qr/merchant.' },
    },
    { given: ['GET', '/v1/nope'], want: { status: 404, detail: 'No route GET /v1/nope.' } },
  ] as const;
  it.each(routing)('$given.0 $given.1 → $want.status', async ({ given: [method, path], want }) => {
    const res = await api()[method === 'DELETE' ? 'delete' : 'get'](path).set(bearer);
    expect(res.status).toBe(want.status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.detail).toBe(want.detail);
  });
});

describe('authentication', () => {
  const cases = [
    { name: 'no key', headers: {}, want: 401 },
    { name: 'wrong bearer key', headers: { Authorization: 'Bearer wrong-key-0123456789abcdef' }, want: 401 },
    { name: 'Basic scheme', headers: { Authorization: `Basic ${API_KEY}` }, want: 401 },
    { name: 'bearer raw key', headers: { Authorization: `Bearer ${API_KEY}` }, want: 201 },
    { name: 'X-API-Key', headers: { 'X-API-Key': OTHER_KEY }, want: 201 },
    { name: 'key configured as sha256:<hex>', headers: { 'X-API-Key': HASHED_KEY }, want: 201 },
    { name: 'the sha256 entry itself is not a key', headers: { 'X-API-Key': HASHED_ENTRY }, want: 401 },
  ];
  it.each(cases)('$name → $want', async ({ headers, want }) => {
    const res = await api().post('/v1/qr/merchant').set(headers).send(merchantRequest);
    expect(res.status).toBe(want);
    if (want === 401) {
      expect(res.body.type).toBe('urn:onelink-kit:problem:unauthenticated');
      expect(res.headers['www-authenticate']).toBe('Bearer realm="onelink-gateway"');
    }
  });

  it('401 comes before validation: an invalid body without a key never reaches the validator', async () => {
    const res = await api().post('/v1/qr/merchant').send({ nonsense: true }).expect(401);
    expect(res.body.type).toBe('urn:onelink-kit:problem:unauthenticated');
  });

  const reads = ['/v1/qr/qr_00000000000000000000000000000000', '/v1/transactions'];
  it.each(reads)('GET %s needs a key', async (path) => {
    await api().get(path).expect(401);
  });

  const open = ['/healthz', '/readyz', '/metrics'];
  it.each(open)('GET %s needs none', async (path) => {
    await api().get(path).expect(200);
  });

  it('never logs API keys, the client secret or the 1LINK token', async () => {
    await api().post('/v1/qr/merchant').set('X-API-Key', OTHER_KEY).send(merchantRequest).expect(201);
    await api().get('/v1/transactions').set('Authorization', 'Bearer wrong-key-0123456789abcdef').expect(401);
    const text = gw.logs.join('');
    expect(text.length).toBeGreaterThan(0);
    for (const secret of [
      API_KEY,
      OTHER_KEY,
      HASHED_KEY,
      'wrong-key-0123456789abcdef',
      'test-client-secret-value',
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(text).not.toMatch(/fake-token-\d/);
  });
});

describe('idempotency', () => {
  it('same key, same body: the stored response, Idempotent-Replayed, no second upstream call', async () => {
    const key = `seq-${Date.now()}`;
    const first = await createWithKey(key);
    expect(first.status).toBe(201);
    const calls = upstreamCalls();
    // Same body with keys in another order is the same request.
    const reordered = Object.fromEntries(Object.entries(merchantRequest).reverse());
    const again = await createWithKey(key, reordered);
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.headers.location).toBe(first.headers.location);
    expect(again.body).toEqual(first.body);
    expect(upstreamCalls()).toBe(calls);
  });

  it('same key, different body: 422 and the original stays untouched', async () => {
    const key = `diff-${Date.now()}`;
    const first = await createWithKey(key);
    const calls = upstreamCalls();
    const res = await createWithKey(key, { ...merchantRequest, amount: 311 }).expect(422);
    expect(res.body).toMatchObject({
      type: 'urn:onelink-kit:problem:idempotency-key-reused',
      transactionId: first.body.id,
      errors: [{ field: 'header.Idempotency-Key', rule: 'same-body' }],
    });
    expect(upstreamCalls()).toBe(calls);
  });

  it('the same key on the other endpoint is a different body: 422', async () => {
    const key = `cross-${Date.now()}`;
    await createWithKey(key).expect(201);
    await createWithKey(key, aggregatorRequest, '/v1/qr/aggregator').expect(422);
  });

  it('keys are scoped per API key: another caller with the same key gets a new transaction', async () => {
    const key = `scope-${Date.now()}`;
    const a = await createWithKey(key);
    const b = await api()
      .post('/v1/qr/merchant')
      .set('X-API-Key', OTHER_KEY)
      .set('Idempotency-Key', key)
      .send(merchantRequest);
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.body.id).not.toBe(a.body.id);
    expect(b.body.rrn).not.toBe(a.body.rrn);
  });

  it('concurrent requests with one key: one upstream call, every caller gets the same transaction', async () => {
    fake.always('qr', { delayMs: 150 });
    const key = `conc-${Date.now()}`;
    const calls = upstreamCalls();
    const results = await Promise.all(Array.from({ length: 12 }, () => createWithKey(key)));
    expect(results.map((r) => r.status)).toEqual(Array(12).fill(201));
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    expect(results.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(11);
    expect(upstreamCalls() - calls).toBe(1);
  });

  it('an error outcome is replayed too (no second call for a rejected request)', async () => {
    fake.always('qr', rejection(400, '13', 'Invalid amount'));
    const key = `err-${Date.now()}`;
    const first = await createWithKey(key);
    expect(first.status).toBe(422);
    const calls = upstreamCalls();
    fake.clearFaults();
    const again = await createWithKey(key);
    expect(again.status).toBe(422);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.transactionId).toBe(first.body.transactionId);
    expect(upstreamCalls()).toBe(calls);
  });
});

describe('upstream outcomes: stored with the right status, answered from the catalogue', () => {
  const cases = [
    {
      name: '12 validation',
      reply: rejection(400, '12', 'Invalid transaction / request field'),
      status: 422,
      problem: 'upstream-rejected',
      stored: 'rejected',
      attempts: 1,
    },
    {
      name: '13 invalid amount',
      reply: rejection(400, '13', 'Invalid amount'),
      status: 422,
      problem: 'upstream-rejected',
      stored: 'rejected',
      attempts: 1,
    },
    {
      name: '94 duplicate RRN (never retried)',
      reply: rejection(409, '94', 'Duplicate transmission (duplicate RRN)'),
      status: 409,
      problem: 'upstream-duplicate-rrn',
      stored: 'rejected',
      attempts: 1,
    },
    {
      name: '91 switch inoperative (retried once, then failed)',
      reply: rejection(503, '91', 'Switch or issuer inoperative'),
      status: 503,
      problem: 'upstream-unavailable',
      stored: 'failed',
      attempts: 2,
    },
    {
      name: '96 system malfunction (may exist upstream)',
      reply: rejection(500, '96', 'System malfunction'),
      status: 502,
      problem: 'upstream-error',
      stored: 'unknown',
      attempts: 1,
    },
    {
      name: '401 twice (token refresh did not help)',
      reply: {
        status: 401,
        body: { httpCode: '401', httpMessage: 'Unauthorized', moreInformation: 'x' },
      },
      status: 502,
      problem: 'upstream-auth',
      stored: 'failed',
      attempts: 2,
    },
    {
      name: '429 rate limited',
      reply: {
        status: 429,
        body: { httpCode: '429', httpMessage: 'Too Many Requests', moreInformation: 'Rate Limit exceeded' },
        headers: { 'retry-after': '30' },
      },
      status: 429,
      problem: 'upstream-rate-limited',
      stored: 'failed',
      attempts: 1,
    },
    {
      name: 'no answer (timeout)',
      reply: 'hang' as FakeReply,
      status: 504,
      problem: 'upstream-timeout',
      stored: 'unknown',
      attempts: 1,
    },
  ];
  it.each(cases)(
    '$name → $status $problem, row $stored',
    async ({ reply, status, problem, stored, attempts }) => {
      fake.always('qr', reply);
      const calls = upstreamCalls();
      const res = await api().post('/v1/qr/merchant').set(bearer).send(merchantRequest);
      expect(res.status).toBe(status);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({
        type: `urn:onelink-kit:problem:${problem}`,
        status,
        transactionStatus: stored,
      });
      expect(res.body.rrn).toMatch(/^\d{12}$/);
      expect(upstreamCalls() - calls).toBe(attempts);
      if (status === 429) expect(res.headers['retry-after']).toBe('30');

      // 1LINK's own answer is stored, not only the client's summary of it.
      const row = await gw.store.findById(res.body.transactionId);
      if (typeof reply === 'object' && 'body' in reply) {
        expect(row?.upstreamResponse).toMatchObject({ httpStatus: reply.status, body: reply.body });
      }

      const view = await api().get(`/v1/qr/${res.body.transactionId}`).set(bearer).expect(200);
      expect(view.body).toMatchObject({ status: stored, rrn: res.body.rrn });
      expect(view.body.qr).toBeUndefined();
      expect(view.body.links.png).toBeUndefined();
      await api().get(`/v1/qr/${res.body.transactionId}/image.png`).set(bearer).expect(409);
    },
  );

  it('a QR that disagrees with the request is stored and reported, never passed on as a success', async () => {
    // The 1LINK spec's example QR: someone else's RRN and expiry. The RRN is what 1LINK settles by,
    // so the QR is refused (upstream-qr-mismatch); the stored check keeps every difference.
    const { qrString } = oneLinkExample('MerchantQrSuccess');
    fake.always('qr', (req) => ({ status: 200, body: { ...fake.successBody(req), qrString } }));
    const res = await api().post('/v1/qr/merchant').set(bearer).send(merchantRequest).expect(502);
    expect(res.body).toMatchObject(gatewayProblem('ProblemUpstreamQrMismatch'));
    expect(res.body.mismatches.map((m: { field: string }) => m.field)).toContain('info.rrn');
    const row = await gw.store.findById(res.body.transactionId);
    expect(row?.qrMismatch).toBe(true);
    expect(row?.status).toBe('mismatched');
    const check = row?.qrCheck as { ok: boolean; mismatches: Array<{ field: string }> };
    expect(check.ok).toBe(false);
    const fields = check.mismatches.map((m) => m.field);
    expect(fields).toEqual(expect.arrayContaining(['info.rrn', 'paymentDetails.expiryDateTime']));
    const metrics = await api().get('/metrics').expect(200);
    expect(metrics.text).toMatch(/gateway_qr_mismatches_total\{kind="merchant"\} [1-9]/);
  });

  it('an unreadable QR payload is a 502, with the answer kept for reconciliation', async () => {
    fake.always('qr', (req) => ({
      status: 200,
      body: { ...fake.successBody(req), qrString: '000201010212630400' },
    }));
    const res = await api().post('/v1/qr/merchant').set(bearer).send(merchantRequest).expect(502);
    expect(res.body).toMatchObject(gatewayProblem('ProblemUpstreamQrMismatch'));
    const row = await gw.store.findById(res.body.transactionId);
    expect(row).toMatchObject({ status: 'mismatched', qrMismatch: true, qrString: '000201010212630400' });
  });
});

describe('GET /v1/qr/{id} and images', () => {
  let created: { id: string; qr: { payload: string } };
  beforeAll(async () => {
    fake.clearFaults();
    created = (await api().post('/v1/qr/merchant').set(bearer).send(merchantRequest).expect(201)).body;
  });

  it('returns the stored transaction', async () => {
    const res = await api().get(`/v1/qr/${created.id}`).set(bearer).expect(200);
    expect(res.body).toEqual(created);
  });

  const misses = [
    { path: `/v1/qr/qr_${'a'.repeat(32)}`, status: 404, problem: 'not-found' },
    { path: '/v1/qr/not-an-id', status: 400, problem: 'validation' },
    { path: `/v1/qr/qr_${'a'.repeat(32)}/image.png`, status: 404, problem: 'not-found' },
    { path: `/v1/qr/qr_${'a'.repeat(32)}/image.svg`, status: 404, problem: 'not-found' },
    { path: '/v1/nothing-here', status: 404, problem: 'not-found' },
  ];
  it.each(misses)('$path → $status', async ({ path, status, problem }) => {
    const res = await api().get(path).set(bearer).expect(status);
    expect(res.body.type).toBe(`urn:onelink-kit:problem:${problem}`);
  });

  it('PNG decodes back to the payload', async () => {
    const res = await api()
      .get(`/v1/qr/${created.id}/image.png?scale=4`)
      .set(bearer)
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(decodeQrPng(res.body as Buffer)).toBe(created.qr.payload);
  });

  it('SVG is an SVG document', async () => {
    const res = await api().get(`/v1/qr/${created.id}/image.svg`).set(bearer).buffer(true).expect(200);
    expect(res.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(String(res.text ?? res.body)).toMatch(/<svg[\s\S]*<\/svg>/);
  });

  it('scale outside 1..32 is a 400', async () => {
    await api().get(`/v1/qr/${created.id}/image.png?scale=99`).set(bearer).expect(400);
  });
});

describe('GET /v1/transactions (reconciliation export)', () => {
  it('lists every row as JSON, filtered by status and time', async () => {
    const all = (await api().get('/v1/transactions').set(bearer).expect(200)).body.items as Array<{
      id: string;
      status: string;
      createdAt: string;
    }>;
    // A caller's export holds its own rows (callers.ts); this caller's, here.
    expect(all.length).toBe(await countRows(callerName(API_KEY)));
    const succeeded = (await api().get('/v1/transactions?status=succeeded').set(bearer).expect(200)).body
      .items;
    expect(succeeded.length).toBe(all.filter((r) => r.status === 'succeeded').length);
    expect(succeeded.every((r: { status: string }) => r.status === 'succeeded')).toBe(true);
    const middle = all[Math.floor(all.length / 2)]!;
    const from = (
      await api().get('/v1/transactions').query({ from: middle.createdAt }).set(bearer).expect(200)
    ).body.items;
    expect(from.length).toBe(all.filter((r) => r.createdAt >= middle.createdAt).length);
    const future = await api()
      .get('/v1/transactions')
      .query({ from: '2999-01-01T00:00:00Z' })
      .set(bearer)
      .expect(200);
    expect(future.body).toEqual({ items: [] });
  });

  it('CSV has a header and one line per row', async () => {
    const json = (await api().get('/v1/transactions').set(bearer)).body.items as Array<{
      id: string;
      rrn: string;
    }>;
    const res = await api().get('/v1/transactions?format=csv').set(bearer).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const lines = res.text.trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^id,kind,status,stan,rrn,amount,/);
    expect(lines).toHaveLength(json.length + 1);
    expect(lines[1]).toContain(json[0]!.rrn);
  });

  // As an operator types them in curl: colons unencoded (the spec's allowReserved), `+` as %2B.
  const typed = [
    { given: 'from=2999-01-01T00:00:00Z', want: 'none' },
    { given: 'to=2000-01-01T00:00:00Z', want: 'none' },
    { given: 'from=2000-01-01T00:00:00Z&to=2999-01-01T00:00:00%2B05:00', want: 'all' },
  ] as const;
  it.each(typed)('?$given (as typed) → $want', async ({ given, want }) => {
    const all = (await api().get('/v1/transactions').set(bearer).expect(200)).body.items;
    const res = await api().get(`/v1/transactions?${given}`).set(bearer);
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(want === 'all' ? all.length : 0);
    if (want === 'all') expect(all.length).toBeGreaterThan(0);
  });

  const bad = [
    'status=bogus',
    'format=xml',
    'from=yesterday',
    'page=5',
    'limit=0',
    'from=2026-11-22T00:00:00+05:00',
  ];
  it.each(bad)('?%s → 400', async (query) => {
    const res = await api().get(`/v1/transactions?${query}`).set(bearer).expect(400);
    expect(res.body.type).toBe('urn:onelink-kit:problem:validation');
  });
});

describe('the streamed export conforms to the spec (the validator only sees res.json bodies)', () => {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
    addFormatsModule) as unknown as (a: Ajv2020) => void;
  addFormats(ajv);
  ajv.addSchema({ ...(structuredClone(document) as object), $id: 'gateway.json' });
  const validate = ajv.getSchema('gateway.json#/components/schemas/TransactionList')!;

  it('every row of GET /v1/transactions matches TransactionList', async () => {
    const res = await api().get('/v1/transactions').set(bearer).expect(200);
    expect(res.body.items.length).toBeGreaterThan(5);
    const ok = validate(res.body);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    // And the check can fail: a row without its id does not conform.
    const { id: _id, ...broken } = res.body.items[0];
    expect(validate({ items: [broken] })).toBe(false);
  });
});

describe('operations endpoints', () => {
  it('healthz and readyz', async () => {
    expect((await api().get('/healthz').expect(200)).body).toEqual({ status: 'ok' });
    expect((await api().get('/readyz').expect(200)).body).toEqual({ status: 'ready' });
  });

  it('metrics: requests by route and status, upstream outcomes by code, token refreshes', async () => {
    const text = (await api().get('/metrics').expect(200)).text;
    expect(text).toMatch(
      /gateway_http_requests_total\{method="POST",route="\/v1\/qr\/merchant",status="201"\} \d+/,
    );
    expect(text).toMatch(/gateway_http_request_duration_seconds_bucket\{.*route="\/v1\/qr\/\{id\}"/);
    expect(text).toMatch(
      /gateway_upstream_outcomes_total\{operation="generateDQRCMerchant",response_code="00",outcome="succeeded"\} \d+/,
    );
    expect(text).toMatch(
      /gateway_upstream_outcomes_total\{operation="generateDQRCMerchant",response_code="94",outcome="rejected"\} 1/,
    );
    expect(text).toMatch(/gateway_token_refreshes_total\{result="ok"\} [1-9]/);
    // Refused before validation, still labelled with the spec's route (bounded label values).
    expect(text).toMatch(
      /gateway_http_requests_total\{method="POST",route="\/v1\/qr\/merchant",status="401"\} \d+/,
    );
    expect(text).toMatch(
      /gateway_http_requests_total\{method="GET",route="\/v1\/qr\/\{id\}",status="401"\} \d+/,
    );
    expect(text).toMatch(/gateway_http_requests_total\{method="GET",route="unmatched",status="404"\} \d+/);
    expect(text).toMatch(/gateway_idempotent_replays_total\{kind="merchant"\} [1-9]/);
  });

  it('every log line a request causes carries its request id', async () => {
    fake.always('qr', rejection(400, '12', 'Invalid transaction / request field'));
    await api().post('/v1/qr/merchant').set(bearer).set('X-Request-Id', 'trace-log-1').send(merchantRequest);
    const lines = gw.logs.filter((l) => l.includes('"requestId":"trace-log-1"'));
    expect(lines.some((l) => l.includes('1LINK call did not produce a QR'))).toBe(true);
    expect(lines.some((l) => l.includes('request completed'))).toBe(true);
  });

  it('echoes a sane X-Request-Id and replaces an unsafe one', async () => {
    const ok = await api().get('/healthz').set('X-Request-Id', 'trace-123.abc').expect(200);
    expect(ok.headers['x-request-id']).toBe('trace-123.abc');
    const replaced = await api().get('/healthz').set('X-Request-Id', 'bad id\twith spaces').expect(200);
    expect(replaced.headers['x-request-id']).not.toContain(' ');
  });
});

describe('response validation is on', () => {
  it('a stored row that breaks the response schema becomes a 500 problem, not invalid output', async () => {
    const created = (await api().post('/v1/qr/merchant').set(bearer).send(merchantRequest).expect(201)).body;
    // Corrupt the stored STAN behind the gateway's back: the view would break `pattern`.
    await gw.db('gateway_transactions').where({ id: created.id }).update({ stan: 'ABC' });
    const res = await api().get(`/v1/qr/${created.id}`).set(bearer).expect(500);
    expect(res.body).toMatchObject({ type: 'urn:onelink-kit:problem:internal', status: 500 });
    expect(JSON.stringify(res.body)).not.toContain('ABC');
  });
});

function rejection(status: number, responseCode: string, responseDescription: string) {
  return { status, body: { responseCode, responseDescription } };
}

async function countRows(caller?: string): Promise<number> {
  const query = gw.db('gateway_transactions');
  if (caller !== undefined) query.where({ caller });
  const [row] = await query.count({ n: '*' });
  return Number(row?.n);
}

/** The name an unnamed key gets: `key_` + the first 8 hex digits of its sha256. */
function callerName(key: string): string {
  return `key_${createHash('sha256').update(key).digest('hex').slice(0, 8)}`;
}

function pktIn(ms: number): string {
  return new Date(Date.now() + ms + 5 * 3600_000).toISOString().slice(0, 19);
}
