import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGatewayLogger, parseConfig, type RunningGateway, startGateway } from '@onelink-kit/gateway';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { call, fixture, startTestSim, type TestSim } from './sim-helpers.js';

// The gateway over the simulator, configured as for a real 1LINK (ONELINK_BASE_URL), so its QR check
// is strict: a QR that differs from the request would be refused. State the simulator keeps (tokens,
// RRNs) drives what the gateway stores.

const KEY = 'sim-e2e-key-0123456789abcdef';
const auth = { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' };
const dir = mkdtempSync(join(tmpdir(), 'gateway-sim-'));
let sim: TestSim;
const gateways: RunningGateway[] = [];
let n = 0;

beforeAll(async () => {
  sim = await startTestSim({ only: ['1link-p2m-qr'], config: { tokenTtlS: 600 } });
});
afterEach(async () => {
  for (const gw of gateways.splice(0)) await gw.close(1_000);
});
afterAll(async () => {
  await sim.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function gateway(fetchImpl?: typeof fetch): Promise<RunningGateway> {
  const url = sim.url('1link-p2m-qr');
  const config = parseConfig({
    PORT: '0',
    DATABASE_URL: `sqlite:${join(dir, `gw-${++n}.sqlite`)}`,
    GATEWAY_API_KEYS: KEY,
    ONELINK_BASE_URL: url,
    ONELINK_TOKEN_URL: `${url}/oauth2/token`,
    ONELINK_CLIENT_ID: `gateway-${n}`,
    ONELINK_CLIENT_SECRET: 'gateway-client-secret-value',
    ONELINK_TIMEOUT_MS: '5000',
  });
  const gw = await startGateway(config, {
    logger: createGatewayLogger('silent'),
    ...(fetchImpl ? { fetch: fetchImpl } : {}),
  });
  gateways.push(gw);
  return gw;
}

function merchantRequest(amount: number): Record<string, unknown> {
  const recorded = fixture('generateDQRCMerchant', 'success').request.body as {
    merchantDetails: unknown;
    payerDetails: unknown;
  };
  return {
    merchantDetails: recorded.merchantDetails,
    payerDetails: recorded.payerDetails,
    amount,
    expiresInSeconds: 900,
  };
}

function create(gw: RunningGateway, body: unknown, key = `k-${Date.now()}-${Math.random()}`) {
  return call(`${gw.url}/v1/qr/merchant`, {
    method: 'POST',
    headers: { ...auth, 'idempotency-key': key },
    body: JSON.stringify(body),
  });
}

describe('the gateway over the simulator', () => {
  it('creates a QR that matches its request: 201, succeeded, decoded amount as asked', async () => {
    const gw = await gateway();
    const reply = await create(gw, merchantRequest(9999));
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({
      status: 'succeeded',
      qr: { check: { ok: true, mismatches: [] }, decoded: { amount: '9999.00' } },
    });
  });

  it('refreshes its token when the simulator expired it, and the create succeeds', async () => {
    const gw = await gateway();
    expect((await create(gw, merchantRequest(310))).status).toBe(201);
    sim.advance(601_000);
    expect((await create(gw, merchantRequest(311))).status).toBe(201);
    const seen = (
      (await call(`${sim.url('1link-p2m-qr')}/__sim/requests`)).body.requests as {
        operationId: string;
        status: number;
      }[]
    )
      .slice(-3)
      .map((r) => `${r.operationId} ${r.status}`);
    expect(seen).toEqual(['generateDQRCMerchant 401', 'requestToken 200', 'generateDQRCMerchant 200']);
  });

  it('stores a create whose retry met a duplicate RRN as unknown (it may exist at 1LINK), never as failed', async () => {
    let qrCalls = 0;
    // The first attempt is processed by the simulator, then its connection is reset.
    const resetOnce: typeof fetch = (input, init) => {
      const request = new Request(input, init);
      if (request.url.endsWith('/generateDQRCMerchant') && ++qrCalls === 1)
        request.headers.set('prefer', 'fault=reset');
      return fetch(request);
    };
    const gw = await gateway(resetOnce);
    const reply = await create(gw, merchantRequest(310));
    expect(qrCalls).toBe(2);
    expect(reply.status).toBeGreaterThanOrEqual(500);
    expect(reply.body).toMatchObject({ transactionStatus: 'unknown' });
    const row = await gw.store.findById(String(reply.body.transactionId));
    expect(row).toMatchObject({ status: 'unknown' });
  });
});
