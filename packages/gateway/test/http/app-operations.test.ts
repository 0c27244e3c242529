import { describe, expect, it } from 'vitest';
import { appUnderTest, bearer, rejection } from '../support/app-under-test.js';
import { merchantRequest } from '../support/gateway-harness.js';

// The gateway in front of a fake 1LINK (app-under-test.ts); Prism-backed end-to-end tests are in the
// root test/gateway/.
const app = appUnderTest();
const { api, createWithKey } = app;

describe('operations endpoints', () => {
  it('healthz and readyz', async () => {
    expect((await api().get('/healthz').expect(200)).body).toEqual({ status: 'ok' });
    expect((await api().get('/readyz').expect(200)).body).toEqual({ status: 'ready' });
  });

  it('metrics: requests by route and status, upstream outcomes by code, token refreshes', async () => {
    // What the counters below count: a QR, its replay and a read of it, a duplicate-RRN rejection,
    // refusals before validation and a route the spec does not have.
    const created = (await createWithKey('metrics-1').expect(201)).body;
    await createWithKey('metrics-1').expect(201);
    await api().get(`/v1/qr/${created.id}`).set(bearer).expect(200);
    app.fake.always('qr', rejection(409, '94', 'Duplicate transmission (duplicate RRN)'));
    await api().post('/v1/qr/merchant').set(bearer).send(merchantRequest).expect(409);
    app.fake.clearFaults();
    await api().post('/v1/qr/merchant').send(merchantRequest).expect(401);
    await api().get(`/v1/qr/${created.id}`).expect(401);
    await api().get('/v1/nope').set(bearer).expect(404);
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
    app.fake.always('qr', rejection(400, '12', 'Invalid transaction / request field'));
    await api().post('/v1/qr/merchant').set(bearer).set('X-Request-Id', 'trace-log-1').send(merchantRequest);
    const lines = app.gw.logs.filter((l) => l.includes('"requestId":"trace-log-1"'));
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
    await app.gw.db('gateway_transactions').where({ id: created.id }).update({ stan: 'ABC' });
    const res = await api().get(`/v1/qr/${created.id}`).set(bearer).expect(500);
    expect(res.body).toMatchObject({ type: 'urn:onelink-kit:problem:internal', status: 500 });
    expect(JSON.stringify(res.body)).not.toContain('ABC');
  });
});
