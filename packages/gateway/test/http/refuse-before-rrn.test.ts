import { type FakeOneLink, startFakeOneLink } from '@onelink-kit/testkit';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RRN_COUNTERS, TRANSACTIONS } from '../../src/storage/migrations.js';
import { storageBackends } from '../storage/backends.js';
import { API_KEY, aggregatorRequest, merchantRequest, startTestGateway } from '../support/gateway-harness.js';

// Requests 1LINK would refuse (or issue a QR for that nobody should pay) are refused by the gateway
// with a 400 naming the field and the rule, before a row is written, an RRN allocated or 1LINK called.
// On Postgres a NUL used to fail the insert after 1LINK had issued the QR.

const backends = await storageBackends();
const bearer = { Authorization: `Bearer ${API_KEY}` };

const withMerchant = (change: Record<string, unknown>) => ({
  ...merchantRequest,
  merchantDetails: { ...merchantRequest.merchantDetails, ...change },
});
const withAddress = (change: Record<string, unknown>) =>
  withMerchant({ postalAddress: { ...merchantRequest.merchantDetails.postalAddress, ...change } });
// 5,000 nested arrays are 10 KB, inside the 16 KiB body limit. Written as text: this process's own
// serialisers (supertest's, vitest's) recurse and could not take them as a value.
const deepGeoBody = JSON.stringify({ ...aggregatorRequest, geoLocation: { lat: '1', junk: 'JUNK' } }).replace(
  '"JUNK"',
  `${'['.repeat(5_000)}${']'.repeat(5_000)}`,
);
let deeper: Record<string, unknown> = { end: true };
for (let i = 0; i < 2_000; i++) deeper = { x: deeper };

const cases: { given: string; path: string; body: unknown; want: string[] }[] = [
  {
    given: 'IBAN "PK36-not-an-iban"',
    path: '/v1/qr/merchant',
    body: withMerchant({ iban: 'PK36-not-an-iban' }),
    want: ['body.merchantDetails.iban minLength', 'body.merchantDetails.iban pattern'],
  },
  {
    given: 'an IBAN with wrong check digits (mod-97)',
    path: '/v1/qr/merchant',
    body: withMerchant({ iban: 'PK37SCBL0000001123456702' }),
    want: ['body.merchantDetails.iban iban-checksum'],
  },
  {
    given: 'dbaName ""',
    path: '/v1/qr/merchant',
    body: withMerchant({ dbaName: '' }),
    want: ['body.merchantDetails.dbaName minLength'],
  },
  {
    given: 'a NUL in merchantName',
    path: '/v1/qr/merchant',
    body: withMerchant({ merchantName: 'Chai\u0000Corner' }),
    want: ['body.merchantDetails.merchantName pattern'],
  },
  {
    given: 'a NUL in iban',
    path: '/v1/qr/merchant',
    body: withMerchant({ iban: 'PK36SCBL000000112345670\u0000' }),
    want: ['body.merchantDetails.iban pattern'],
  },
  {
    given: 'a NUL in townName',
    path: '/v1/qr/merchant',
    body: withAddress({ townName: 'Kara\u0000chi' }),
    want: ['body.merchantDetails.postalAddress.townName pattern'],
  },
  {
    given: 'a NUL in subDept (merchant)',
    path: '/v1/qr/merchant',
    body: withAddress({ subDept: '0\u00001' }),
    want: ['body.merchantDetails.postalAddress.subDept pattern'],
  },
  {
    given: 'a NUL in subDept (aggregator)',
    path: '/v1/qr/aggregator',
    body: {
      ...aggregatorRequest,
      merchantDetails: { ...aggregatorRequest.merchantDetails, subDept: '0\u00001' },
    },
    want: ['body.merchantDetails.subDept pattern'],
  },
  {
    given: 'a NUL in the reference',
    path: '/v1/qr/merchant',
    body: { ...merchantRequest, reference: 'order\u00001' },
    want: ['body.reference pattern'],
  },
  {
    given: 'an unknown property in a nested object',
    path: '/v1/qr/merchant',
    body: withAddress({ floor: '2' }),
    want: ['body.merchantDetails.postalAddress.floor additionalProperties'],
  },
  {
    given: '2,000-deep junk under payerDetails',
    path: '/v1/qr/merchant',
    body: { ...merchantRequest, payerDetails: { ...merchantRequest.payerDetails, junk: deeper } },
    want: ['body.payerDetails.junk additionalProperties'],
  },
  {
    given: '5,000-deep arrays under an aggregator geoLocation',
    path: '/v1/qr/aggregator',
    body: deepGeoBody,
    want: ['body.geoLocation.junk additionalProperties'],
  },
];

describe.each(backends)('on $backend.name', ({ backend, skip }) => {
  let fake: FakeOneLink;
  let gw: Awaited<ReturnType<typeof startTestGateway>>;
  let closeDb: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    if (skip) return;
    const opened = await backend.open();
    closeDb = opened.close;
    fake = await startFakeOneLink();
    gw = await startTestGateway(fake.url, { DATABASE_URL: opened.databaseUrl });
  });
  afterAll(async () => {
    await gw?.cleanup();
    await fake?.stop();
    await closeDb?.();
  });

  const counts = async () => ({
    rows: Number((await gw.db(TRANSACTIONS).count({ n: '*' }))[0]?.n),
    rrnDays: Number((await gw.db(RRN_COUNTERS).count({ n: '*' }))[0]?.n),
    calls: fake.calls.token + fake.calls.merchant + fake.calls.aggregator,
  });

  it.skipIf(skip !== undefined).each(cases)('$given → 400 $want', async ({ path, body, want }) => {
    const res = await request(gw.url)
      .post(path)
      .set(bearer)
      .set('Idempotency-Key', `refuse-${Math.random()}`)
      .set('Content-Type', 'application/json')
      .send(typeof body === 'string' ? body : JSON.stringify(body))
      .expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.type).toBe('urn:onelink-kit:problem:validation');
    expect((res.body.errors as { field: string; rule: string }[]).map((e) => `${e.field} ${e.rule}`)).toEqual(
      want,
    );
    expect(await counts()).toEqual({ rows: 0, rrnDays: 0, calls: 0 });
  });

  it.skipIf(skip !== undefined)(
    'a valid request after them is the first row, RRN and 1LINK call',
    async () => {
      await request(gw.url).post('/v1/qr/merchant').set(bearer).send(merchantRequest).expect(201);
      expect(await counts()).toEqual({ rows: 1, rrnDays: 1, calls: 2 });
    },
  );
});
