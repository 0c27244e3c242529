import { gatewayMerchantRequest } from '@onelink-kit/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CallersGateway, KEYS, startCallersGateway } from '../support/callers-gateway.js';

// Idempotency keys expire after GATEWAY_IDEMPOTENCY_TTL (default 24 h): after that the same key
// creates a new QR. The row is aged in the database rather than the test waiting a day.

let gw: CallersGateway;
beforeAll(async () => {
  gw = await startCallersGateway();
});
afterAll(async () => {
  await gw?.stop();
});

async function create(key: string) {
  const res = await fetch(`${gw.url}/v1/qr/merchant`, {
    method: 'POST',
    headers: { ...gw.as(KEYS.shopA), 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify(gatewayMerchantRequest()),
  });
  return {
    status: res.status,
    replayed: res.headers.get('idempotent-replayed'),
    body: (await res.json()) as { id: string; rrn: string },
  };
}

const age = (id: string, hours: number) =>
  gw
    .db('gateway_transactions')
    .where({ id })
    .update({ created_at: new Date(Date.now() - hours * 3_600_000).toISOString() });

describe('GATEWAY_IDEMPOTENCY_TTL', () => {
  it('replays within the TTL and creates a new QR once the key is older', async () => {
    const first = await create('order-ttl-1');
    await age(first.body.id, 23);
    const within = await create('order-ttl-1');
    expect(within).toMatchObject({ status: 201, replayed: 'true', body: { id: first.body.id } });
    expect(gw.fake.calls.merchant).toBe(1);

    await age(first.body.id, 25);
    const after = await create('order-ttl-1');
    expect(after.status).toBe(201);
    expect(after.replayed).toBeNull();
    expect(after.body.id).not.toBe(first.body.id);
    expect(after.body.rrn).not.toBe(first.body.rrn);
    expect(gw.fake.calls.merchant).toBe(2);

    // The new row holds the key now; the old one keeps it in its export column for reconciliation.
    expect((await create('order-ttl-1')).body.id).toBe(after.body.id);
    const rows = await gw.db('gateway_transactions').where({ idempotency_key: 'order-ttl-1' }).orderBy('seq');
    expect(rows.map((r) => [r.id, r.idempotency_key_live])).toEqual([
      [first.body.id, null],
      [after.body.id, 'order-ttl-1'],
    ]);
  });
});

describe('a shorter GATEWAY_IDEMPOTENCY_TTL', () => {
  it('expires keys by it', async () => {
    const short = await startCallersGateway({ GATEWAY_IDEMPOTENCY_TTL: '10m' });
    try {
      const post = () =>
        fetch(`${short.url}/v1/qr/merchant`, {
          method: 'POST',
          headers: { ...short.as(KEYS.shopA), 'content-type': 'application/json', 'idempotency-key': 'k-1' },
          body: JSON.stringify(gatewayMerchantRequest()),
        }).then(async (r) => (await r.json()) as { id: string });
      const first = await post();
      await short
        .db('gateway_transactions')
        .where({ id: first.id })
        .update({ created_at: new Date(Date.now() - 11 * 60_000).toISOString() });
      expect((await post()).id).not.toBe(first.id);
    } finally {
      await short.stop();
    }
  });
});
