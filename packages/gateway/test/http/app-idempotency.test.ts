import { describe, expect, it } from 'vitest';
import { appUnderTest, rejection } from '../support/app-under-test.js';
import { aggregatorRequest, merchantRequest, OTHER_KEY } from '../support/gateway-harness.js';

// The gateway in front of a fake 1LINK (app-under-test.ts); Prism-backed end-to-end tests are in the
// root test/gateway/.
const app = appUnderTest();
const { api, createWithKey, upstreamCalls } = app;

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
    app.fake.always('qr', { delayMs: 150 });
    const key = `conc-${Date.now()}`;
    const calls = upstreamCalls();
    const results = await Promise.all(Array.from({ length: 12 }, () => createWithKey(key)));
    expect(results.map((r) => r.status)).toEqual(Array(12).fill(201));
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    expect(results.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(11);
    expect(upstreamCalls() - calls).toBe(1);
  });

  it('an error outcome is replayed too (no second call for a rejected request)', async () => {
    app.fake.always('qr', rejection(400, '13', 'Invalid amount'));
    const key = `err-${Date.now()}`;
    const first = await createWithKey(key);
    expect(first.status).toBe(422);
    const calls = upstreamCalls();
    app.fake.clearFaults();
    const again = await createWithKey(key);
    expect(again.status).toBe(422);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.transactionId).toBe(first.body.transactionId);
    expect(upstreamCalls()).toBe(calls);
  });
});
