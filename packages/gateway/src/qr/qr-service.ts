import { randomBytes } from 'node:crypto';
import {
  formatOneLinkDateTime,
  OneLinkApiError,
  OneLinkAuthError,
  type OneLinkClient,
  OneLinkNetworkError,
  OneLinkRateLimitError,
  OneLinkTimeoutError,
  OneLinkValidationError,
  type QrOperationId,
  qrRequestIssues,
  type ValidationIssue,
} from '@onelink-kit/client';
import type { OneLinkQrRequestLike } from '@onelink-kit/emvqr';
import type { RequestBody } from '@onelink-kit/generated/gateway';
import { type ProblemBody, ProblemError, type ProblemName, problemBody } from '../http/problems.js';
import type { Logger } from '../logger.js';
import type { GatewayMetrics } from '../metrics.js';
import type { StanRrnAllocator } from '../storage/rrn-allocator.js';
import {
  IdempotencyConflict,
  type QrKind,
  type TransactionOutcome,
  type TransactionRecord,
  type TransactionsStore,
} from '../storage/transactions-store.js';
import type { UpstreamAnswers } from '../upstream/upstream-answers.js';
import { requestHash } from './idempotency.js';
import { decodeAndCheck } from './qr-decode.js';
import { type QrView, toQrView } from './qr-view.js';

export type CreateMerchantQr = RequestBody<'createMerchantQr'>;
export type CreateAggregatorQr = RequestBody<'createAggregatorQr'>;

export type QrUpstream = Pick<OneLinkClient, 'generateDQRCMerchant' | 'generateDQRCAggregator'>;

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
}

const OPERATION: Record<QrKind, QrOperationId> = {
  merchant: 'generateDQRCMerchant',
  aggregator: 'generateDQRCAggregator',
};

const TRANSACTION_TYPE = 'P2M';
const EXPIRY_CHECK_MARGIN_MS = 2_000;
// Shape-valid stand-ins so the 1LINK rules can be checked before an RRN is spent on a bad request.
const PLACEHOLDER_INFO = { stan: '000000', rrn: '000000000000' };

