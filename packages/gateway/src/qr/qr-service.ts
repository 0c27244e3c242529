import { randomUUID } from 'node:crypto';
import type { StanRrnAllocator } from '@onelink-kit/core';
import { DEFAULT_IDEMPOTENCY_TTL_MS, idempotencyKeyExpired } from '../idempotency-ttl.js';
import type { Logger } from '../logger.js';
import type { GatewayMetrics } from '../metrics.js';
import { type ProblemBody, ProblemError } from '../problems.js';
import {
  IdempotencyConflict,
  type QrKind,
  type ReplayRecord,
  type TransactionRecord,
  type TransactionsStore,
} from '../storage/transactions-store.js';
import type { PlanLimit } from '../upstream/plan-limit.js';
import type { UpstreamAnswers } from '../upstream/upstream-answers.js';
import { requestHash, settledRow } from './idempotency.js';
import { callQrOperation, type QrOperationDeps, type QrUpstream } from './qr-operation.js';
import type { QrView } from './qr-view.js';
import { responseHeaders } from './response-headers.js';
import {
  type CreateAggregatorQr,
  type CreateMerchantQr,
  type CreateQrInput,
  prepareUpstreamRequest,
  withInfo,
} from './upstream-request.js';

export type { CreateAggregatorQr, CreateMerchantQr, QrUpstream };

/** What the HTTP layer sends back: the same shape fresh or replayed. */
export interface CreateResult {
  status: number;
  body: QrView | ProblemBody;
  headers: Record<string, string>;
  replayed: boolean;
}

export interface QrServiceOptions {
  store: TransactionsStore;
  allocator: StanRrnAllocator;
  upstream: QrUpstream;
  logger: Logger;
  metrics: GatewayMetrics;
  /** Prefix for links in responses ('' gives relative links). */
  publicBaseUrl?: string;
  /** How long a repeated key waits for the first request to finish before answering 409. */
  idempotencyWaitMs?: number;
  now?: () => number;
  /** Extra headers on every upstream call (tests: a Prism scenario). */
  upstreamHeaders?: Record<string, string>;
  /** The raw 1LINK answers by RRN, recorded by the client's response hook (see upstream-client.ts). */
  answers?: UpstreamAnswers;
  /** The upstream is the gateway's default local mock (see qr-acceptance.ts). */
  mockUpstream?: boolean;
  /** How long an Idempotency-Key replays (GATEWAY_IDEMPOTENCY_TTL); later the same key creates a new QR. */
  idempotencyTtlMs?: number;
  /** The 1LINK plan's rate limit (ONELINK_RATE_LIMIT), taken before a STAN/RRN is allocated. */
  planLimit?: Pick<PlanLimit, 'acquire'>;
}

