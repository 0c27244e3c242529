import type { OneLinkError } from './one-link-error.js';
import { OUTCOME_TABLE, situationOf } from './outcome-table.js';
import { oneLinkResponseCodes, type ResponseCodeTable } from './response-codes.js';
import {
  OneLinkApiError,
  OneLinkAuthError,
  OneLinkNetworkError,
  OneLinkRateLimitError,
} from './upstream-errors.js';

/** Socket-level failures that are safe to retry with the same stan/rrn. */
const RETRYABLE_ERRNOS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_CLOSED',
]);

/** Turns whatever `fetch` threw into a OneLinkNetworkError; the socket error code decides retryability. */
export function networkErrorFrom(
  error: unknown,
  ids: { stan?: string; rrn?: string } = {},
): OneLinkNetworkError {
  const errno = findErrno(error);
  return new OneLinkNetworkError({
    errno,
    retryable: errno !== undefined && RETRYABLE_ERRNOS.has(errno),
    ...ids,
    cause: error,
  });
}

function findErrno(error: unknown): string | undefined {
  // undici wraps the socket error: TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } }),
  // sometimes one level deeper (AggregateError for happy-eyeballs).
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code.length > 0) return code;
    const errors = (current as { errors?: unknown }).errors;
    if (Array.isArray(errors) && errors.length > 0) {
      current = errors[0];
      continue;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * True for errors a retry with the same stan/rrn may fix: the `clientRetries` column of the outcome
 * table. The 1LINK document's retry rule holds there: validation errors and duplicate RRNs are never
 * retried, whatever a response-code table says.
 */
export function isRetryableError(error: unknown): boolean {
  return OUTCOME_TABLE[situationOf(error)].clientRetries;
}

/** One upstream answer, as the client (or the gateway) received it. */
export interface UpstreamAnswer {
  status: number;
  /** Parsed JSON body: a 1LINK `{ responseCode, responseDescription }` or a gateway `{ httpCode, httpMessage }`. */
  body: unknown;
  /** `Retry-After` in seconds, already parsed. */
  retryAfter?: number | undefined;
  stan?: string | undefined;
  rrn?: string | undefined;
  requestId?: string | undefined;
}

/**
 * The typed error for an upstream answer, or `undefined` when the answer is a success. The kind comes from
 * the spec's `x-onelink-response-codes` (via `table`), never from matching strings here: 401 →
 * OneLinkAuthError, 429 / rate-limit → OneLinkRateLimitError, anything else → OneLinkApiError.
 */
export function errorFromResponse(
  answer: UpstreamAnswer,
  table: ResponseCodeTable = oneLinkResponseCodes(),
): OneLinkError | undefined {
  const c = table.read(answer.status, answer.body);
  const ok = answer.status >= 200 && answer.status < 300;
  if (ok && c.kind === 'success') return undefined;
  const ids = {
    ...(answer.stan === undefined ? {} : { stan: answer.stan }),
    ...(answer.rrn === undefined ? {} : { rrn: answer.rrn }),
    ...(answer.requestId === undefined ? {} : { requestId: answer.requestId }),
  };
  if (c.kind === 'auth') {
    return new OneLinkAuthError(`1LINK refused the credentials (HTTP ${answer.status})`, {
      status: answer.status,
      reason: `http-${answer.status}`,
      ...ids,
    });
  }
  if (c.kind === 'rate-limit') return new OneLinkRateLimitError({ retryAfter: answer.retryAfter, ...ids });
  return new OneLinkApiError({
    status: answer.status,
    responseCode: c.code,
    responseDescription: c.description,
    kind: c.kind,
    retryable: c.retryable,
    retryAfter: answer.retryAfter,
    ...ids,
  });
}