export function createQrService(options: QrServiceOptions) {
  const { store, allocator, upstream, metrics } = options;
  const logger = options.logger.child({ component: 'qr-service' });
  const now = options.now ?? Date.now;
  const baseUrl = options.publicBaseUrl ?? '';
  const waitMs = options.idempotencyWaitMs ?? 30_000;

  async function create(
    kind: QrKind,
    input: CreateMerchantQr | CreateAggregatorQr,
    context: {
      caller: string;
      idempotencyKey?: string | undefined;
      requestId?: string | undefined;
      /** The request's logger (bound to its request id); defaults to the service logger. */
      logger?: Logger | undefined;
    },
  ): Promise<CreateResult> {
    const hash = requestHash({ kind, input });
    const key = context.idempotencyKey;

    // Fast path for a sequential replay: no allocation, no insert.
    if (key !== undefined) {
      const existing = await store.findByIdempotencyKey(context.caller, key);
      if (existing !== undefined) return answerExisting(existing, hash, kind, context.requestId);
    }

    const startedAt = now();
    const expiryDateTime = resolveExpiry(input, startedAt);
    const upstreamBody = buildUpstreamBody(kind, input, {
      executionDateTime: formatOneLinkDateTime(startedAt),
      expiryDateTime,
    });
    // Checked as if a little later than now: the client checks again when it sends, and an expiry
    // that only just passes here must not fail there after a row and an RRN were spent on it.
    const issues = qrRequestIssues(OPERATION[kind], withInfo(kind, upstreamBody, PLACEHOLDER_INFO), {
      now: startedAt + EXPIRY_CHECK_MARGIN_MS,
    });
    if (issues.length > 0) throw validationProblem(issues, input);

    const ids = await allocator.allocate();
    const body = withInfo(kind, upstreamBody, ids);
    const id = `qr_${randomBytes(16).toString('hex')}`;
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
        expiryDateTime,
        request: body,
      });
    } catch (error) {
      if (error instanceof IdempotencyConflict && key !== undefined) {
        // Lost the race to a concurrent request with the same key: answer with its result.
        const winner = await store.findByIdempotencyKey(context.caller, key);
        if (winner !== undefined) return answerExisting(winner, hash, kind, context.requestId);
      }
      throw error;
    }

    const log = (context.logger ?? options.logger).child({
      component: 'qr-service',
      transactionId: id,
      stan: ids.stan,
      rrn: ids.rrn,
      kind,
    });
    const outcome = await callUpstream(kind, pending, body, log);
    // The response is built from what was just written; no read-back on the hot path.
    await store.complete(id, outcome, { readBack: false, at: outcome.completedAt });
    return {
      status: outcome.responseStatus,
      body: outcome.responseBody as never,
      headers: headersFor({ id, responseStatus: outcome.responseStatus, error: outcome.error ?? null }),
      replayed: false,
    };
  }

  async function callUpstream(
    kind: QrKind,
    pending: TransactionRecord,
    body: Record<string, unknown>,
    log: Logger,
  ): Promise<TransactionOutcome> {
    const operation = OPERATION[kind];
    const callOptions = options.upstreamHeaders ? { headers: options.upstreamHeaders } : {};
    let result: { data: unknown; status: number };
    try {
      result =
        kind === 'merchant'
          ? await upstream.generateDQRCMerchant(body as never, callOptions)
          : await upstream.generateDQRCAggregator(body as never, callOptions);
    } catch (error) {
      const failure = classifyFailure(error, pending);
      // The exact answer 1LINK sent (not just the client's summary of it), when there was one.
      const answer = options.answers?.take(pending.rrn);
      if (answer !== undefined) failure.outcome.upstreamResponse = answer;
      metrics.upstreamOutcomes.inc({
        operation,
        response_code: failure.label,
        outcome: failure.outcome.status,
      });
      const level = failure.outcome.status === 'unknown' ? 'error' : 'warn';
      log[level](
        { err: errorJson(error), outcome: failure.outcome.status },
        '1LINK call did not produce a QR',
      );
      return failure.outcome;
    }
    options.answers?.take(pending.rrn);

    const data = result.data as { responseCode: string; responseDescription: string; qrString: string };
    metrics.upstreamOutcomes.inc({ operation, response_code: data.responseCode, outcome: 'succeeded' });
    let checked: ReturnType<typeof decodeAndCheck>;
    try {
      checked = decodeAndCheck(data.qrString, body as OneLinkQrRequestLike);
    } catch (error) {
      // A decoder bug must not lose the answer: 1LINK issued the QR, so it is stored as such.
      log.error({ err: errorJson(error) }, 'QR decoding failed');
      checked = {
        decoded: undefined,
        check: {
          ok: false,
          mismatches: [
            {
              field: 'qrString',
              tag: '',
              expected: 'a decodable payload',
              actual: null,
              rule: (error as Error).message,
            },
          ],
        },
      };
    }
    const { decoded, check } = checked;
    if (!check.ok) {
      metrics.qrMismatches.inc({ kind });
      log.warn(
        { mismatches: check.mismatches },
        'QR from 1LINK disagrees with the request (stored and reported)',
      );
    }
    const base: Omit<TransactionOutcome, 'responseStatus' | 'responseBody'> = {
      status: 'succeeded',
      upstreamStatus: result.status,
      responseCode: data.responseCode,
      upstreamResponse: data,
      qrString: data.qrString,
      qrDecoded: decoded ?? null,
      qrCheck: check,
      qrMismatch: !check.ok,
    };
    if (decoded === undefined) {
      // 1LINK said 00 but the payload is unusable: nothing a caller could show a payer.
      const problem = problemBody(
        'upstream-error',
        `1LINK returned a QR payload that cannot be used: ${check.mismatches[0]?.rule ?? 'invalid'}`,
        idsOf(pending, 'succeeded', { retryable: false }),
      );
      return { ...base, responseStatus: problem.status, responseBody: problem, error: problem };
    }
    const completedAt = new Date(now()).toISOString();
    const done = { ...pending, ...base, updatedAt: completedAt } as TransactionRecord;
    return { ...base, responseStatus: 201, responseBody: toQrView(done, baseUrl), completedAt };
  }

  function classifyFailure(
    error: unknown,
    pending: TransactionRecord,
  ): { label: string; outcome: TransactionOutcome } {
    const make = (
      status: TransactionOutcome['status'],
      problem: ProblemName,
      detail: string,
      facts: { upstreamStatus?: number; responseCode?: string; retryable: boolean; retryAfter?: number },
    ): TransactionOutcome => {
      const body = problemBody(problem, detail, {
        ...idsOf(pending, status, { retryable: facts.retryable }),
        ...(facts.responseCode === undefined ? {} : { responseCode: facts.responseCode }),
      });
      return {
        status,
        upstreamStatus: facts.upstreamStatus ?? null,
        responseCode: facts.responseCode ?? null,
        upstreamResponse: errorJson(error),
        responseStatus: body.status,
        responseBody: body,
        error:
          facts.retryAfter === undefined
            ? errorJson(error)
            : { ...errorJson(error), retryAfter: facts.retryAfter },
      };
    };

    if (error instanceof OneLinkApiError) {
      const label = error.responseCode ?? `http-${error.status}`;
      const description = error.responseDescription ?? `HTTP ${error.status}`;
      const facts = {
        upstreamStatus: error.status,
        ...(error.responseCode === undefined ? {} : { responseCode: error.responseCode }),
        retryable: error.retryable,
      };
      if (error.possiblyProcessed) {
        return {
          label,
          outcome: make(
            'unknown',
            'upstream-error',
            `${description}. An earlier attempt with this RRN may have been processed; reconcile by RRN.`,
            { ...facts, retryable: false },
          ),
        };
      }
      switch (error.kind) {
        case 'validation':
        case 'business':
          return {
            label,
            outcome: make('rejected', 'upstream-rejected', `${description}. Not retried.`, facts),
          };
        case 'duplicate':
          return {
            label,
            outcome: make('rejected', 'upstream-duplicate-rrn', `${description}. Not retried.`, facts),
          };
        case 'auth':
        case 'forbidden':
          return { label, outcome: make('failed', 'upstream-auth', description, facts) };
        case 'rate-limit':
          return { label, outcome: make('failed', 'upstream-rate-limited', description, facts) };
        case 'not-found':
        case 'signature':
          // The API gateway refused the call itself (wrong path or signature): nothing was processed.
          return { label, outcome: make('failed', 'upstream-error', description, facts) };
        case 'transient':
          return { label, outcome: make('failed', 'upstream-unavailable', description, facts) };
        default:
          // 96 and other 5xx: the QR may exist upstream.
          return {
            label,
            outcome: make(
              'unknown',
              'upstream-error',
              `${description}. The QR may exist upstream; reconcile by RRN.`,
              {
                ...facts,
                retryable: false,
              },
            ),
          };
      }
    }
    if (error instanceof OneLinkRateLimitError) {
      const after = error.retryAfter;
      return {
        label: 'http-429',
        outcome: make(
          'failed',
          'upstream-rate-limited',
          after === undefined ? 'Rate limit exceeded.' : `Retry after ${after} seconds.`,
          { upstreamStatus: 429, retryable: true, ...(after === undefined ? {} : { retryAfter: after }) },
        ),
      };
    }
    if (error instanceof OneLinkAuthError) {
      return {
        label: 'auth',
        outcome: make('failed', 'upstream-auth', `1LINK refused the credentials (${error.reason}).`, {
          ...(error.status === undefined ? {} : { upstreamStatus: error.status }),
          retryable: false,
        }),
      };
    }
    if (error instanceof OneLinkTimeoutError) {
      return {
        label: 'timeout',
        outcome: make(
          'unknown',
          'upstream-timeout',
          `No answer within ${error.timeoutMs} ms. The QR may exist upstream; reconcile by RRN.`,
          { retryable: false },
        ),
      };
    }
    if (error instanceof OneLinkNetworkError) {
      // A refused connection never reached 1LINK; a reset mid-request might have.
      const neverSent =
        error.errno === 'ECONNREFUSED' || error.errno === 'ENOTFOUND' || error.errno === 'EAI_AGAIN';
      return {
        label: `network-${error.errno ?? 'error'}`,
        outcome: make(
          neverSent ? 'failed' : 'unknown',
          'upstream-unreachable',
          neverSent
            ? `Could not connect to 1LINK (${error.errno}).`
            : `The connection to 1LINK failed (${error.errno ?? 'network error'}); reconcile by RRN.`,
          { retryable: neverSent },
        ),
      };
    }
    if (error instanceof OneLinkValidationError) {
      // Time passed between the pre-check and the send (e.g. expiry lead); nothing was sent.
      const body = validationProblem(error.issues, undefined).body();
      return {
        label: 'local-validation',
        outcome: {
          status: 'failed',
          responseStatus: 400,
          responseBody: { ...body, ...idsOf(pending, 'failed', {}) },
          error: errorJson(error),
        },
      };
    }
    return {
      label: 'internal',
      outcome: make('unknown', 'internal', 'Unexpected error while calling 1LINK; reconcile by RRN.', {
        retryable: false,
      }),
    };
  }

  /** A row already holds this caller + key: replay it, refuse a different body, or wait for it. */
  async function answerExisting(
    existing: TransactionRecord,
    hash: string,
    kind: QrKind,
    requestId: string | undefined,
  ): Promise<CreateResult> {
    if (existing.requestHash !== hash) {
      throw new ProblemError('idempotency-key-reused', 'Use a new Idempotency-Key for a different request.', {
        transactionId: existing.id,
        errors: [
          {
            field: 'header.Idempotency-Key',
            rule: 'same-body',
            message: 'was first used with a different body',
          },
        ],
      });
    }
    let row: TransactionRecord | undefined = existing;
    const deadline = now() + waitMs;
    let delay = 10;
    while (row !== undefined && row.responseStatus === null && row.status === 'pending' && now() < deadline) {
      await sleep(delay);
      delay = Math.min(delay * 2, 200);
      row = await store.findById(existing.id);
    }
    if (row === undefined) throw new Error(`transaction ${existing.id} vanished`);
    if (row.responseStatus === null || row.responseBody === null) {
      if (row.status === 'pending') {
        throw new ProblemError(
          'idempotency-in-progress',
          'Retry after a moment to get its result.',
          { retryable: true, transactionId: row.id },
          { 'Retry-After': '1' },
        );
      }
      // Recovered after a crash: the first caller never got an answer either.
      throw new ProblemError(
        'upstream-timeout',
        'The first request with this key was interrupted; the QR may exist upstream. Reconcile by RRN.',
        idsOf(row, row.status, { retryable: false }),
      );
    }
    metrics.idempotentReplays.inc({ kind });
    logger.debug({ transactionId: row.id, requestId }, 'idempotent replay');
    return {
      status: row.responseStatus,
      body: row.responseBody as never,
      headers: { ...headersFor(row), 'Idempotent-Replayed': 'true' },
      replayed: true,
    };
  }

  function headersFor(
    row: Pick<TransactionRecord, 'id' | 'responseStatus' | 'error'>,
  ): Record<string, string> {
    const headers: Record<string, string> = {};
    if (row.responseStatus === 201) headers.Location = `${baseUrl}/v1/qr/${row.id}`;
    const retryAfter = (row.error as { retryAfter?: unknown } | null)?.retryAfter;
    if (typeof retryAfter === 'number') headers['Retry-After'] = String(retryAfter);
    return headers;
  }

  function resolveExpiry(input: CreateMerchantQr | CreateAggregatorQr, at: number): string {
    const hasAt = input.expiresAt !== undefined;
    const hasIn = input.expiresInSeconds !== undefined;
    if (hasAt === hasIn) {
      const message = hasAt
        ? 'give only one of expiresAt or expiresInSeconds'
        : 'give expiresAt or expiresInSeconds';
      throw new ProblemError('validation', `body.expiresAt: ${message}`, {
        errors: [{ field: 'body.expiresAt', rule: 'exactly-one-of', message }],
      });
    }
    return input.expiresAt ?? formatOneLinkDateTime(at + input.expiresInSeconds! * 1000);
  }

  return { create };
}

