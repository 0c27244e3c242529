/**
 * The gateway's problem catalogue (RFC 9457). Every error response is built from one entry here and
 * rendered by the last error handler; nothing else writes an error body.
 */
export const PROBLEM_CATALOGUE = {
  validation: { status: 400, title: 'The request is not valid' },
  unauthenticated: { status: 401, title: 'A valid API key is required' },
  'not-found': { status: 404, title: 'Not found' },
  'method-not-allowed': { status: 405, title: 'Method not allowed' },
  'not-acceptable': { status: 406, title: 'Not acceptable' },
  'idempotency-in-progress': {
    status: 409,
    title: 'A request with this Idempotency-Key is still in progress',
  },
  'upstream-duplicate-rrn': { status: 409, title: '1LINK reports a duplicate RRN' },
  'qr-not-available': { status: 409, title: 'This transaction has no QR' },
  'payload-too-large': { status: 413, title: 'The request body is too large' },
  'unsupported-media-type': { status: 415, title: 'The request body must be application/json' },
  'idempotency-key-reused': { status: 422, title: 'This Idempotency-Key was used with a different request' },
  'upstream-rejected': { status: 422, title: '1LINK rejected the request' },
  'plan-rate-limited': { status: 429, title: "The 1LINK plan's rate limit is reached" },
  'upstream-rate-limited': { status: 429, title: '1LINK rate limit exceeded' },
  internal: { status: 500, title: 'Internal gateway error' },
  'upstream-error': { status: 502, title: '1LINK failed to process the request' },
  'upstream-qr-mismatch': { status: 502, title: 'The QR 1LINK returned does not match the request' },
  'upstream-auth': { status: 502, title: '1LINK refused the gateway credentials' },
  'upstream-unreachable': { status: 502, title: '1LINK could not be reached' },
  'upstream-unavailable': { status: 503, title: '1LINK is temporarily unavailable' },
  'not-ready': { status: 503, title: 'The gateway is not ready' },
  'upstream-timeout': { status: 504, title: '1LINK did not answer in time' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ProblemName = keyof typeof PROBLEM_CATALOGUE;

export interface ProblemIssue {
  field: string;
  rule: string;
  message: string;
}

/** Optional members a problem may carry (all safe to show a caller). */
export interface ProblemExtras {
  retryable?: boolean;
  transactionId?: string;
  transactionStatus?: string;
  stan?: string;
  rrn?: string;
  responseCode?: string;
  errors?: ProblemIssue[];
  /** upstream-qr-mismatch: each request field the QR disagrees with, sent vs received. */
  mismatches?: QrFieldMismatch[];
}

export interface QrFieldMismatch {
  /** The 1LINK request field, e.g. paymentDetails.instructedAmount. */
  field: string;
  /** The EMVCo tag carrying it in the QR, e.g. 54; empty when the QR could not be read at all. */
  tag: string;
  sent: string | null;
  received: string | null;
  rule: string;
}

export interface ProblemBody extends ProblemExtras {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  requestId?: string;
}

export const PROBLEM_TYPE_PREFIX = 'urn:onelink-kit:problem:';

/** Thrown anywhere in the gateway; the error handler turns it into the response. */
export class ProblemError extends Error {
  override readonly name = 'ProblemError';
  readonly status: number;

  constructor(
    readonly problem: ProblemName,
    readonly detail?: string,
    readonly extras: ProblemExtras = {},
    /** Response headers that belong to this problem, e.g. Retry-After or WWW-Authenticate. */
    readonly headers: Record<string, string> = {},
  ) {
    super(detail === undefined ? PROBLEM_CATALOGUE[problem].title : `${problem}: ${detail}`);
    this.status = PROBLEM_CATALOGUE[problem].status;
  }

  body(requestId?: string): ProblemBody {
    return problemBody(this.problem, this.detail, this.extras, requestId);
  }

  /** A problem stored earlier (an upstream outcome, an idempotent replay), to be rendered again. */
  static fromBody(body: ProblemBody, headers: Record<string, string> = {}): ProblemError {
    const name = body.type.slice(PROBLEM_TYPE_PREFIX.length);
    if (!(name in PROBLEM_CATALOGUE))
      throw new Error(`stored problem type ${body.type} is not in the catalogue`);
    const { type: _t, title: _ti, status: _s, detail, instance: _i, requestId: _r, ...extras } = body;
    return new ProblemError(name as ProblemName, detail, extras, headers);
  }
}

export function problemBody(
  name: ProblemName,
  detail?: string,
  extras: ProblemExtras = {},
  requestId?: string,
): ProblemBody {
  const entry = PROBLEM_CATALOGUE[name];
  const body: ProblemBody = {
    type: `${PROBLEM_TYPE_PREFIX}${name}`,
    title: entry.title,
    status: entry.status,
  };
  if (detail !== undefined) body.detail = detail;
  for (const [key, value] of Object.entries(extras)) {
    if (value !== undefined) (body as unknown as Record<string, unknown>)[key] = value;
  }
  if (requestId !== undefined) body.requestId = requestId;
  return body;
}

/** Picks the catalogue entry for a bare HTTP status (errors raised by Express or its middleware). */
export function problemForStatus(status: number): ProblemName {
  switch (status) {
    case 400:
      return 'validation';
    case 401:
      return 'unauthenticated';
    case 404:
      return 'not-found';
    case 405:
      return 'method-not-allowed';
    case 406:
      return 'not-acceptable';
    case 413:
      return 'payload-too-large';
    case 415:
      return 'unsupported-media-type';
    default:
      return 'internal';
  }
}
