import { oneLinkResponseCodes, type ResponseCodeKind, type ResponseCodeTable } from './response-codes.js';

/** One problem found in a request before it was sent: which field, which rule, in words. */
export interface ValidationIssue {
  /** Dotted path into the request body, e.g. `paymentDetails.expiryDateTime`. */
  field: string;
  /** The rule that failed: a JSON Schema keyword (`maxLength`, `pattern`, `required`) or an expiry rule. */
  rule: string;
  message: string;
}

// Only these property names are ever serialised; anything else an error carries (causes, raw bodies)
// stays out of JSON so a secret that slipped into a cause cannot leak through JSON.stringify(error).
type JsonSafe = Record<string, string | number | boolean | null | undefined | ValidationIssue[]>;

/** Base class of every error this package throws. `code` is stable; `message` is for humans. */
export class OneLinkError extends Error {
  readonly code: string = 'ONELINK_ERROR';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }

  protected jsonFields(): JsonSafe {
    return {};
  }

  toJSON(): JsonSafe {
    return { name: this.name, code: this.code, message: this.message, ...this.jsonFields() };
  }
}

/** The request broke a schema or expiry rule; raised locally, before any network call. */
export class OneLinkValidationError extends OneLinkError {
  override readonly code = 'ONELINK_VALIDATION';
  readonly field: string;
  readonly rule: string;
  readonly issues: ValidationIssue[];

  constructor(issues: ValidationIssue[]) {
    const first = issues[0] ?? { field: '(body)', rule: 'unknown', message: 'invalid request' };
    const more = issues.length > 1 ? ` (+${issues.length - 1} more)` : '';
    super(`${first.field}: ${first.message} [${first.rule}]${more}`);
    this.field = first.field;
    this.rule = first.rule;
    this.issues = issues.length > 0 ? issues : [first];
  }

  protected override jsonFields(): JsonSafe {
    return { field: this.field, rule: this.rule, issues: this.issues };
  }
}

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
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
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
    super(
      `1LINK request timed out after ${details.timeoutMs} ms`,
      details.cause === undefined ? undefined : { cause: details.cause },
    );
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
    super(
      `Could not reach 1LINK: ${what}`,
      details.cause === undefined ? undefined : { cause: details.cause },
    );
    this.errno = details.errno;
    this.retryable = details.retryable;
    this.stan = details.stan;
    this.rrn = details.rrn;
  }

  protected override jsonFields(): JsonSafe {
    return { errno: this.errno, retryable: this.retryable, stan: this.stan, rrn: this.rrn };
  }
}

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

const NEVER_RETRIED: ReadonlySet<string> = new Set(['validation', 'duplicate']);

/** True for errors a retry with the same stan/rrn may fix. */
export function isRetryableError(error: unknown): boolean {
  // Seed §7: validation errors and duplicate RRNs are never retried, whatever a response-code table says.
  if (error instanceof OneLinkApiError) return error.retryable && !NEVER_RETRIED.has(error.kind);
  if (error instanceof OneLinkNetworkError) return error.retryable;
  if (error instanceof OneLinkRateLimitError) return true;
  return false;
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
