import { createHash } from 'node:crypto';
import type { FakeOneLink } from '@onelink-kit/testkit';
import request from 'supertest';
import { beforeEach } from 'vitest';
import { API_KEY, gatewayForTests, merchantRequest, OTHER_KEY, type TestGateway } from './gateway-harness.js';

/** A key configured as `sha256:<hex>` (GATEWAY_API_KEYS), and that entry. */
export const HASHED_KEY = 'hashed-key-0123456789abcdef';
export const HASHED_ENTRY = `sha256:${createHash('sha256').update(HASHED_KEY).digest('hex')}`;
export const bearer = { Authorization: `Bearer ${API_KEY}` };

/** What a gateway test reads of the body the fake 1LINK received. */
export interface SentBody {
  info?: unknown;
  contactDetails?: unknown;
  paymentDetails?: Record<string, unknown>;
  payerDetails?: { info?: unknown; paymentDetails?: Record<string, unknown> };
}

/**
 * The gateway (three keys: API_KEY, OTHER_KEY and HASHED_KEY by its hash; 800 ms upstream timeout) in
 * front of a fake 1LINK that builds each QR from the request it receives (so a correct gateway sees no
 * mismatch), started before the file's tests and stopped after them; the fake's faults are cleared before
 * each test. Read `fake` and `gw` inside tests.
 */
export function appUnderTest() {
  // A token prefix the log test can look for.
  const started = gatewayForTests(
    { GATEWAY_API_KEYS: `${API_KEY},${OTHER_KEY},${HASHED_ENTRY}`, ONELINK_TIMEOUT_MS: '800' },
    { tokenPrefix: 'fake-token-' },
  );
  beforeEach(() => {
    started.fake.clearFaults();
  });
  const app = {
    get fake(): FakeOneLink {
      return started.fake;
    },
    get gw(): TestGateway {
      return started.gw;
    },
    api() {
      return request(app.gw.url);
    },
    /** A create as the shop with an Idempotency-Key (the merchant request unless another body is given). */
    createWithKey(key: string, body: object = merchantRequest, path = '/v1/qr/merchant') {
      return app.api().post(path).set(bearer).set('Idempotency-Key', key).send(body);
    },
    upstreamCalls(): number {
      return app.fake.calls.merchant + app.fake.calls.aggregator;
    },
    /** Rows in the store (of one caller, when named). */
    async countRows(caller?: string): Promise<number> {
      const query = app.gw.db('gateway_transactions');
      if (caller !== undefined) query.where({ caller });
      const [row] = await query.count({ n: '*' });
      return Number(row?.n);
    },
  };
  return app;
}

/** A 1LINK rejection as the fake answers it. */
export function rejection(status: number, responseCode: string, responseDescription: string) {
  return { status, body: { responseCode, responseDescription } };
}

/** The name an unnamed key gets: `key_` + the first 8 hex digits of its sha256. */
export function callerName(key: string): string {
  return `key_${createHash('sha256').update(key).digest('hex').slice(0, 8)}`;
}

/** A wall-clock time in Pakistan (UTC+5) `ms` from now, as 1LINK writes it (no zone). */
export function pktIn(ms: number): string {
  return new Date(Date.now() + ms + 5 * 3600_000).toISOString().slice(0, 19);
}
