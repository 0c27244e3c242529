import {
  type AggregatorQrRequest,
  callUpstream,
  errorFromResponse,
  type Logger,
  type MerchantQrRequest,
  OneLinkApiError,
  OneLinkAuthError,
  OneLinkError,
  parseRetryAfter,
  type QrOperationId,
  qrOperationId,
  type ResponseCodeTable,
  type RetryEnvironment,
  type RetryPolicy,
  redactHeaders,
  type StanRrn,
  scrubDeep,
  withRetry,
} from '@onelink-kit/core';
import { type LocatedQr, locateQr } from '@onelink-kit/emvqr';
import {
  type ApiResponse,
  type CallInit,
  type createApiClient,
  operationInfo,
  type SuccessResponse,
} from '@onelink-kit/generated/1link-p2m-qr';
import { emit, type OneLinkHooks } from './hooks.js';
import type { RateLimiter } from './rate-limiter.js';
import type { TokenService } from './token-service.js';

export type QrResponse = SuccessResponse<'generateDQRCMerchant'>;

/**
 * The field the spec says carries the QR payload. Typed against the generated answer, so removing it
 * from the spec breaks the compile here rather than silently finding nothing.
 */
const SPEC_QR_FIELD = 'qrString' satisfies keyof QrResponse;

export interface CallOptions {
  /** Cancels the call (queued, in flight or waiting to retry). */
  signal?: AbortSignal;
  /** Extra headers, e.g. `mockScenario('duplicate-rrn')`. Cannot replace the auth headers. */
  headers?: Record<string, string>;
  /** Overrides the client's per-attempt timeout. */
  timeoutMs?: number;
}

export interface OneLinkResult<T> {
  data: T;
  /** The stan/rrn sent (given by the caller or allocated): store them for reconciliation. */
  stan: string;
  rrn: string;
  status: number;
  /** X-Global-Transaction-ID from 1LINK's gateway, when present. */
  requestId: string | undefined;
  /** HTTP attempts made, the 401 re-send included. */
  attempts: number;
}

/**
 * A QR answer and where its EMVCo payload was found: the spec's field, another string field, or a QR
 * image (see emvqr's locateQr). Undefined when the answer carries none: the caller decides what a
 * success without a QR means (it must not be shown to a payer).
 */
export interface QrResult extends OneLinkResult<QrResponse> {
  qr: LocatedQr | undefined;
}

/** A complete, validated QR body with the operation it goes to. */
export type PreparedQrRequest =
  | { kind: 'merchant'; body: MerchantQrRequest; ids: StanRrn }
  | { kind: 'aggregator'; body: AggregatorQrRequest; ids: StanRrn };

/** What one client hands every call: its settings and the services it shares between calls. */
export interface QrCallContext {
  api: ReturnType<typeof createApiClient>;
  tokens: TokenService;
  baseUrl: string;
  clientId: string;
  timeoutMs: number;
  hooks: OneLinkHooks;
  logger: Logger;
  now: () => number;
  codes: ResponseCodeTable;
  limiter: RateLimiter | undefined;
  policy: Partial<RetryPolicy>;
  retryEnv: Partial<RetryEnvironment>;
}

type QrAnswer = ApiResponse<'generateDQRCMerchant'> | ApiResponse<'generateDQRCAggregator'>;

interface Sent {
  status: number;
  result: QrAnswer;
  requestId: string | undefined;
  /** The answer's body with the bearer token scrubbed. */
  body: unknown;
}

function post(ctx: QrCallContext, request: PreparedQrRequest, init: CallInit): Promise<QrAnswer> {
  return request.kind === 'merchant'
    ? ctx.api.generateDQRCMerchant(request.body, init)
    : ctx.api.generateDQRCAggregator(request.body, init);
}

/**
 * Sends one prepared QR request: token, rate limit, hooks, the 401 refresh-and-re-send-once rule, the
 * answer read through the spec's response-code table, and retries with the same stan/rrn.
 */
