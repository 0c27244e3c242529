import { problemBody, type QrFieldMismatch } from '../problems.js';
import type { TransactionOutcome, TransactionRecord } from '../storage/transactions-store.js';
import type { UpstreamFailure } from './classify-upstream-failure.js';
import { mismatchDetail } from './qr-acceptance.js';
import type { QrCheckResult } from './qr-decode.js';
import { toQrView, type ViewedRecord } from './qr-view.js';

// What is stored for a finished 1LINK call: the row's outcome and the answer the caller gets (the
// same answer is replayed for a repeated Idempotency-Key).

type RowIds = Pick<TransactionRecord, 'id' | 'stan' | 'rrn'>;

/** The transaction facts every QR problem carries, so a caller can reconcile by RRN. */
export function idsOf(
  row: RowIds,
  status: string,
  extra: { retryable?: boolean },
): { transactionId: string; transactionStatus: string; stan: string; rrn: string; retryable?: boolean } {
  return { transactionId: row.id, transactionStatus: status, stan: row.stan, rrn: row.rrn, ...extra };
}

/** The stored outcome for a classified failure; `error` is kept as JSON for reconciliation. */
export function failureOutcome(failure: UpstreamFailure, error: unknown, row: RowIds): TransactionOutcome {
  const json = errorJson(error);
  if (failure.errors !== undefined) {
    // Refused locally at send time: nothing reached 1LINK, so there is no upstream side to record.
    const body = problemBody(failure.problem, failure.detail, {
      errors: failure.errors,
      ...idsOf(row, failure.outcome, {}),
    });
    return { status: failure.outcome, responseStatus: body.status, responseBody: body, error: json };
  }
  const body = problemBody(failure.problem, failure.detail, {
    ...idsOf(row, failure.outcome, {
      ...(failure.retryable === undefined ? {} : { retryable: failure.retryable }),
    }),
    ...(failure.responseCode === undefined ? {} : { responseCode: failure.responseCode }),
  });
  return {
    status: failure.outcome,
    upstreamStatus: failure.upstreamStatus ?? null,
    responseCode: failure.responseCode ?? null,
    upstreamResponse: json,
    responseStatus: body.status,
    responseBody: body,
    error: failure.retryAfter === undefined ? json : { ...json, retryAfter: failure.retryAfter },
  };
}

/**
 * 1LINK answered 00. A QR that can be shown is `succeeded` (201, with its decoded payload and the
 * check). One that cannot (missing, unreadable, or disagreeing on a blocking field) is `mismatched`:
 * 1LINK did issue something, so the row keeps the full answer for reconciliation, and the caller
 * gets upstream-qr-mismatch naming each field, sent vs received.
 */
export function successOutcome(
  answer: { status: number; responseCode: string; body: unknown; qrString: string | null },
  row: TransactionRecord,
  checked: QrCheckResult,
  context: { baseUrl: string; completedAt: string; refused: QrFieldMismatch[] },
): TransactionOutcome {
  const { decoded, check } = checked;
  const { refused } = context;
  const base: Omit<TransactionOutcome, 'responseStatus' | 'responseBody'> = {
    status: refused.length > 0 ? 'mismatched' : 'succeeded',
    upstreamStatus: answer.status,
    responseCode: answer.responseCode,
    upstreamResponse: answer.body,
    qrString: answer.qrString,
    qrDecoded: decoded ?? null,
    qrCheck: check,
    qrMismatch: !check.ok,
  };
  if (refused.length > 0) {
    const problem = problemBody('upstream-qr-mismatch', mismatchDetail(refused, decoded === undefined), {
      ...idsOf(row, 'mismatched', { retryable: false }),
      responseCode: answer.responseCode,
      mismatches: refused,
    });
    return {
      ...base,
      responseStatus: problem.status,
      responseBody: problem,
      error: problem,
      completedAt: context.completedAt,
    };
  }
  // The pending row's fields with the outcome's. Object.assign, like a spread, copies a record's plain
  // columns only (its JSON members are getters), which is all a view reads besides what the outcome
  // gives; unlike a literal that starts with a spread, it does not cost V8 a new shape (see qr-view.ts).
  const done: ViewedRecord = Object.assign({}, row, base, { updatedAt: context.completedAt });
  return {
    responseStatus: 201,
    responseBody: toQrView(done, context.baseUrl),
    completedAt: context.completedAt,
    ...base,
  };
}

/** An error as JSON: the client's errors serialise themselves (secrets scrubbed); others by name and message. */
export function errorJson(error: unknown): Record<string, unknown> {
  if (error && typeof error === 'object' && typeof (error as { toJSON?: unknown }).toJSON === 'function') {
    return (error as { toJSON(): Record<string, unknown> }).toJSON();
  }
  return { name: (error as Error)?.name ?? 'Error', message: String((error as Error)?.message ?? error) };
}
