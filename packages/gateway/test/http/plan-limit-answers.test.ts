import { gatewayMerchantRequest } from '@onelink-kit/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { type CallersGateway, KEYS, startCallersGateway } from '../support/callers-gateway.js';

// ONELINK_RATE_LIMIT in one process (SQLite: the memory limiter): a create the plan cannot take within
// GATEWAY_RATE_LIMIT_WAIT_MS gets 429 plan-rate-limited with Retry-After, before an RRN is spent or a
// row written; one that fits after a short wait goes through.

const started: CallersGateway[] = [];
afterEach(async () => {
  for (const gw of started.splice(0)) await gw.stop();
});

async function post(gw: CallersGateway, idempotencyKey?: string) {
  const res = await fetch(`${gw.url}/v1/qr/merchant`, {
    method: 'POST',
    headers: {
      ...gw.as(KEYS.shopA),
      'content-type': 'application/json',
      ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
    },
    body: JSON.stringify(gatewayMerchantRequest()),
  });
  return {
    status: res.status,
    retryAfter: res.headers.get('retry-after'),
    replayed: res.headers.get('idempotent-replayed'),
    body: (await res.json()) as Record<string, unknown>,
  };
}

// With GATEWAY_RRN_BLOCK_SIZE=1 (below) the counter row is exactly the number of RRNs allocated.
const counts = async (gw: CallersGateway) => ({
  rows: Number((await gw.db('gateway_transactions').count({ n: '*' }))[0]!.n),
  rrns: Number((await gw.db('gateway_rrn_counters').sum({ n: 'value' }))[0]!.n ?? 0),
  upstream: gw.fake.calls.merchant,
});

describe('the plan limit at the HTTP edge', () => {
  it('refuses what does not fit within the wait bound with 429 and Retry-After, spending nothing', async () => {
    const gw = await startCallersGateway({
      ONELINK_RATE_LIMIT: '2/min',
      GATEWAY_RATE_LIMIT_WAIT_MS: '0',
      GATEWAY_RRN_BLOCK_SIZE: '1',
    });
    started.push(gw);
    const first = await post(gw, 'order-1');
    expect((await post(gw)).status).toBe(201);
    const refused = await post(gw);
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({
      type: 'urn:onelink-kit:problem:plan-rate-limited',
      status: 429,
      retryable: true,
    });
    expect(refused.body.transactionId).toBeUndefined();
    expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(refused.retryAfter)).toBeLessThanOrEqual(60);
    expect(await counts(gw)).toEqual({ rows: 2, rrns: 2, upstream: 2 });
    // A replay does not go upstream, so the plan does not limit it.
    expect(await post(gw, 'order-1')).toMatchObject({
      status: 201,
      replayed: 'true',
      body: { id: first.body.id },
    });
  });

  it('a gateway started in-process counts in memory even when GATEWAY_WORKERS asks for a pool', async () => {
    const gw = await startCallersGateway({ ONELINK_RATE_LIMIT: '2/min', GATEWAY_WORKERS: '2' });
    started.push(gw);
    const listening = gw.logs.entries().find((line) => line.msg === 'gateway listening');
    expect(listening).toMatchObject({ planLimit: 'memory' });
    expect([(await post(gw)).status, (await post(gw)).status, (await post(gw)).status]).toEqual([
      201, 201, 429,
    ]);
  });

  it('lets a burst wait for the next window when the bound allows', async () => {
    const gw = await startCallersGateway({ ONELINK_RATE_LIMIT: '2/s', GATEWAY_RATE_LIMIT_WAIT_MS: '3000' });
    started.push(gw);
    const statuses = await Promise.all(Array.from({ length: 5 }, () => post(gw).then((r) => r.status)));
    expect(statuses).toEqual([201, 201, 201, 201, 201]);
    const times = gw.fake.requests('qr').map((r) => r.at);
    // Five calls at two a second take at least two windows after the first.
    expect(Math.max(...times) - Math.min(...times)).toBeGreaterThanOrEqual(1_900);
  });
});
