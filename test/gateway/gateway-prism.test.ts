import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGatewayLogger, parseConfig, type RunningGateway, startGateway } from '@onelink-kit/gateway';
import { gatewayProblem } from '@onelink-kit/testkit';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedMock } from '../support/shared-mock.js';
import { type CountingProxy, startCountingProxy } from './support/counting-proxy.js';
import { fixtureRequest } from './support/demo-request.js';

// End to end: the gateway in front of the real Prism mock (repository spec + fixtures), with a
// counting pass-through between them. Prism validates every request the gateway sends against
// the 1LINK contract, so a 2xx from Prism also proves the upstream body is well-formed.

const KEY = 'e2e-key-0123456789abcdef';
const auth = { Authorization: `Bearer ${KEY}` };
const dir = mkdtempSync(join(tmpdir(), 'gateway-e2e-'));

const mock = sharedMock('1link-p2m-qr');
let proxy: CountingProxy;
const gateways = new Map<string, RunningGateway>();

/**
 * One gateway per Prism scenario (the scenario rides on every upstream call as a Prefer header). By
 * default it runs as `pnpm start` does, on its default upstream, the local mock (no ONELINK_BASE_URL;
 * MOCK_PORT points it at the counting proxy in front of Prism), where the replayed QR's RRN is
 * reported, not refused. `configured` sets ONELINK_BASE_URL as a deployment does: then it is refused.
 */
async function gatewayFor(
  scenario?: string,
  options: { configured?: boolean } = {},
): Promise<RunningGateway> {
  const name = `${scenario ?? 'default'}${options.configured ? '-configured' : ''}`;
  const existing = gateways.get(name);
  if (existing) return existing;
  const upstream = options.configured
    ? {
        ONELINK_BASE_URL: proxy.url,
        ONELINK_TOKEN_URL: `${proxy.url}/oauth2/token`,
        ONELINK_CLIENT_ID: 'e2e-client',
        ONELINK_CLIENT_SECRET: 'e2e-client-secret-value',
      }
    : { MOCK_PORT: new URL(proxy.url).port };
  const config = parseConfig({
    PORT: '0',
    DATABASE_URL: `sqlite:${join(dir, `${name}.sqlite`)}`,
    GATEWAY_API_KEYS: KEY,
    ...upstream,
    ONELINK_TIMEOUT_MS: '5000',
  });
  const gw = await startGateway(config, {
    logger: createGatewayLogger('silent'),
    ...(scenario ? { upstreamHeaders: prefer(scenario) } : {}),
  });
  gateways.set(name, gw);
  return gw;
}

/** Prism's scenario selector, with the status the fixture records for it. */
function prefer(scenario: string): Record<string, string> {
  const file = fileURLToPath(
    new URL(`../../mock/fixtures/generateDQRCMerchant/${scenario}.json`, import.meta.url),
  );
  const fixture = JSON.parse(readFileSync(file, 'utf8')) as { response: { status: number } };
  return { Prefer: `code=${fixture.response.status}, example=${scenario}` };
}

