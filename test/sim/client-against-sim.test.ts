import {
  createOneLinkClient,
  OneLinkApiError,
  type OneLinkClientOptions,
  OneLinkTimeoutError,
} from '@onelink-kit/client';
import type { MerchantQrInput } from '@onelink-kit/core';
import { checkAgainstRequest, toRaastP2M } from '@onelink-kit/emvqr';
import type { SimConfig } from '@onelink-kit/mock/sim';
import { afterEach, describe, expect, it } from 'vitest';
import { call, merchantBody, startTestSim, type TestSim } from './sim-helpers.js';

// @onelink-kit/client against the simulator, for what needs state: a token that expires while the
// client still holds it, a duplicate RRN after a retried attempt, a timeout, a rate-limited burst.

let sim: TestSim | undefined;
afterEach(async () => {
  await sim?.stop();
  sim = undefined;
});

async function start(config: Partial<SimConfig> = {}): Promise<TestSim> {
  sim = await startTestSim({ only: ['1link-p2m-qr'], config });
  return sim;
}

function clientFor(s: TestSim, overrides: Partial<OneLinkClientOptions> = {}) {
  const url = s.url('1link-p2m-qr');
  return createOneLinkClient({
    baseUrl: url,
    tokenUrl: `${url}/oauth2/token`,
    clientId: 'client-under-test',
    clientSecret: 'client-under-test-secret',
    ...overrides,
  });
}

async function journal(s: TestSim): Promise<{ operationId: string; status?: number; note?: string }[]> {
  return (await call(`${s.url('1link-p2m-qr')}/__sim/requests`)).body.requests as never;
}

const body = (s: TestSim) => merchantBody(s.clock()) as unknown as MerchantQrInput;

describe('@onelink-kit/client against the simulator', () => {
  it('gets a QR that matches what it sent', async () => {
    const s = await start();
    const sent = body(s);
    const result = await clientFor(s).generateDQRCMerchant(sent);
    expect(checkAgainstRequest(toRaastP2M(result.data.qrString), sent)).toEqual([]);
  });

  it('refreshes a token that expired upstream while cached, and re-sends once', async () => {
    const s = await start({ tokenTtlS: 600 });
    const client = clientFor(s);
    await client.generateDQRCMerchant(body(s));
    // The simulator's clock passes the token's lifetime; the client's does not, so it still sends it.
    s.advance(601_000);
    const result = await client.generateDQRCMerchant(body(s));
    expect(result.data.responseCode).toBe('00');
    const seen = (await journal(s)).map((e) => `${e.operationId} ${e.status}`);
    expect(seen).toEqual([
      'requestToken 200',
      'generateDQRCMerchant 200',
      'generateDQRCMerchant 401',
      'requestToken 200',
      'generateDQRCMerchant 200',
    ]);
  });

  /** A fetch that adds `Prefer: fault=<fault>` to the first QR attempt only. */
  function faultyOnce(fault: string): { fetch: typeof fetch; qrCalls: () => number } {
    let qrCalls = 0;
    const wrapped: typeof fetch = (input, init) => {
      const request = new Request(input, init);
      if (!request.url.endsWith('/generateDQRCMerchant') || ++qrCalls > 1) return fetch(request);
      request.headers.set('prefer', `fault=${fault}`);
      return fetch(request);
    };
    return { fetch: wrapped, qrCalls: () => qrCalls };
  }

  it('reports a duplicate RRN after a retried broken connection as possiblyProcessed', async () => {
    const s = await start();
    // The first attempt is processed by the simulator, then the connection is reset (no answer).
    const faulty = faultyOnce('reset');
    const client = clientFor(s, {
      fetch: faulty.fetch,
      retry: { maxAttempts: 3, sleep: async () => {}, random: () => 0.5 },
    });
    const error = await client.generateDQRCMerchant(body(s)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OneLinkApiError);
    expect(error).toMatchObject({ kind: 'duplicate', possiblyProcessed: true, status: 409 });
    expect(faulty.qrCalls()).toBe(2);
  });

  it('does not retry a timeout, and the RRN it sent is used upstream (a resend is a duplicate)', async () => {
    const s = await start();
    const faulty = faultyOnce('timeout');
    const client = clientFor(s, {
      fetch: faulty.fetch,
      timeoutMs: 300,
      retry: { maxAttempts: 3, sleep: async () => {} },
    });
    const sent = body(s);
    const error = await client.generateDQRCMerchant(sent).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OneLinkTimeoutError);
    expect(faulty.qrCalls()).toBe(1);
    // The caller's own retry with the same stan/rrn (a client with the default timeout): 1LINK has it.
    const again = await clientFor(s)
      .generateDQRCMerchant(sent)
      .catch((e: unknown) => e);
    expect(again).toMatchObject({ kind: 'duplicate', status: 409 });
  });

  it('rides out a rate-limited burst by honouring Retry-After', async () => {
    const s = await start({ rateLimitPerS: 2 });
    const waits: number[] = [];
    const client = clientFor(s, {
      retry: {
        maxAttempts: 4,
        sleep: (ms) =>
          new Promise((r) => {
            waits.push(ms);
            setTimeout(r, ms);
          }),
      },
    });
    await client.tokens.getToken();
    const results = await Promise.all([1, 2, 3, 4, 5].map(() => client.generateDQRCMerchant(body(s))));
    expect(results.map((r) => r.data.responseCode)).toEqual(['00', '00', '00', '00', '00']);
    const limited = (await journal(s)).filter((e) => e.status === 429);
    expect(limited.length).toBeGreaterThanOrEqual(1);
    expect(waits.length).toBe(limited.length);
    // Retry-After from the simulator (seconds until the next one-second window) is what the client waited.
    for (const w of waits) expect(w).toBe(1000);
  });
});
