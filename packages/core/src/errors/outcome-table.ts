import { SecretUnavailableError } from '../secrets/secret-error.js';
import { OneLinkValidationError } from './one-link-error.js';
import {
  OneLinkAnswerTooLargeError,
  OneLinkApiError,
  OneLinkAuthError,
  OneLinkNetworkError,
  OneLinkRateLimitError,
  OneLinkTimeoutError,
  OneLinkTokenUnavailableError,
} from './upstream-errors.js';

/**
 * What reconciliation relies on, in one table: for every way a 1LINK QR call can end, whether the
 * client retries it (same STAN/RRN), how the gateway stores it, and whether the caller may send the
 * request again. The client's retry loop (isRetryableError) and the gateway's classifier both read it;
 * README's outcome table is checked against it by a test.
 *
 * The line that matters most is between `failed` and `unknown`: whatever may have reached 1LINK's QR
 * operation (a timeout, a broken connection, a 5xx, a duplicate after a retry) can have created a QR,
 * so it is never called retryable for the caller and must be reconciled by RRN.
 */
export type TransactionOutcomeStatus = 'succeeded' | 'mismatched' | 'rejected' | 'failed' | 'unknown';

export interface OutcomeRule {
  /** When this row applies, in words (README's first column). */
  when: string;
  /** The client sends the same body again (same STAN/RRN) within its retry budget. */
  clientRetries: boolean;
  /** The stored transaction status. */
  outcome: TransactionOutcomeStatus;
  /** Whether the caller may send the request again as a new transaction; null when not said. */
  callerMayRetry: boolean | null;
}

export const OUTCOME_TABLE = {
  succeeded: {
    when: '1LINK answered 00 with a QR that matches the request',
    clientRetries: false,
    outcome: 'succeeded',
    callerMayRetry: null,
  },
  'qr-mismatch': {
    when: '00, but the QR disagrees with the request (amount, IBAN/merchant account, merchant name, RRN), is missing or fails its CRC',
    clientRetries: false,
    outcome: 'mismatched',
    callerMayRetry: false,
  },
  'refused-locally': {
    when: 'the request broke a rule at send time (nothing sent)',
    clientRetries: false,
    outcome: 'failed',
    callerMayRetry: null,
  },
  'secret-unavailable': {
    when: 'the client secret cannot be read (nothing sent)',
    clientRetries: false,
    outcome: 'failed',
    callerMayRetry: false,
  },
  'credentials-refused': {
    when: 'the token endpoint refused the client (400/401/403), or 401 again after one refresh, or 403',
    clientRetries: false,
    outcome: 'failed',
    callerMayRetry: false,
  },
  'token-unavailable': {
    when: 'the token endpoint failed (5xx, not a token, reset, timeout): the QR operation was not called',
    clientRetries: true,
    outcome: 'failed',
    callerMayRetry: true,
  },
  rejected: {
    when: '1LINK validation or business code (12, 13, 30)',
    clientRetries: false,
    outcome: 'rejected',
    callerMayRetry: false,
  },
  duplicate: {
    when: 'duplicate RRN (94) on the first attempt',
    clientRetries: false,
    outcome: 'rejected',
    callerMayRetry: false,
  },
  'duplicate-after-retry': {
    when: 'duplicate RRN (94) on a retried attempt: the first may have been processed',
    clientRetries: false,
    outcome: 'unknown',
    callerMayRetry: false,
  },
  'rate-limited': {
    when: 'HTTP 429 (Retry-After honoured)',
    clientRetries: true,
    outcome: 'failed',
    callerMayRetry: true,
  },
  unavailable: {
    when: 'a code the spec marks retryable (91 switch or issuer inoperative), or 503',
    clientRetries: true,
    outcome: 'failed',
    callerMayRetry: true,
  },
  'gateway-refused': {
    when: "1LINK's API gateway refused the call itself (404 path, signature)",
    clientRetries: false,
    outcome: 'failed',
    callerMayRetry: false,
  },
  'intermediary-5xx': {
    when: 'HTTP 502 or 504 without a 1LINK response code (a proxy answered; 1LINK may have processed it)',
    clientRetries: true,
    outcome: 'unknown',
    callerMayRetry: false,
  },
  malfunction: {
    when: '96, 500, another 5xx, or a 2xx that is not a readable answer',
    clientRetries: false,
    outcome: 'unknown',
    callerMayRetry: false,
  },
  'answer-too-large': {
    when: 'the answer is longer than the client reads (kept truncated, with a note)',
    clientRetries: false,
    outcome: 'unknown',
    callerMayRetry: false,
  },
  timeout: {
    when: 'no answer within the timeout',
    clientRetries: false,
    outcome: 'unknown',
    callerMayRetry: false,
  },
  'connection-refused': {
    when: 'the connection was refused or the host not found (nothing sent)',
    clientRetries: true,
    outcome: 'failed',
    callerMayRetry: true,
  },
  'connection-broken': {
    when: 'the connection broke mid-request (reset, closed)',
    clientRetries: true,
    outcome: 'unknown',
    callerMayRetry: false,
  },
  'connection-failed': {
    when: 'another transport failure (TLS, an unreadable answer)',
    clientRetries: false,
    outcome: 'unknown',
    callerMayRetry: false,
  },
  internal: {
    when: 'an unexpected error while calling 1LINK',
    clientRetries: false,
    outcome: 'unknown',
    callerMayRetry: false,
  },
} as const satisfies Record<string, OutcomeRule>;