export type QrService = ReturnType<typeof createQrService>;

/** The 1LINK body for a gateway request (info is added separately). */
export function buildUpstreamBody(
  kind: QrKind,
  input: CreateMerchantQr | CreateAggregatorQr,
  dates: { executionDateTime: string; expiryDateTime: string },
): Record<string, unknown> {
  const paymentDetails = {
    executionDateTime: dates.executionDateTime,
    expiryDateTime: dates.expiryDateTime,
    instructedAmount: input.amount,
    transactionType: TRANSACTION_TYPE,
  };
  if (kind === 'merchant') {
    const m = input as CreateMerchantQr;
    return {
      merchantDetails: m.merchantDetails,
      ...(m.payerDetails === undefined ? {} : { payerDetails: m.payerDetails }),
      paymentDetails,
    };
  }
  const a = input as CreateAggregatorQr;
  return {
    merchantDetails: a.merchantDetails,
    ...(a.contactDetails === undefined ? {} : { contactDetails: a.contactDetails }),
    ...(a.geoLocation === undefined ? {} : { geoLocation: a.geoLocation }),
    // The seed's aggregator layout nests paymentDetails and info inside payerDetails.
    payerDetails: { ...(a.payerDetails ?? {}), paymentDetails },
  };
}

function withInfo(
  kind: QrKind,
  body: Record<string, unknown>,
  info: { stan: string; rrn: string },
): Record<string, unknown> {
  if (kind === 'merchant') return { ...body, info: { stan: info.stan, rrn: info.rrn } };
  const payer = body.payerDetails as Record<string, unknown>;
  return { ...body, payerDetails: { ...payer, info: { stan: info.stan, rrn: info.rrn } } };
}

