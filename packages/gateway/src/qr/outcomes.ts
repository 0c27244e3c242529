import { problemBody } from '../problems.js';
import type { TransactionOutcome, TransactionRecord } from '../storage/transactions-store.js';
import type { UpstreamFailure } from './classify-upstream-failure.js';
import type { QrCheckResult } from './qr-decode.js';
import { toQrView } from './qr-view.js';

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

/** 1LINK answered 00 with a QR: stored as succeeded, with the decoded payload and its check. */
export function successOutcome(
  answer: { status: number; data: { responseCode: string; qrString: string } },
  row: TransactionRecord,
  checked: QrCheckResult,
  context: { baseUrl: string; completedAt: string },
): TransactionOutcome {
  const { decoded, check } = checked;
  const base: Omit<TransactionOutcome, 'responseStatus' | 'responseBody'> = {
    status: 'succeeded',
    upstreamStatus: answer.status,
    responseCode: answer.data.responseCode,
    upstreamResponse: answer.data,
    qrString: answer.data.qrString,
    qrDecoded: decoded ?? null,
    qrCheck: check,
    qrMismatch: !check.ok,
  };
  if (decoded === undefined) {
    // 1LINK said 00 but the payload is unusable: nothing a caller could show a payer.
    const problem = problemBody(
      'upstream-error',
      `1LINK returned a QR payload that cannot be used: ${check.mismatches[0]?.rule ?? 'invalid'}`,
      idsOf(row, 'succeeded', { retryable: false }),
    );
    return { ...base, responseStatus: problem.status, responseBody: problem, error: problem };
  }
  const done = { ...row, ...base, updatedAt: context.completedAt } as TransactionRecord;
  return {
    ...base,
    responseStatus: 201,
    responseBody: toQrView(done, context.baseUrl),
    completedAt: context.completedAt,
  };
}

/** An error as JSON: the client's errors serialise themselves (secrets scrubbed); others by name and message. */
export function errorJson(error: unknown): Record<string, unknown> {
  if (error && typeof error === 'object' && typeof (error as { toJSON?: unknown }).toJSON === 'function') {
    return (error as { toJSON(): Record<string, unknown> }).toJSON();
  }
  return { name: (error as Error)?.name ?? 'Error', message: String((error as Error)?.message ?? error) };
}