export type UpstreamSituation = keyof typeof OUTCOME_TABLE;

/** Socket errors that mean the request never left: nothing can exist upstream. */
const NEVER_SENT_ERRNOS: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** HTTP statuses a proxy in front of 1LINK answers with after forwarding (or while forwarding) the call. */
const INTERMEDIARY_STATUSES: ReadonlySet<number> = new Set([502, 504]);

/** Which row of OUTCOME_TABLE an error thrown by a 1LINK call falls in. */
export function situationOf(error: unknown): UpstreamSituation {
  if (error instanceof OneLinkApiError) return apiSituation(error);
  if (error instanceof OneLinkTokenUnavailableError) return 'token-unavailable';
  if (error instanceof OneLinkRateLimitError) return 'rate-limited';
  if (error instanceof SecretUnavailableError) return 'secret-unavailable';
  if (error instanceof OneLinkAuthError) return 'credentials-refused';
  if (error instanceof OneLinkTimeoutError) return 'timeout';
  if (error instanceof OneLinkAnswerTooLargeError) return 'answer-too-large';
  if (error instanceof OneLinkValidationError) return 'refused-locally';
  if (error instanceof OneLinkNetworkError) {
    if (error.errno !== undefined && NEVER_SENT_ERRNOS.has(error.errno)) return 'connection-refused';
    return error.retryable ? 'connection-broken' : 'connection-failed';
  }
  return 'internal';
}

function apiSituation(error: OneLinkApiError): UpstreamSituation {
  if (error.possiblyProcessed) return 'duplicate-after-retry';
  if (error.responseCode === undefined && INTERMEDIARY_STATUSES.has(error.status)) {
    return 'intermediary-5xx';
  }
  switch (error.kind) {
    case 'validation':
    case 'business':
      return 'rejected';
    case 'duplicate':
      return 'duplicate';
    case 'auth':
    case 'forbidden':
      return 'credentials-refused';
    case 'rate-limit':
      return 'rate-limited';
    case 'not-found':
    case 'signature':
      return 'gateway-refused';
    case 'success':
      // A 2xx the client could not use (no body, not JSON): nothing it can vouch for.
      return 'malfunction';
    case 'transient':
      // The upstream's own table says this code means "not processed, try again" (91, 503).
      return error.retryable ? 'unavailable' : 'malfunction';
    default:
      // 96, 500 and other failures: whatever a table says, the QR may exist.
      return 'malfunction';
  }
}

/** The row for an error: what the client, the store and the caller do with it. */
export function outcomeRuleOf(error: unknown): OutcomeRule & { situation: UpstreamSituation } {
  const situation = situationOf(error);
  return { situation, ...OUTCOME_TABLE[situation] };
}
