import {
  OneLinkApiError,
  OneLinkAuthError,
  OneLinkNetworkError,
  OneLinkRateLimitError,
  OneLinkTimeoutError,
  OneLinkValidationError,
  SecretUnavailableError,
} from '@onelink-kit/core';
import type { ProblemIssue, ProblemName } from '../problems.js';
import { gatewayIssues } from './upstream-request.js';

/** What a QR create that threw is stored as (never `succeeded`, never `pending`). */
export type FailureOutcome = 'failed' | 'rejected' | 'unknown';

/** Everything the gateway decides about an error from the 1LINK call; no store, no request. */
export interface UpstreamFailure {
  /** Bounded metric label: 1LINK's response code, http-NNN, timeout, network-ERRNO, auth, … */
  label: string;
  /** failed: not processed, safe to retry with a new request; rejected: 1LINK said no; unknown: may exist upstream. */
  outcome: FailureOutcome;
  problem: ProblemName;
  /** Shown to the caller: never the message of an unexpected error (that stays in the log). */
  detail: string;
  /** Whether the caller may retry with a new request; not said for a local validation failure. */
  retryable?: boolean;
  upstreamStatus?: number;
  responseCode?: string;
  /** Seconds, from 1LINK's Retry-After. */
  retryAfter?: number;
  /** Local validation at send time: the issues under the gateway request's field names. */
  errors?: ProblemIssue[];
}

/**
 * The one table from "the 1LINK call threw this" to the stored outcome and the caller's problem.
 * The line that matters most is between `failed` and `unknown`: a call that may have reached 1LINK
 * (timeout, reset connection, 5xx, a duplicate after a retry) can have created a QR, so it is never
 * reported as safely retryable and must be reconciled by RRN.
 */
export function classifyUpstreamFailure(error: unknown): UpstreamFailure {
  if (error instanceof OneLinkApiError) return fromApiError(error);
  if (error instanceof OneLinkRateLimitError) {
    const after = error.retryAfter;
    return {
      label: 'http-429',
      outcome: 'failed',
      problem: 'upstream-rate-limited',
      detail: after === undefined ? 'Rate limit exceeded.' : `Retry after ${after} seconds.`,
      upstreamStatus: 429,
      retryable: true,
      ...(after === undefined ? {} : { retryAfter: after }),
    };
  }
  if (error instanceof SecretUnavailableError) {
    // The gateway's own configuration (a rotated secret file missing or empty): nothing was sent,
    // and it is not 1LINK refusing. The variable is named; the path and the value never are.
    return {
      label: 'secret-unavailable',
      outcome: 'failed',
      problem: 'internal',
      detail: `The gateway cannot read its 1LINK client secret (${error.variable ?? 'secret file'}); nothing was sent.`,
      retryable: false,
    };
  }
  if (error instanceof OneLinkAuthError) {
    return {
      label: 'auth',
      outcome: 'failed',
      problem: 'upstream-auth',
      detail: `1LINK refused the credentials (${error.reason}).`,
      ...(error.status === undefined ? {} : { upstreamStatus: error.status }),
      retryable: false,
    };
  }
  if (error instanceof OneLinkTimeoutError) {
    return {
      label: 'timeout',
      outcome: 'unknown',
      problem: 'upstream-timeout',
      detail: `No answer within ${error.timeoutMs} ms. The QR may exist upstream; reconcile by RRN.`,
      retryable: false,
    };
  }
  if (error instanceof OneLinkNetworkError) {
    // A refused connection never reached 1LINK; a reset mid-request might have.
    const neverSent =
      error.errno === 'ECONNREFUSED' || error.errno === 'ENOTFOUND' || error.errno === 'EAI_AGAIN';
    return {
      label: `network-${error.errno ?? 'error'}`,
      outcome: neverSent ? 'failed' : 'unknown',
      problem: 'upstream-unreachable',
      detail: neverSent
        ? `Could not connect to 1LINK (${error.errno}).`
        : `The connection to 1LINK failed (${error.errno ?? 'network error'}); reconcile by RRN.`,
      retryable: neverSent,
    };
  }
  if (error instanceof OneLinkValidationError) {
    // Time passed between the pre-check and the send (e.g. expiry lead); nothing was sent.
    const errors = gatewayIssues(error.issues, undefined);
    const first = errors[0];
    return {
      label: 'local-validation',
      outcome: 'failed',
      problem: 'validation',
      detail: first ? `${first.field}: ${first.message}` : 'The request is not valid.',
      errors,
    };
  }
  return {
    label: 'internal',
    outcome: 'unknown',
    problem: 'internal',
    detail: 'Unexpected error while calling 1LINK; reconcile by RRN.',
    retryable: false,
  };
}

function fromApiError(error: OneLinkApiError): UpstreamFailure {
  const description = error.responseDescription ?? `HTTP ${error.status}`;
  const facts = {
    label: error.responseCode ?? `http-${error.status}`,
    upstreamStatus: error.status,
    ...(error.responseCode === undefined ? {} : { responseCode: error.responseCode }),
    retryable: error.retryable,
  };
  if (error.possiblyProcessed) {
    return {
      ...facts,
      outcome: 'unknown',
      problem: 'upstream-error',
      detail: `${description}. An earlier attempt with this RRN may have been processed; reconcile by RRN.`,
      retryable: false,
    };
  }
  switch (error.kind) {
    case 'validation':
    case 'business':
      return {
        ...facts,
        outcome: 'rejected',
        problem: 'upstream-rejected',
        detail: `${description}. Not retried.`,
      };
    case 'duplicate':
      return {
        ...facts,
        outcome: 'rejected',
        problem: 'upstream-duplicate-rrn',
        detail: `${description}. Not retried.`,
      };
    case 'auth':
    case 'forbidden':
      return { ...facts, outcome: 'failed', problem: 'upstream-auth', detail: description };
    case 'rate-limit':
      return { ...facts, outcome: 'failed', problem: 'upstream-rate-limited', detail: description };
    case 'not-found':
    case 'signature':
      // The API gateway refused the call itself (wrong path or signature): nothing was processed.
      return { ...facts, outcome: 'failed', problem: 'upstream-error', detail: description };
    case 'transient':
      return { ...facts, outcome: 'failed', problem: 'upstream-unavailable', detail: description };
    default:
      // 96 and other 5xx: the QR may exist upstream.
      return {
        ...facts,
        outcome: 'unknown',
        problem: 'upstream-error',
        detail: `${description}. The QR may exist upstream; reconcile by RRN.`,
        retryable: false,
      };
  }
}
