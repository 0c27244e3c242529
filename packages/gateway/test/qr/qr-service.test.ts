import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  OneLinkApiError,
  OneLinkAuthError,
  OneLinkNetworkError,
  OneLinkRateLimitError,
  OneLinkTimeoutError,
  OneLinkValidationError,
  silentLogger,
} from '@onelink-kit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMetrics } from '../../src/metrics.js';
import { ProblemError } from '../../src/problems.js';
import { type CreateMerchantQr, createQrService, type QrUpstream } from '../../src/qr/qr-service.js';
import { closeDatabase, createDatabase, type Database, migrateToLatest } from '../../src/storage/database.js';
import { createRrnAllocator } from '../../src/storage/rrn-allocator.js';
import { createTransactionsStore, type TransactionsStore } from '../../src/storage/transactions-store.js';
import { merchantRequest } from '../support/gateway-harness.js';

// The service with a real SQLite store and an injected upstream whose behaviour each test sets:
// the outcome branches an HTTP fake cannot easily reach (network errors, possibly-processed
// duplicates, local validation after the pre-check, a first request outliving the idempotency wait).

let dir: string;
let db: Database;
let store: TransactionsStore;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gateway-service-'));
  db = createDatabase({ client: 'sqlite', filename: join(dir, 'service.sqlite') });
  await migrateToLatest(db);
  store = createTransactionsStore(db);
});
afterAll(async () => {
  if (db !== undefined) await closeDatabase(db);
  rmSync(dir, { recursive: true, force: true });
});

function service(fail: () => Promise<never>, idempotencyWaitMs = 30_000) {
  const upstream: QrUpstream = { generateDQRCMerchant: fail, generateDQRCAggregator: fail };
  return createQrService({
    store,
    allocator: createRrnAllocator(db),
    upstream,
    logger: silentLogger(),
    metrics: createMetrics({ defaultMetrics: false }),
    idempotencyWaitMs,
  });
}

const ids = { stan: '000001', rrn: '261122000001' };
const api = (kind: ConstructorParameters<typeof OneLinkApiError>[0]['kind'], extra = {}) =>
  new OneLinkApiError({ status: 500, kind, retryable: false, ...ids, ...extra });

describe('failure classification', () => {
  const cases = [
    {
      name: 'possibly processed duplicate (after a retry)',
      error: api('duplicate', { status: 409, responseCode: '94', possiblyProcessed: true }),
      want: { stored: 'unknown', status: 502, problem: 'upstream-error' },
    },
    {
      name: 'business rejection',
      error: api('business', { status: 422, responseCode: '51' }),
      want: { stored: 'rejected', status: 422, problem: 'upstream-rejected' },
    },
    {
      name: 'forbidden',
      error: api('forbidden', { status: 403 }),
      want: { stored: 'failed', status: 502, problem: 'upstream-auth' },
    },
    {
      name: 'not found at the gateway',
      error: api('not-found', { status: 404 }),
      want: { stored: 'failed', status: 502, problem: 'upstream-error' },
    },
    {
      name: 'rate limit error with Retry-After',
      error: new OneLinkRateLimitError({ retryAfter: 7, ...ids }),
      want: { stored: 'failed', status: 429, problem: 'upstream-rate-limited', retryAfter: '7' },
    },
    {
      name: 'token endpoint refused the client',
      error: new OneLinkAuthError('refused', { status: 401, reason: 'invalid_client' }),
      want: { stored: 'failed', status: 502, problem: 'upstream-auth' },
    },
    {
      name: 'timeout',
      error: new OneLinkTimeoutError({ timeoutMs: 10, ...ids }),
      want: { stored: 'unknown', status: 504, problem: 'upstream-timeout' },
    },
    {
      name: 'connection refused (never sent)',
      error: new OneLinkNetworkError({ errno: 'ECONNREFUSED', retryable: true, ...ids }),
      want: { stored: 'failed', status: 502, problem: 'upstream-unreachable' },
    },
    {
      name: 'connection reset (may have been sent)',
      error: new OneLinkNetworkError({ errno: 'ECONNRESET', retryable: true, ...ids }),
      want: { stored: 'unknown', status: 502, problem: 'upstream-unreachable' },
    },
    {
      name: 'local validation at send time',
      error: new OneLinkValidationError([
        {
          field: 'paymentDetails.expiryDateTime',
          rule: 'min-lead',
          message: 'must be at least 60s in the future',
        },
      ]),
      want: { stored: 'failed', status: 400, problem: 'validation' },
    },
    {
      name: 'a bug (plain Error)',
      error: new TypeError('boom'),
      want: { stored: 'unknown', status: 500, problem: 'internal' },
    },
  ];
  it.each(cases)('$name → row $want.stored, $want.status $want.problem', async ({ error, want }) => {
    const svc = service(() => Promise.reject(error));
    const result = await svc.create('merchant', merchantRequest as CreateMerchantQr, { caller: 'key_test' });
    expect(result.status).toBe(want.status);
    const body = result.body as { type: string; transactionId: string; transactionStatus: string };
    expect(body.type).toBe(`urn:onelink-kit:problem:${want.problem}`);
    expect(body.transactionStatus).toBe(want.stored);
    const row = await store.findById(body.transactionId);
    expect(row?.status).toBe(want.stored);
    expect(row?.responseStatus).toBe(want.status);
    if ('retryAfter' in want) expect(result.headers['Retry-After']).toBe(want.retryAfter);
    if (want.problem === 'validation') {
      expect(result.body).toMatchObject({ errors: [{ field: 'body.expiresAt', rule: 'min-lead' }] });
    }
    // Error text from a bug stays in the log, not in the answer.
    expect(JSON.stringify(result.body)).not.toContain('boom');
  });
});

describe('idempotency wait', () => {
  it('a repeat that outlives the wait gets 409 idempotency-in-progress with Retry-After', async () => {
    let release: (e: Error) => void = () => {};
    const svc = service(() => new Promise<never>((_, reject) => (release = reject)), 150);
    const context = { caller: 'key_wait', idempotencyKey: 'slow-1' };
    const first = svc.create('merchant', merchantRequest as CreateMerchantQr, context);
    while ((await store.findByIdempotencyKey('key_wait', 'slow-1')) === undefined) {
      await new Promise((r) => setTimeout(r, 5));
    }
    const repeat = await svc
      .create('merchant', merchantRequest as CreateMerchantQr, context)
      .catch((error: unknown) => error);
    expect(repeat).toBeInstanceOf(ProblemError);
    expect((repeat as ProblemError).problem).toBe('idempotency-in-progress');
    expect((repeat as ProblemError).headers['Retry-After']).toBe('1');
    release(new OneLinkTimeoutError({ timeoutMs: 1, ...ids }));
    expect((await first).status).toBe(504);
  });
});
