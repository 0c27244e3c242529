import { createApiClient } from '@onelink-kit/generated/gateway';
import { describe, expect, it } from 'vitest';
import { API_KEY, gatewayForTests, merchantRequest } from '../support/gateway-harness.js';

// Contract first, from the caller's side: the client generated from spec/gateway.yaml talks to the
// running gateway with its own types, and problems arrive as typed errors.

const started = gatewayForTests();

describe('the generated gateway client', () => {
  it('creates, fetches, renders and exports through the typed methods', async () => {
    const client = createApiClient({
      baseUrl: started.gw.url,
      headers: { Authorization: `Bearer ${API_KEY}` },
    });
    const created = await client.createMerchantQr({
      params: { header: { 'Idempotency-Key': 'typed-1' } },
      body: merchantRequest,
    });
    expect(created.response.status).toBe(201);
    const id = created.data!.id;
    expect(created.data?.qr?.check.ok).toBe(true);

    const fetched = await client.getQr({ params: { path: { id } } });
    expect(fetched.data).toEqual(created.data);
    const svg = await client.getQrSvg({ params: { path: { id } } });
    expect(svg.data).toContain('<svg');
    const png = await client.getQrPng({ params: { path: { id }, query: { scale: 2 } } });
    expect(png.response.headers.get('content-type')).toBe('image/png');
    const list = await client.listTransactions({ params: { query: { status: 'succeeded' } } });
    expect(
      list.data && typeof list.data === 'object' && 'items' in list.data ? list.data.items.length : 0,
    ).toBe(1);
  });

  it('a problem is the typed error', async () => {
    const client = createApiClient({
      baseUrl: started.gw.url,
      headers: { 'X-API-Key': 'not-a-valid-key-0000' },
    });
    const res = await client.getQr({ params: { path: { id: `qr_${'0'.repeat(32)}` } } });
    expect(res.response.status).toBe(401);
    expect(res.error).toMatchObject({ type: 'urn:onelink-kit:problem:unauthenticated', status: 401 });
  });
});