beforeAll(async () => {
  proxy = await startCountingProxy(mock.url);
});
afterAll(async () => {
  for (const gw of gateways.values()) await gw.close(1_000);
  await proxy?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('happy path through Prism', () => {
  it('POST /v1/qr/merchant: 201, the recorded QR decoded, the RRN difference reported', async () => {
    const gw = await gatewayFor();
    const { request: body, expiryMatches } = fixtureRequest('generateDQRCMerchant');
    const res = await request(gw.url).post('/v1/qr/merchant').set(auth).send(body).expect(201);
    expect(res.body).toMatchObject({
      status: 'succeeded',
      upstream: { httpStatus: 200, responseCode: '00' },
      qr: { decoded: { merchantName: 'Karachi Chai Corner', amount: '310.00', merchantId: 'MER0000123' } },
    });
    // The mock answers with a recorded QR: its RRN is the fixture's, not the one the gateway sent.
    const fields = res.body.qr.check.mismatches.map((m: { field: string }) => m.field).sort();
    const expected = expiryMatches ? ['info.rrn'] : ['info.rrn', 'paymentDetails.expiryDateTime'];
    expect(fields).toEqual(expected);
    const row = await gw.store.findById(res.body.id);
    expect(row).toMatchObject({ status: 'succeeded', qrMismatch: true });
  });

  it('with a configured upstream the same replayed QR is refused: 502 upstream-qr-mismatch, row mismatched, no image', async () => {
    const gw = await gatewayFor(undefined, { configured: true });
    const { request: body } = fixtureRequest('generateDQRCMerchant');
    const fixture = JSON.parse(
      readFileSync(
        fileURLToPath(new URL('../../mock/fixtures/generateDQRCMerchant/success.json', import.meta.url)),
        'utf8',
      ),
    ) as { response: { body: { rrn: string } } };
    const res = await request(gw.url).post('/v1/qr/merchant').set(auth).send(body).expect(502);
    expect(res.body).toMatchObject(gatewayProblem('ProblemUpstreamQrMismatch'));
    expect(res.body.mismatches).toEqual([
      {
        field: 'info.rrn',
        tag: '62.05',
        sent: res.body.rrn,
        received: fixture.response.body.rrn,
        rule: expect.any(String),
      },
    ]);
    const row = await gw.store.findById(res.body.transactionId);
    expect(row).toMatchObject({ status: 'mismatched', qrMismatch: true, responseCode: '00' });
    await request(gw.url).get(`/v1/qr/${res.body.transactionId}/image.png`).set(auth).expect(409);
    const csv = await request(gw.url)
      .get('/v1/transactions?format=csv&status=mismatched')
      .set(auth)
      .expect(200);
    expect(csv.text).toContain(res.body.rrn);
  });

  it('POST /v1/qr/aggregator: 201 with the registry fields from the recorded QR', async () => {
    const gw = await gatewayFor();
    const { request: body } = fixtureRequest('generateDQRCAggregator');
    const res = await request(gw.url).post('/v1/qr/aggregator').set(auth).send(body).expect(201);
    expect(res.body.qr.decoded).toMatchObject({ merchantName: 'Lahore Book Depot', merchantCity: 'Lahore' });
    expect(res.body.qr.check.mismatches.map((m: { field: string }) => m.field)).toContain(
      'payerDetails.info.rrn',
    );
  });

  it('GET /v1/qr/{id}, image.png, image.svg, /v1/transactions (json, csv) and the probes', async () => {
    const gw = await gatewayFor();
    const { request: body } = fixtureRequest('generateDQRCMerchant');
    const created = (await request(gw.url).post('/v1/qr/merchant').set(auth).send(body).expect(201)).body;
    expect((await request(gw.url).get(`/v1/qr/${created.id}`).set(auth).expect(200)).body).toEqual(created);
    const png = await request(gw.url).get(`/v1/qr/${created.id}/image.png`).set(auth).expect(200);
    expect(png.headers['content-type']).toBe('image/png');
    const svg = await request(gw.url)
      .get(`/v1/qr/${created.id}/image.svg`)
      .set(auth)
      .buffer(true)
      .expect(200);
    expect(String(svg.text ?? svg.body)).toContain('<svg');
    const list = await request(gw.url).get('/v1/transactions').set(auth).expect(200);
    expect(list.body.items.map((i: { id: string }) => i.id)).toContain(created.id);
    const csv = await request(gw.url)
      .get('/v1/transactions?format=csv&status=succeeded')
      .set(auth)
      .expect(200);
    expect(csv.text).toContain(created.rrn);
    await request(gw.url).get('/healthz').expect(200);
    await request(gw.url).get('/readyz').expect(200);
    const metrics = await request(gw.url).get('/metrics').expect(200);
    expect(metrics.text).toContain(
      'gateway_upstream_outcomes_total{operation="generateDQRCMerchant",response_code="00"',
    );
    expect(metrics.text).toMatch(/gateway_token_refreshes_total\{result="ok"\} 1/);
  });
});

describe('each 1LINK error scenario, as Prism serves it', () => {
  const cases = [
    {
      scenario: 'validation-error',
      status: 422,
      problem: 'upstream-rejected',
      stored: 'rejected',
      code: '12',
    },
    { scenario: 'invalid-amount', status: 422, problem: 'upstream-rejected', stored: 'rejected', code: '13' },
    {
      scenario: 'duplicate-rrn',
      status: 409,
      problem: 'upstream-duplicate-rrn',
      stored: 'rejected',
      code: '94',
    },
    { scenario: 'unauthorized', status: 502, problem: 'upstream-auth', stored: 'failed' },
    { scenario: 'forbidden', status: 502, problem: 'upstream-auth', stored: 'failed' },
    { scenario: 'rate-limited', status: 429, problem: 'upstream-rate-limited', stored: 'failed' },
    {
      scenario: 'issuer-unavailable',
      status: 503,
      problem: 'upstream-unavailable',
      stored: 'failed',
      code: '91',
    },
    { scenario: 'server-error', status: 502, problem: 'upstream-error', stored: 'unknown', code: '96' },
  ];
  it.each(cases)(
    '$scenario → $status $problem (row $stored)',
    async ({ scenario, status, problem, stored, code }) => {
      const gw = await gatewayFor(scenario);
      const { request: body } = fixtureRequest('generateDQRCMerchant');
      const res = await request(gw.url).post('/v1/qr/merchant').set(auth).send(body);
      expect(res.status).toBe(status);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({
        type: `urn:onelink-kit:problem:${problem}`,
        transactionStatus: stored,
      });
      if (code) expect(res.body.responseCode).toBe(code);
      const row = await gw.store.findById(res.body.transactionId);
      expect(row?.status).toBe(stored);
      expect(row?.responseStatus).toBe(status);
    },
  );
});

describe('gateway errors in front of Prism', () => {
  it('401 without a key, 400 for a bad body, 404 for an unknown id: nothing reaches 1LINK', async () => {
    const gw = await gatewayFor();
    const before = proxy.count('/generateDQRCMerchant');
    const { request: body } = fixtureRequest('generateDQRCMerchant');
    await request(gw.url).post('/v1/qr/merchant').send(body).expect(401);
    await request(gw.url)
      .post('/v1/qr/merchant')
      .set(auth)
      .send({ ...body, amount: -1 })
      .expect(400);
    await request(gw.url)
      .get(`/v1/qr/qr_${'f'.repeat(32)}`)
      .set(auth)
      .expect(404);
    const tooLarge = await request(gw.url)
      .post('/v1/qr/merchant')
      .set(auth)
      .send({ ...body, reference: 'x'.repeat(20_000) });
    expect(tooLarge.status).toBe(413);
    const notJson = await request(gw.url)
      .post('/v1/qr/merchant')
      .set(auth)
      .set('Content-Type', 'text/plain')
      .send('x');
    expect(notJson.status).toBe(415);
    await request(gw.url).get('/v1/transactions?status=lost').set(auth).expect(400);
    expect(proxy.count('/generateDQRCMerchant')).toBe(before);
  });

  it('409 qr-not-available for the image of a transaction 1LINK rejected', async () => {
    const gw = await gatewayFor('validation-error');
    const { request: body } = fixtureRequest('generateDQRCMerchant');
    const rejected = await request(gw.url).post('/v1/qr/merchant').set(auth).send(body).expect(422);
    const res = await request(gw.url)
      .get(`/v1/qr/${rejected.body.transactionId}/image.png`)
      .set(auth)
      .expect(409);
    expect(res.body).toMatchObject({
      type: 'urn:onelink-kit:problem:qr-not-available',
      transactionStatus: 'rejected',
    });
  });
});

describe('idempotency with Prism behind a counting proxy', () => {
  it('sequential replay: same id, exactly one upstream call', async () => {
    const gw = await gatewayFor();
    const { request: body } = fixtureRequest('generateDQRCMerchant');
    const before = proxy.count('/generateDQRCMerchant');
    const first = await request(gw.url)
      .post('/v1/qr/merchant')
      .set(auth)
      .set('Idempotency-Key', 'e2e-seq')
      .send(body);
    const second = await request(gw.url)
      .post('/v1/qr/merchant')
      .set(auth)
      .set('Idempotency-Key', 'e2e-seq')
      .send(body);
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.body.id).toBe(first.body.id);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(proxy.count('/generateDQRCMerchant') - before).toBe(1);
    await request(gw.url)
      .post('/v1/qr/merchant')
      .set(auth)
      .set('Idempotency-Key', 'e2e-seq')
      .send({ ...body, amount: 999 })
      .expect(422);
  });

  it('concurrent: 10 at once with one key, exactly one upstream call', async () => {
    const gw = await gatewayFor();
    const { request: body } = fixtureRequest('generateDQRCMerchant');
    const before = proxy.count('/generateDQRCMerchant');
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        request(gw.url).post('/v1/qr/merchant').set(auth).set('Idempotency-Key', 'e2e-conc').send(body),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(201));
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    expect(proxy.count('/generateDQRCMerchant') - before).toBe(1);
  });

  it('100 concurrent creates: 100 rows, 100 distinct RRNs', async () => {
    const gw = await gatewayFor('success');
    const { request: body } = fixtureRequest('generateDQRCMerchant');
    const results = await Promise.all(
      Array.from({ length: 100 }, () => request(gw.url).post('/v1/qr/merchant').set(auth).send(body)),
    );
    expect(results.map((r) => r.status)).toEqual(Array(100).fill(201));
    const rows = await gw.db('gateway_transactions').select('rrn');
    expect(rows).toHaveLength(100);
    expect(new Set(rows.map((r: { rrn: string }) => r.rrn)).size).toBe(100);
  });
});
