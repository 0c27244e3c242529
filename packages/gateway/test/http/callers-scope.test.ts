import { gatewayMerchantRequest } from '@onelink-kit/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CallersGateway,
  KEYS,
  LEGACY_NAME,
  sha256Hex,
  startCallersGateway,
} from '../support/callers-gateway.js';

// Keys that separate callers: each key names a caller, a caller sees only its own transactions,
// images and export rows (another's answer 404 as if absent), admin keys read everything, idempotency
// keys are per caller, metrics count by caller name and no key reaches a log line or a metric.

let gw: CallersGateway;
const ids: Record<string, string> = {};

async function create(key: string, idempotencyKey?: string) {
  const res = await fetch(`${gw.url}/v1/qr/merchant`, {
    method: 'POST',
    headers: {
      ...gw.as(key),
      'content-type': 'application/json',
      ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
    },
    body: JSON.stringify(gatewayMerchantRequest()),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as { id: string } };
}

async function exportIds(key: string, format: 'json' | 'csv' = 'json'): Promise<string[]> {
  const res = await fetch(`${gw.url}/v1/transactions?format=${format}`, { headers: gw.as(key) });
  expect(res.status).toBe(200);
  if (format === 'csv') {
    return (await res.text())
      .trim()
      .split('\r\n')
      .slice(1)
      .map((line) => line.split(',')[0]!);
  }
  return ((await res.json()) as { items: Array<{ id: string; caller: string }> }).items.map(
    (i) => `${i.id}@${i.caller}`,
  );
}

beforeAll(async () => {
  gw = await startCallersGateway();
  ids.a = (await create(KEYS.shopA)).body.id;
  ids.b = (await create(KEYS.shopB)).body.id;
  ids.legacy = (await create(KEYS.legacy)).body.id;
});
afterAll(async () => {
  await gw?.stop();
});

describe('reading by caller', () => {
  const paths = ['', '/image.png', '/image.svg'];
  for (const suffix of paths) {
    it(`GET /v1/qr/{id}${suffix}: the owner and an admin get it; another caller gets the 404 of an absent id`, async () => {
      expect((await fetch(`${gw.url}/v1/qr/${ids.a}${suffix}`, { headers: gw.as(KEYS.shopA) })).status).toBe(
        200,
      );
      expect((await fetch(`${gw.url}/v1/qr/${ids.a}${suffix}`, { headers: gw.as(KEYS.admin) })).status).toBe(
        200,
      );
      const other = await fetch(`${gw.url}/v1/qr/${ids.a}${suffix}`, { headers: gw.as(KEYS.shopB) });
      const absentId = `qr_${'f'.repeat(32)}`;
      const absent = await fetch(`${gw.url}/v1/qr/${absentId}${suffix}`, { headers: gw.as(KEYS.shopB) });
      expect(other.status).toBe(404);
      const [otherBody, absentBody] = [
        (await other.json()) as Record<string, unknown>,
        (await absent.json()) as Record<string, unknown>,
      ];
      expect({
        ...otherBody,
        requestId: 'x',
        detail: String(otherBody.detail).replace(ids.a!, 'ID'),
      }).toEqual({
        ...absentBody,
        requestId: 'x',
        detail: String(absentBody.detail).replace(absentId, 'ID'),
      });
    });
  }

  it('the export holds only the caller’s own rows (JSON and CSV); an admin’s holds everyone’s', async () => {
    expect(await exportIds(KEYS.shopA)).toEqual([`${ids.a}@shop-a`]);
    expect(await exportIds(KEYS.shopB)).toEqual([`${ids.b}@shop-b`]);
    expect(await exportIds(KEYS.legacy)).toEqual([`${ids.legacy}@${LEGACY_NAME}`]);
    expect(await exportIds(KEYS.shopA, 'csv')).toEqual([ids.a]);
    expect(await exportIds(KEYS.admin)).toEqual([
      `${ids.a}@shop-a`,
      `${ids.b}@shop-b`,
      `${ids.legacy}@${LEGACY_NAME}`,
    ]);
  });
});

describe('idempotency keys per caller', () => {
  it('the same key from two callers makes two QRs; a repeat by the same caller replays', async () => {
    const a = await create(KEYS.shopA, 'order-77');
    const b = await create(KEYS.shopB, 'order-77');
    const again = await create(KEYS.shopA, 'order-77');
    expect([a.status, b.status, again.status]).toEqual([201, 201, 201]);
    expect(a.body.id).not.toBe(b.body.id);
    expect(again.body.id).toBe(a.body.id);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(b.headers.get('idempotent-replayed')).toBeNull();
  });
});

describe('metrics and logs', () => {
  it('count requests by caller name, never by key', async () => {
    const text = await (await fetch(`${gw.url}/metrics`)).text();
    expect(text).toMatch(
      /gateway_caller_requests_total\{caller="shop-a",route="\/v1\/qr\/merchant",status="201"\} [1-9]/,
    );
    expect(text).toMatch(
      /gateway_caller_requests_total\{caller="recon",route="\/v1\/transactions",status="200"\} [1-9]/,
    );
    expect(text).toContain(`caller="${LEGACY_NAME}"`);
    for (const key of Object.values(KEYS)) {
      expect(text).not.toContain(key);
      expect(text).not.toContain(sha256Hex(key));
    }
  });

  it('redact a key sent in the query string from every log line', async () => {
    const res = await fetch(`${gw.url}/v1/transactions?api_key=${KEYS.shopA}&access_token=${KEYS.shopB}`);
    expect(res.status).toBe(401);
    const text = gw.logs.text();
    expect(text).toContain('api_key=[REDACTED]&access_token=[REDACTED]');
    for (const key of Object.values(KEYS)) expect(text).not.toContain(key);
  });
});

describe('security headers on the gateway', () => {
  it('answers with QR data carry no-store and nosniff, and no CORS header without GATEWAY_CORS_ORIGINS', async () => {
    for (const suffix of ['', '/image.png', '/image.svg']) {
      const res = await fetch(`${gw.url}/v1/qr/${ids.a}${suffix}`, {
        headers: { ...gw.as(KEYS.shopA), origin: 'https://shop.example' },
      });
      expect(res.headers.get('cache-control'), suffix).toBe('no-store');
      expect(res.headers.get('x-content-type-options'), suffix).toBe('nosniff');
      expect(res.headers.get('access-control-allow-origin'), suffix).toBeNull();
    }
  });
});
