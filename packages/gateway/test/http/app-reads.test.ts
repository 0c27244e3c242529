import { document } from '@onelink-kit/generated/gateway';
import { decodeQrPng } from '@onelink-kit/testkit';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { appUnderTest, bearer, callerName, rejection } from '../support/app-under-test.js';
import { API_KEY, merchantRequest } from '../support/gateway-harness.js';

// The gateway in front of a fake 1LINK (app-under-test.ts); Prism-backed end-to-end tests are in the
// root test/gateway/.
const app = appUnderTest();
const { api, countRows } = app;

// Rows for the export to list: QRs and 1LINK rejections, so the status filter has both to tell apart.
beforeAll(async () => {
  for (let i = 0; i < 5; i++)
    await api().post('/v1/qr/merchant').set(bearer).send(merchantRequest).expect(201);
  app.fake.always('qr', rejection(400, '13', 'Invalid amount'));
  for (let i = 0; i < 2; i++)
    await api().post('/v1/qr/merchant').set(bearer).send(merchantRequest).expect(422);
  app.fake.clearFaults();
});

describe('GET /v1/qr/{id} and images', () => {
  let created: { id: string; qr: { payload: string } };
  beforeAll(async () => {
    app.fake.clearFaults();
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
    expect(succeeded.length).toBeLessThan(all.length);
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