/** 1LINK field paths back to the gateway request's names, so the caller sees their own field. */
function validationProblem(
  issues: ValidationIssue[],
  input: CreateMerchantQr | CreateAggregatorQr | undefined,
) {
  const expiryField = input?.expiresInSeconds !== undefined ? 'body.expiresInSeconds' : 'body.expiresAt';
  const mapped = issues.map((issue) => {
    let field = issue.field.replace(/^payerDetails\.(?=paymentDetails\.)/, '');
    if (/^paymentDetails\.expiryDateTime$/.test(field)) field = expiryField;
    else if (/^paymentDetails\.instructedAmount$/.test(field)) field = 'body.amount';
    else if (/^paymentDetails\.executionDateTime$/.test(field)) field = 'body (execution time)';
    else field = `body.${field}`;
    return { field, rule: issue.rule, message: issue.message };
  });
  const first = mapped[0];
  return new ProblemError('validation', first ? `${first.field}: ${first.message}` : undefined, {
    errors: mapped,
  });
}

function idsOf(
  row: TransactionRecord,
  status: string,
  extra: { retryable?: boolean },
): { transactionId: string; transactionStatus: string; stan: string; rrn: string; retryable?: boolean } {
  return { transactionId: row.id, transactionStatus: status, stan: row.stan, rrn: row.rrn, ...extra };
}

function errorJson(error: unknown): Record<string, unknown> {
  if (error && typeof error === 'object' && typeof (error as { toJSON?: unknown }).toJSON === 'function') {
    return (error as { toJSON(): Record<string, unknown> }).toJSON();
  }
  return { name: (error as Error)?.name ?? 'Error', message: String((error as Error)?.message ?? error) };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
