// As a namespace: describe() tells apart every class of core's error hierarchy.
import * as core from '@onelink-kit/core';
import type { ProblemIssue, ProblemName } from '../problems.js';
import { gatewayIssues } from './upstream-request.js';

/** What a QR create that threw is stored as (never `succeeded`, `mismatched` or `pending`). */
export type FailureOutcome = 'failed' | 'rejected' | 'unknown';

/** Everything the gateway decides about an error from the 1LINK call; no store, no request. */
export interface UpstreamFailure {
  /** The row of core's OUTCOME_TABLE the error falls in. */
  situation: core.UpstreamSituation;
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

/** The problem each row of the outcome table is reported with (a QR answer is never a thrown error). */
export const PROBLEM_OF_SITUATION = {
  succeeded: undefined,
  'qr-mismatch': 'upstream-qr-mismatch',
  'refused-locally': 'validation',
  'secret-unavailable': 'internal',
  'credentials-refused': 'upstream-auth',
  'token-unavailable': 'upstream-unavailable',
  rejected: 'upstream-rejected',
  duplicate: 'upstream-duplicate-rrn',
  'duplicate-after-retry': 'upstream-error',
  'rate-limited': 'upstream-rate-limited',
  unavailable: 'upstream-unavailable',
  'gateway-refused': 'upstream-error',
  'intermediary-5xx': 'upstream-error',
  malfunction: 'upstream-error',
  'answer-too-large': 'upstream-error',
  timeout: 'upstream-timeout',
  'connection-refused': 'upstream-unreachable',
  'connection-broken': 'upstream-unreachable',
  'connection-failed': 'upstream-unreachable',
  internal: 'internal',
} as const satisfies Record<core.UpstreamSituation, ProblemName | undefined>;

type Described = Omit<UpstreamFailure, 'situation' | 'outcome' | 'problem' | 'retryable'>;

/**
 * From "the 1LINK call threw this" to the stored outcome and the caller's problem. The outcome and
 * whether the caller may retry come from core's OUTCOME_TABLE (the client's retry loop reads the same
 * table); this file only adds the problem, the words and the metric label.
 */
export function classifyUpstreamFailure(error: unknown): UpstreamFailure {
  const rule = core.outcomeRuleOf(error);
  const problem = PROBLEM_OF_SITUATION[rule.situation];
  if (problem === undefined || rule.outcome === 'succeeded' || rule.outcome === 'mismatched') {
    // Not reachable: those rows describe answers, not thrown errors.
    return classifyUpstreamFailure(new Error(`no failure row for ${rule.situation}`));
  }
  return {
    situation: rule.situation,
    outcome: rule.outcome,
    problem,
    ...(rule.callerMayRetry === null ? {} : { retryable: rule.callerMayRetry }),
    ...describe(error, rule.situation),
  };
}

function describe(error: unknown, situation: core.UpstreamSituation): Described {
  if (error instanceof core.OneLinkApiError) return fromApiError(error, situation);
  if (error instanceof core.OneLinkTokenUnavailableError) {
    return {
      label: `token-${error.reason}`,
      detail: `1LINK's token endpoint is unavailable (${error.reason}); the QR operation was not called, so sending the request again is safe.`,
      ...(error.status === undefined ? {} : { upstreamStatus: error.status }),
      ...(error.retryAfter === undefined ? {} : { retryAfter: error.retryAfter }),
    };
  }
  if (error instanceof core.OneLinkRateLimitError) {
    const after = error.retryAfter;
    return {
      label: 'http-429',
      detail: after === undefined ? 'Rate limit exceeded.' : `Retry after ${after} seconds.`,
      upstreamStatus: 429,
      ...(after === undefined ? {} : { retryAfter: after }),
    };
  }
  if (error instanceof core.SecretUnavailableError) {
    // The gateway's own configuration (a rotated secret file missing or empty): nothing was sent,
    // and it is not 1LINK refusing. The variable is named; the path and the value never are.
    return {
      label: 'secret-unavailable',
      detail: `The gateway cannot read its 1LINK client secret (${error.variable ?? 'secret file'}); nothing was sent.`,
    };
  }
  if (error instanceof core.OneLinkAuthError) {
    return {
      label: 'auth',
      detail: `1LINK refused the credentials (${error.reason}).`,
      ...(error.status === undefined ? {} : { upstreamStatus: error.status }),
    };
  }
  if (error instanceof core.OneLinkTimeoutError) {
    return {
      label: 'timeout',
      detail: `No answer within ${error.timeoutMs} ms. The QR may exist upstream; reconcile by RRN.`,
    };
  }
  if (error instanceof core.OneLinkAnswerTooLargeError) {
    return {
      label: 'too-large',
      detail: `1LINK answered with more than ${error.limitBytes} bytes, which is not read. The QR may exist upstream; reconcile by RRN.`,
      upstreamStatus: error.status,
    };
  }
  if (error instanceof core.OneLinkNetworkError) {
    return {
      label: `network-${error.errno ?? 'error'}`,
      detail:
        situation === 'connection-refused'
          ? `Could not connect to 1LINK (${error.errno}).`
          : `The connection to 1LINK failed (${error.errno ?? 'network error'}); reconcile by RRN.`,
    };
  }
  if (error instanceof core.OneLinkValidationError) {
    // Time passed between the pre-check and the send (e.g. expiry lead); nothing was sent.
    const errors = gatewayIssues(error.issues, undefined);
    const first = errors[0];
    return {
      label: 'local-validation',
      detail: first ? `${first.field}: ${first.message}` : 'The request is not valid.',
      errors,
    };
  }
  return { label: 'internal', detail: 'Unexpected error while calling 1LINK; reconcile by RRN.' };
}

function fromApiError(error: core.OneLinkApiError, situation: core.UpstreamSituation): Described {
  const description = error.responseDescription ?? `HTTP ${error.status}`;
  const facts = {
    label: error.responseCode ?? `http-${error.status}`,
    upstreamStatus: error.status,
    ...(error.responseCode === undefined ? {} : { responseCode: error.responseCode }),
  };
  switch (situation) {
    case 'duplicate-after-retry':
      return {
        ...facts,
        detail: `${description}. An earlier attempt with this RRN may have been processed; reconcile by RRN.`,
      };
    case 'rejected':
    case 'duplicate':
      return { ...facts, detail: `${description}. Not retried.` };
    case 'intermediary-5xx':
      return {
        ...facts,
        detail: `HTTP ${error.status} from a proxy in front of 1LINK, without a 1LINK response code: 1LINK may have processed the request; reconcile by RRN.`,
      };
    case 'malfunction':
      // 96 and other 5xx: the QR may exist upstream.
      return { ...facts, detail: `${description}. The QR may exist upstream; reconcile by RRN.` };
    default:
      // credentials refused, rate limit, 91 unavailable, the API gateway refusing the call itself.
      return { ...facts, detail: description };
  }
}
