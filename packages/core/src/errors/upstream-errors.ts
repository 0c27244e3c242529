import { type JsonSafe, OneLinkError } from './one-link-error.js';
import type { ResponseCodeKind } from './response-codes.js';

/** Facts about one upstream answer, shared by the errors built from it. */
export interface UpstreamFacts {
  status: number;
  responseCode?: string | undefined;
  responseDescription?: string | undefined;
  kind: ResponseCodeKind;
  retryable: boolean;
  stan?: string | undefined;
  rrn?: string | undefined;
  requestId?: string | undefined;
  /** An earlier attempt of this same call may have been processed (e.g. duplicate RRN after a retry). */
  possiblyProcessed?: boolean | undefined;
  /** Server-requested wait from `Retry-After`, in seconds. */
  retryAfter?: number | undefined;
}

/** 1LINK (or the API gateway in front of it) answered, and the answer is not success. */
export class OneLinkApiError extends OneLinkError {
  override readonly code = 'ONELINK_API';
  readonly status: number;
  readonly responseCode: string | undefined;
  readonly responseDescription: string | undefined;
  readonly kind: ResponseCodeKind;
  readonly retryable: boolean;
  readonly stan: string | undefined;
  readonly rrn: string | undefined;
  readonly requestId: string | undefined;
  readonly possiblyProcessed: boolean;
  readonly retryAfter: number | undefined;

  constructor(facts: UpstreamFacts, message?: string) {
    const code = facts.responseCode === undefined ? '' : ` responseCode ${facts.responseCode}`;
    const desc = facts.responseDescription ? `: ${facts.responseDescription}` : '';
    const processed = facts.possiblyProcessed
      ? ' — an earlier attempt with the same stan/rrn may have been processed; reconcile before retrying'
      : '';
    super(
      message ?? `1LINK rejected the request (HTTP ${facts.status}${code}, ${facts.kind})${desc}${processed}`,
    );
    this.status = facts.status;
    this.responseCode = facts.responseCode;
    this.responseDescription = facts.responseDescription;
    this.kind = facts.kind;
    this.retryable = facts.retryable;
    this.stan = facts.stan;
    this.rrn = facts.rrn;
    this.requestId = facts.requestId;
    this.possiblyProcessed = facts.possiblyProcessed ?? false;
    this.retryAfter = facts.retryAfter;
  }

  /** A copy marked as possibly processed (used when a retried attempt gets a duplicate answer). */
  asPossiblyProcessed(): OneLinkApiError {
    return new OneLinkApiError({ ...this.facts(), possiblyProcessed: true });
  }

  facts(): UpstreamFacts {
    return {
      status: this.status,
      responseCode: this.responseCode,
      responseDescription: this.responseDescription,
      kind: this.kind,
      retryable: this.retryable,
      stan: this.stan,
      rrn: this.rrn,
      requestId: this.requestId,
      possiblyProcessed: this.possiblyProcessed,
      retryAfter: this.retryAfter,
    };
  }

  protected override jsonFields(): JsonSafe {
    return { ...this.facts() };
  }
}

/**
 * Credentials were refused (token endpoint rejected the client, or the API answered 401 twice), or no
 * secret could be read. Never carries the secret or the token.
 */
export class OneLinkAuthError extends OneLinkError {
  override readonly code = 'ONELINK_AUTH';
  readonly status: number | undefined;
  /** OAuth2 `error` (e.g. `invalid_client`) or `http-401`, `secret-unavailable`. */
  readonly reason: string;
  readonly requestId: string | undefined;

  constructor(
    message: string,
    details: { status?: number; reason: string; requestId?: string; cause?: unknown },
  ) {
    super(message, { cause: details.cause });
    this.status = details.status;
    this.reason = details.reason;
    this.requestId = details.requestId;
  }

  protected override jsonFields(): JsonSafe {
    return { status: this.status, reason: this.reason, requestId: this.requestId };
  }
}

/** HTTP 429 that outlasted the retry budget. `retryAfter` is in seconds, as the header says. */
export class OneLinkRateLimitError extends OneLinkError {
  override readonly code = 'ONELINK_RATE_LIMIT';
  readonly status = 429;
  readonly retryAfter: number | undefined;
  readonly stan: string | undefined;
  readonly rrn: string | undefined;
  readonly requestId: string | undefined;

  constructor(details: { retryAfter?: number | undefined; stan?: string; rrn?: string; requestId?: string }) {
    const after = details.retryAfter === undefined ? '' : `; retry after ${details.retryAfter}s`;
    super(`1LINK rate limit exceeded (HTTP 429)${after}`);
    this.retryAfter = details.retryAfter;
    this.stan = details.stan;
    this.rrn = details.rrn;
    this.requestId = details.requestId;
  }