export function createQrService(options: QrServiceOptions) {
  const { store, allocator, upstream, metrics } = options;
  const logger = options.logger.child({ component: 'qr-service' });
  const now = options.now ?? Date.now;
  const baseUrl = options.publicBaseUrl ?? '';
  const waitMs = options.idempotencyWaitMs ?? 30_000;
  const ttlMs = options.idempotencyTtlMs ?? DEFAULT_IDEMPOTENCY_TTL_MS;
  // Made once, not per create: objects built of spreads take V8's slow path each time they are made.
  // The client's amount unit and transaction type: set once (ONELINK_AMOUNT_UNIT/_TRANSACTION_TYPE).
  const layout = {
    ...(upstream.amountUnit ? { amountUnit: upstream.amountUnit } : {}),
    ...(upstream.transactionType ? { transactionType: upstream.transactionType } : {}),
  };
  const operationDeps: QrOperationDeps = {
    upstream,
    metrics,
    baseUrl,
    now,
    ...(options.answers === undefined ? {} : { answers: options.answers }),
    ...(options.upstreamHeaders === undefined ? {} : { upstreamHeaders: options.upstreamHeaders }),
    ...(options.mockUpstream === undefined ? {} : { mockUpstream: options.mockUpstream }),
  };

  async function create(
    kind: QrKind,
    input: CreateQrInput,
    context: {
      caller: string;
      idempotencyKey?: string | undefined;
      /** Bound to every line the create logs, as the request's own log line carries it. */
      requestId?: string | undefined;
    },
  ): Promise<CreateResult> {
    const hash = requestHash({ kind, input });
    const key = context.idempotencyKey;

    // Fast path for a sequential replay: no allocation, no insert.
    if (key !== undefined) {
      const existing = await store.findByIdempotencyKey(context.caller, key);
      if (existing !== undefined && !idempotencyKeyExpired(existing.createdAt, ttlMs, now())) {
        return replay(existing, hash, kind, context.requestId);
      }
      // Expired: the key no longer holds that row, and this request creates a new QR with it.
      if (existing !== undefined) await store.releaseIdempotencyKey(existing.id, key);
    }

    const prepared = prepareUpstreamRequest(kind, input, now(), layout);
    // The plan's limit is taken after every local check and before anything is spent: a refusal
    // leaves no row and no RRN.
    const slot = await options.planLimit?.acquire();
    if (slot !== undefined && !slot.ok) {
      throw new ProblemError(
        'plan-rate-limited',
        `The 1LINK plan's rate limit is reached; nothing was sent. Retry after ${slot.retryAfterSeconds} s.`,
        { retryable: true },
        { 'Retry-After': String(slot.retryAfterSeconds) },
      );
    }
    const ids = await allocator.allocate();
    const body = withInfo(kind, prepared.body, ids);
    // 122 random bits, 32 hex digits: randomUUID draws from Node's cached entropy, where
    // randomBytes(16) asked the kernel on every create (0.8% of a create in the bench profile).
    const id = `qr_${randomUUID().replaceAll('-', '')}`;
    let pending: TransactionRecord;
    try {
      pending = await store.insertPending({
        id,
        kind,
        caller: context.caller,
        idempotencyKey: key ?? null,
        requestHash: hash,
        callerReference: input.reference ?? null,
        stan: ids.stan,
        rrn: ids.rrn,
        amount: input.amount,
        merchantId: input.merchantDetails.merchantID,
        expiryDateTime: prepared.expiryDateTime,
        request: body,
      });
    } catch (error) {
      if (error instanceof IdempotencyConflict && key !== undefined) {
        // Lost the race to a concurrent request with the same key: answer with its result.
        const winner = await store.findByIdempotencyKey(context.caller, key);
        if (winner !== undefined) return replay(winner, hash, kind, context.requestId);
      }
      throw error;
    }

    // A child of the service's long-lived logger with the request id bound here, the same line as a
    // child of the request's logger: pino's child is Object.create(parent), and a per-request parent
    // made a prototype costs V8 a few µs and outlives young-generation collections (gateway README).
    const log = options.logger.child({
      // pino leaves an undefined binding out of the line.
      requestId: context.requestId,
      component: 'qr-service',
      transactionId: id,
      stan: ids.stan,
      rrn: ids.rrn,
      kind,
    });
    const outcome = await callQrOperation(kind, pending, body, log, operationDeps);
    // The response is built from what was just written; no read-back on the hot path.
    await store.complete(id, outcome, { readBack: false, at: outcome.completedAt });
    return {
      status: outcome.responseStatus,
      body: outcome.responseBody as never,
      headers: responseHeaders(
        { id, responseStatus: outcome.responseStatus, error: outcome.error ?? null },
        baseUrl,
      ),
      replayed: false,
    };
  }

  /** A row already holds this caller + key: replay its stored answer (once it has one). */
  async function replay(
    existing: ReplayRecord,
    hash: string,
    kind: QrKind,
    requestId: string | undefined,
  ): Promise<CreateResult> {
    const row = await settledRow(existing, hash, { store, waitMs, now });
    metrics.idempotentReplays.inc({ kind });
    logger.debug({ transactionId: row.id, requestId }, 'idempotent replay');
    return {
      status: row.responseStatus,
      body: row.responseBody as never,
      headers: { ...responseHeaders(row, baseUrl), 'Idempotent-Replayed': 'true' },
      replayed: true,
    };
  }

  return { create };
}

export type QrService = ReturnType<typeof createQrService>;