export async function runQrCall(
  ctx: QrCallContext,
  request: PreparedQrRequest,
  opts: CallOptions = {},
): Promise<QrResult> {
  const operationId: QrOperationId = qrOperationId(request.kind);
  const { ids } = request;
  const log = ctx.logger.child({ operationId, stan: ids.stan, rrn: ids.rrn });
  const perAttemptTimeout = opts.timeoutMs ?? ctx.timeoutMs;
  let authRetried = false;
  let attempts = 0;

  const send = async (token: string, attempt: number): Promise<Sent> => {
    await ctx.limiter?.acquire(opts.signal);
    attempts++;
    const own = {
      'Content-Type': 'application/json',
      Accept: 'application/json',
      'X-IBM-Client-Id': ctx.clientId,
      Authorization: `Bearer ${token}`,
    };
    // The caller's extra headers, under the client's own. The spread only when there are some: V8 gives
    // a literal that starts with a spread (`{ ...a, b }`) a new shape each time, at several µs.
    const headers: Record<string, string> = opts.headers === undefined ? own : { ...opts.headers, ...own };
    // The event (its headers redacted) only when a hook listens: this is on every call's path.
    if (ctx.hooks.onRequest !== undefined) {
      const { method, path } = operationInfo[operationId];
      await emit(
        ctx.hooks.onRequest,
        {
          type: 'request',
          operationId,
          attempt,
          method,
          url: `${ctx.baseUrl}${path}`,
          headers: redactHeaders(headers),
          body: request.body,
          ...ids,
        },
        log,
      );
    }
    const started = ctx.now();
    const result = await callUpstream(
      (signal) => post(ctx, request, { headers, ...(signal ? { signal } : {}) }),
      {
        timeoutMs: perAttemptTimeout,
        signal: opts.signal,
        ids,
        notJson: () =>
          new OneLinkApiError(
            { status: 200, kind: 'upstream', retryable: false, ...ids },
            '1LINK answered 2xx with a body that is not JSON',
          ),
      },
    );
    const { response } = result;
    const requestId =
      response.headers.get('x-global-transaction-id') ?? response.headers.get('x-request-id') ?? undefined;
    // The answer with the bearer token scrubbed (an upstream may echo it back), made once for the
    // hook and for the error an answer may become.
    const body = scrubDeep(result.data ?? result.error, [token]);
    if (ctx.hooks.onResponse !== undefined) {
      await emit(
        ctx.hooks.onResponse,
        {
          type: 'response',
          operationId,
          attempt,
          status: response.status,
          headers: redactHeaders(response.headers),
          body,
          durationMs: ctx.now() - started,
          requestId,
          ...ids,
        },
        log,
      );
    }
    log.debug({ status: response.status, attempt, requestId }, '1LINK answered');
    return { status: response.status, result, requestId, body };
  };

  const authFailure = (requestId: string | undefined, why: string) =>
    new OneLinkAuthError(`1LINK refused the credentials: ${why}`, {
      status: 401,
      reason: 'http-401',
      ...(requestId ? { requestId } : {}),
    });

  const interpret = (sent: Sent): OneLinkResult<QrResponse> => {
    const { result } = sent;
    const retryAfterMs = parseRetryAfter(result.response.headers.get('retry-after'), ctx.now());
    const error = errorFromResponse(
      {
        status: sent.status,
        // An upstream that echoes the bearer token back must not put it into an error message.
        body: sent.body,
        retryAfter: retryAfterMs === undefined ? undefined : Math.ceil(retryAfterMs / 1000),
        ...ids,
        requestId: sent.requestId,
      },
      ctx.codes,
    );
    if (error) throw error;
    if (result.data === undefined) {
      throw new OneLinkApiError(
        { status: sent.status, kind: 'upstream', retryable: false, ...ids, requestId: sent.requestId },
        '1LINK answered success without a body',
      );
    }
    return {
      data: result.data,
      stan: ids.stan,
      rrn: ids.rrn,
      status: sent.status,
      requestId: sent.requestId,
      attempts,
    };
  };

  const attemptOnce = async (attempt: number): Promise<OneLinkResult<QrResponse>> => {
    let token = await ctx.tokens.getToken();
    let sent = await send(token, attempt);
    if (sent.status === 401) {
      if (authRetried) throw authFailure(sent.requestId, 'the token was refused again');
      // The 1LINK document: on 401 drop the token, refresh it (re-reading the secret) and re-send once.
      authRetried = true;
      log.info({ requestId: sent.requestId }, '401 from 1LINK; refreshing the token and re-sending once');
      ctx.tokens.invalidate(token);
      token = await ctx.tokens.getToken();
      sent = await send(token, attempt);
      if (sent.status === 401) throw authFailure(sent.requestId, 'HTTP 401 again after a token refresh');
    }
    return interpret(sent);
  };

  let answered: OneLinkResult<QrResponse>;
  try {
    answered = await withRetry(attemptOnce, {
      policy: ctx.policy,
      env: ctx.retryEnv,
      signal: opts.signal,
      onRetry: ({ attempt, delayMs, error }) => {
        const json = error instanceof OneLinkError ? error.toJSON() : { message: String(error) };
        log.warn({ attempt, delayMs, err: json }, 'transient failure; retrying with the same stan/rrn');
        void emit(
          ctx.hooks.onError,
          { type: 'error', operationId, attempt, error: json, willRetry: true, delayMs, ...ids },
          log,
        );
      },
    });
  } catch (error) {
    const json =
      error instanceof OneLinkError ? error.toJSON() : { message: String((error as Error)?.message) };
    log.warn({ err: json }, '1LINK call failed');
    await emit(
      ctx.hooks.onError,
      { type: 'error', operationId, attempt: attempts, error: json, willRetry: false, ...ids },
      log,
    );
    throw error;
  }
  const qr = await locateQr(answered.data, { field: SPEC_QR_FIELD });
  if (qr === undefined) log.warn('1LINK answered success but no QR payload was found in the answer');
  else if (qr.source !== 'field')
    log.info({ qrSource: qr.source, qrPath: qr.path }, 'QR payload found outside the spec field');
  // Not `{ ...answered, qr }`: V8 gives a literal that starts with a spread a new shape each time
  // and kept what it held through two young collections (gateway README, Performance).
  return Object.assign({}, answered, { qr });
}