  protected override jsonFields(): JsonSafe {
    return {
      status: this.status,
      retryAfter: this.retryAfter,
      stan: this.stan,
      rrn: this.rrn,
      requestId: this.requestId,
    };
  }
}

/**
 * The per-request timeout fired. The request may or may not have reached 1LINK: reconcile by stan/rrn
 * (or re-send with the same stan/rrn, which 1LINK answers with duplicate if the first one was processed).
 */
export class OneLinkTimeoutError extends OneLinkError {
  override readonly code = 'ONELINK_TIMEOUT';
  readonly timeoutMs: number;
  readonly stan: string | undefined;
  readonly rrn: string | undefined;

  constructor(details: { timeoutMs: number; stan?: string; rrn?: string; cause?: unknown }) {
    super(`1LINK request timed out after ${details.timeoutMs} ms`, { cause: details.cause });
    this.timeoutMs = details.timeoutMs;
    this.stan = details.stan;
    this.rrn = details.rrn;
  }

  protected override jsonFields(): JsonSafe {
    return { timeoutMs: this.timeoutMs, stan: this.stan, rrn: this.rrn };
  }
}

/** The connection failed (refused, reset, DNS, TLS) or the answer could not be read. */
export class OneLinkNetworkError extends OneLinkError {
  override readonly code = 'ONELINK_NETWORK';
  /** System error code from the socket layer, e.g. `ECONNREFUSED`, `ECONNRESET`, or `INVALID_RESPONSE`. */
  readonly errno: string | undefined;
  readonly retryable: boolean;
  readonly stan: string | undefined;
  readonly rrn: string | undefined;

  constructor(details: {
    errno?: string | undefined;
    retryable: boolean;
    stan?: string;
    rrn?: string;
    detail?: string;
    cause?: unknown;
  }) {
    const what = details.detail ?? details.errno ?? 'network failure';
    super(`Could not reach 1LINK: ${what}`, { cause: details.cause });
    this.errno = details.errno;
    this.retryable = details.retryable;
    this.stan = details.stan;
    this.rrn = details.rrn;
  }

  protected override jsonFields(): JsonSafe {
    return { errno: this.errno, retryable: this.retryable, stan: this.stan, rrn: this.rrn };
  }
}

/**
 * The token endpoint failed without refusing the client (5xx, an answer that is not a token, a reset
 * connection, no answer in time): the QR operation was never called, so nothing can exist upstream and
 * the whole call may be repeated. A refusal of the credentials is OneLinkAuthError instead.
 */
export class OneLinkTokenUnavailableError extends OneLinkError {
  override readonly code = 'ONELINK_TOKEN_UNAVAILABLE';
  /** `http-503`, `timeout`, `network-ECONNRESET`, `not-json`, `no-access-token`, `too-large`. */
  readonly reason: string;
  readonly status: number | undefined;
  readonly requestId: string | undefined;
  /** Server-requested wait from `Retry-After`, in seconds. */
  readonly retryAfter: number | undefined;

  constructor(details: {
    reason: string;
    status?: number | undefined;
    requestId?: string | undefined;
    retryAfter?: number | undefined;
    detail?: string | undefined;
    cause?: unknown;
  }) {
    const status = details.status === undefined ? '' : ` (HTTP ${details.status})`;
    const detail = details.detail ? `: ${details.detail}` : '';
    super(
      `1LINK token endpoint unavailable, ${details.reason}${status}${detail}; the QR operation was not called`,
      { cause: details.cause },
    );
    this.reason = details.reason;
    this.status = details.status;
    this.requestId = details.requestId;
    this.retryAfter = details.retryAfter;
  }

  protected override jsonFields(): JsonSafe {
    return {
      reason: this.reason,
      status: this.status,
      requestId: this.requestId,
      retryAfter: this.retryAfter,
    };
  }
}

/**
 * An answer longer than the client reads (see capAnswerSize): it is not parsed, only its start is kept,
 * with a note, for reconciliation. 1LINK did answer, so whether a QR exists is unknown.
 */
export class OneLinkAnswerTooLargeError extends OneLinkError {
  override readonly code = 'ONELINK_ANSWER_TOO_LARGE';
  readonly status: number;
  readonly limitBytes: number;
  /** The first characters of the answer, credential-looking members blanked. */
  readonly head: string;
  readonly note: string;

  constructor(details: { status: number; limitBytes: number; head: string }) {
    super(`1LINK answered HTTP ${details.status} with more than ${details.limitBytes} bytes; not read`);
    this.status = details.status;
    this.limitBytes = details.limitBytes;
    this.head = details.head;
    this.note = `answer over ${details.limitBytes} bytes: only its first ${details.head.length} characters are kept`;
  }

  protected override jsonFields(): JsonSafe {
    return { status: this.status, limitBytes: this.limitBytes, note: this.note, head: this.head };
  }
}
