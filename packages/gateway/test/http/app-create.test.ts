import { describe, expect, it } from 'vitest';
import {
  appUnderTest,
  bearer,
  HASHED_ENTRY,
  HASHED_KEY,
  pktIn,
  type SentBody,
} from '../support/app-under-test.js';
import { API_KEY, aggregatorRequest, merchantRequest, OTHER_KEY } from '../support/gateway-harness.js';

// The gateway in front of a fake 1LINK (app-under-test.ts); Prism-backed end-to-end tests are in the
// root test/gateway/.
const app = appUnderTest();
const { api, upstreamCalls, countRows } = app;

describe('POST /v1/qr/merchant', () => {
  it('creates a QR: 201, Location, STAN/RRN from the store, decoded fields matching the request', async () => {
    const before = app.fake.bodies.length;
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

    const sent = app.fake.bodies[before] as SentBody;
    expect(sent.info).toEqual({ stan: res.body.stan, rrn: res.body.rrn });
    expect(sent.paymentDetails).toMatchObject({
      instructedAmount: 310,
      transactionType: 'P2M',
      expiryDateTime: res.body.expiresAt,
    });
    const lead = Date.parse(res.body.expiresAtUtc) - Date.parse(res.body.createdAt);
    expect(lead).toBeGreaterThan(890_000);
    expect(lead).toBeLessThanOrEqual(900_000);

    const row = await app.gw.store.findById(res.body.id);
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
    const before = app.fake.bodies.length;
    const res = await api().post('/v1/qr/aggregator').set(bearer).send(aggregatorRequest).expect(201);
    expect(res.body).toMatchObject({
      kind: 'aggregator',
      status: 'succeeded',
      merchantId: 'AGG0000456',
      qr: { decoded: { merchantName: 'Lahore Book Depot', terminalLabel: '0001' }, check: { ok: true } },
    });
    const sent = app.fake.bodies[before] as SentBody;
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
    const text = app.gw.logs.join('');
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
