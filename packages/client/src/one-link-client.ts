import {
  createApiClient,
  document,
  operationInfo,
  type RequestBody,
  type SuccessResponse,
} from '@onelink-kit/generated/1link-p2m-qr';
import type { Logger } from 'pino';
import { createInProcessAllocator, type StanRrn, type StanRrnAllocator } from './allocator.js';
import {
  errorFromResponse,
  OneLinkApiError,
  OneLinkAuthError,
  OneLinkError,
  OneLinkValidationError,
  type ValidationIssue,
} from './errors.js';
import { type ExpiryPolicy, expiryIssues } from './expiry.js';
import { emit, type OneLinkHooks } from './hooks.js';
import { silentLogger } from './logger.js';
import { getPath } from './object-path.js';
import { RateLimiter, type RateLimitOptions } from './rate-limiter.js';
import { redactHeaders, scrubDeep } from './redaction.js';
import { RequestValidator } from './request-validation.js';
import { oneLinkResponseCodes, type ResponseCodeTable } from './response-codes.js';
import { parseRetryAfter, type RetryEnvironment, type RetryPolicy, withRetry } from './retry.js';
import type { SecretSource } from './secret-provider.js';
import { TokenService } from './token-service.js';
import { callUpstream } from './upstream-call.js';

export type OneLinkEnvironment = 'sandbox' | 'production';
export type QrOperationId = 'generateDQRCMerchant' | 'generateDQRCAggregator';

type MerchantRequest = RequestBody<'generateDQRCMerchant'>;
type AggregatorRequest = RequestBody<'generateDQRCAggregator'>;
type AggregatorPayerDetails = NonNullable<AggregatorRequest['payerDetails']>;

/** A merchant QR request; `info` (stan/rrn) may be left out and is then allocated. */
export type MerchantQrInput = Omit<MerchantRequest, 'info'> & { info?: Partial<StanRrn> };
/** An aggregator QR request; `payerDetails.info` (stan/rrn) may be left out and is then allocated. */
export type AggregatorQrInput = Omit<AggregatorRequest, 'payerDetails'> & {
  payerDetails?: Omit<AggregatorPayerDetails, 'info'> & { info?: Partial<StanRrn> };
};
export type QrResponse = SuccessResponse<'generateDQRCMerchant'>;

export interface OneLinkClientOptions {
  /** Picks base and token URLs from the spec's servers. Switching sandbox → production changes URLs only. */
  environment?: OneLinkEnvironment;
  /** Overrides the environment's API base URL (e.g. a local mock). Required with tokenUrl if no environment. */
  baseUrl?: string;
  /** Overrides the environment's token URL. */
  tokenUrl?: string;
  /** The 1LINK application's client ID (sent as X-IBM-Client-Id). */
  clientId: string;
  /** The client secret, or a provider such as `fromEnv('ONELINK_CLIENT_SECRET')` (re-read after auth failures). */
  clientSecret: SecretSource;
  /** Injected fetch (tests, proxies). Default: global fetch. */
  fetch?: typeof fetch;
  /** Timeout of each HTTP attempt, in ms. Default 30 000. */
  timeoutMs?: number;
  /** Retry policy and, for tests, its clock/sleep/random; `false` disables retries. */
  retry?: (Partial<RetryPolicy> & Partial<RetryEnvironment>) | false;
  /** Client-side token bucket (the plan's limit), or a shared RateLimiter. Default: none. */
  rateLimit?: RateLimitOptions | RateLimiter;
  /** STAN/RRN source for requests without them. Default: in-process (single-process only). */
  allocator?: StanRrnAllocator;
  /** Minimum lead and maximum window for expiryDateTime. */
  expiry?: Partial<ExpiryPolicy>;
  hooks?: OneLinkHooks;
  logger?: Logger;
  /** OAuth scope. Default `1LinkApi`. */
  scope?: string;
  /** Token expiry margin and proactive refresh window (ms); see TokenService. */
  token?: { expiryMarginMs?: number; refreshAheadMs?: number; timeoutMs?: number };
  /** Clock for expiry rules and token lifetimes. Default Date.now. */
  now?: () => number;
}

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

export interface OneLinkClient {
  generateDQRCMerchant(body: MerchantQrInput, opts?: CallOptions): Promise<OneLinkResult<QrResponse>>;
  generateDQRCAggregator(body: AggregatorQrInput, opts?: CallOptions): Promise<OneLinkResult<QrResponse>>;
  /** The token service (cache, single-flight refresh, invalidate). */
  tokens: TokenService;
  readonly baseUrl: string;
  readonly tokenUrl: string;
}

/** Where stan/rrn and paymentDetails sit in each operation's body (the aggregator nests them). */
const QR_OPERATIONS: Record<
  QrOperationId,
  { infoPath: string[]; paymentPath: string[]; requiredPaths: string[][] }
> = {
  generateDQRCMerchant: {
    infoPath: ['info'],
    paymentPath: ['paymentDetails'],
    requiredPaths: [['merchantDetails'], ['paymentDetails']],
  },
  generateDQRCAggregator: {
    infoPath: ['payerDetails', 'info'],
    paymentPath: ['payerDetails', 'paymentDetails'],
    requiredPaths: [['merchantDetails'], ['payerDetails', 'paymentDetails']],
  },
};

interface ServerEntry {
  url: string;
  description?: string;
}

/** API base and token URLs of an environment, read from the spec's `servers`. */
export function environmentUrls(environment: OneLinkEnvironment): { baseUrl: string; tokenUrl: string } {
  const pick = (servers: readonly ServerEntry[] | undefined, what: string) => {
    const list = servers ?? [];
    const match = list.find((s) => new RegExp(environment, 'i').test(s.description ?? s.url));
    if (!match) throw new TypeError(`spec has no ${environment} server for ${what}`);
    return match.url.replace(/\/+$/, '');
  };
  const baseUrl = pick(document.servers as readonly ServerEntry[], 'the API');
  const tokenBase = pick(operationInfo.requestToken.servers as readonly ServerEntry[], 'requestToken');
  return { baseUrl, tokenUrl: `${tokenBase}${operationInfo.requestToken.path}` };
}

function resolveUrls(options: OneLinkClientOptions): { baseUrl: string; tokenUrl: string } {
  if (options.environment === undefined && (!options.baseUrl || !options.tokenUrl)) {
    throw new TypeError(
      "createOneLinkClient: give environment ('sandbox' | 'production') or both baseUrl and tokenUrl",
    );
  }
  const fromEnv = options.environment ? environmentUrls(options.environment) : undefined;
  return {
    baseUrl: options.baseUrl ?? fromEnv!.baseUrl,
    tokenUrl: options.tokenUrl ?? fromEnv!.tokenUrl,
  };
}

// Built once per process: the spec does not change at runtime.
let shared: { validator: RequestValidator; codes: ResponseCodeTable } | undefined;
function specRuntime() {
  shared ??= {
    validator: new RequestValidator(document, 'onelink:1link-p2m-qr'),
    codes: oneLinkResponseCodes(),
  };
  return shared;
}

/** The spec-derived request validator for 1LINK QR bodies (shared with the gateway). */
export function oneLinkRequestValidator(): RequestValidator {
  return specRuntime().validator;
}

/**
 * Checks a complete QR request body before sending: the domain's required objects, the spec's schema,
 * and the expiry rules. Returns every issue (empty when valid). Exported for the gateway.
 */
export function qrRequestIssues(
  operationId: QrOperationId,
  body: unknown,
  options: { now?: number; expiry?: Partial<ExpiryPolicy> } = {},
): ValidationIssue[] {
  const op = QR_OPERATIONS[operationId];
  const issues: ValidationIssue[] = [];
  for (const path of op.requiredPaths) {
    if (getPath(body, path) === undefined) {
      issues.push({ field: path.join('.'), rule: 'required', message: 'is required' });
    }
  }
  issues.push(...specRuntime().validator.validate(operationId, body));
  const payment = getPath(body, op.paymentPath);
  if (payment && typeof payment === 'object') {
    issues.push(
      ...expiryIssues(payment as Record<string, unknown>, {
        now: options.now ?? Date.now(),
        ...(options.expiry ? { policy: options.expiry } : {}),
        prefix: op.paymentPath.join('.'),
      }),
    );
  }
  return issues;
}

export function createOneLinkClient(options: OneLinkClientOptions): OneLinkClient {
  const { baseUrl, tokenUrl } = resolveUrls(options);
  if (!options.clientId) throw new TypeError('createOneLinkClient: clientId is required');
  const { codes } = specRuntime();
  const now = options.now ?? Date.now;
  const logger = (options.logger ?? silentLogger()).child({ component: 'onelink-client' });
  const hooks = options.hooks ?? {};
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const allocator = options.allocator ?? createInProcessAllocator({ now });
  const limiter =
    options.rateLimit === undefined
      ? undefined
      : options.rateLimit instanceof RateLimiter
        ? options.rateLimit
        : new RateLimiter(options.rateLimit);
  const {
    sleep,
    random,
    now: retryNow,
    ...retryPolicy
  } = options.retry === false ? {} : (options.retry ?? {});
  const policy: Partial<RetryPolicy> = options.retry === false ? { maxAttempts: 1 } : retryPolicy;
  const retryEnv: Partial<RetryEnvironment> = {
    ...(sleep ? { sleep } : {}),
    ...(random ? { random } : {}),
    ...(retryNow ? { now: retryNow } : {}),
  };

  const tokens = new TokenService({
    tokenUrl,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    fetch: fetchImpl,
    now,
    logger: options.logger ?? silentLogger(),
    hooks,
    responseCodes: codes,
    ...(options.scope ? { scope: options.scope } : {}),
    ...options.token,
  });
  const api = createApiClient({ baseUrl, fetch: fetchImpl });

  async function call(
    operationId: QrOperationId,
    input: MerchantQrInput | AggregatorQrInput,
    opts: CallOptions = {},
  ): Promise<OneLinkResult<QrResponse>> {
    const op = QR_OPERATIONS[operationId];
    const body = structuredClone(input) as Record<string, unknown>;
    const ids = await fillStanRrn(body, op.infoPath, allocator);
    const issues = qrRequestIssues(operationId, body, {
      now: now(),
      ...(options.expiry ? { expiry: options.expiry } : {}),
    });
    if (issues.length > 0) throw new OneLinkValidationError(issues);

    const log = logger.child({ operationId, stan: ids.stan, rrn: ids.rrn });
    const perAttemptTimeout = opts.timeoutMs ?? timeoutMs;
    let authRetried = false;
    let attempts = 0;

    const send = async (token: string, attempt: number) => {
      await limiter?.acquire(opts.signal);
      attempts++;
      const headers = {
        ...opts.headers,
        'Content-Type': 'application/json',
        Accept: 'application/json',
        'X-IBM-Client-Id': options.clientId,
        Authorization: `Bearer ${token}`,
      };
      await emit(
        hooks.onRequest,
        {
          type: 'request',
          operationId,
          attempt,
          method: operationInfo[operationId].method,
          url: `${baseUrl}${operationInfo[operationId].path}`,
          headers: redactHeaders(headers),
          body,
          ...ids,
        },
        log,
      );
      const started = now();
      const result: { data?: unknown; error?: unknown; response: Response } = await callUpstream(
        (signal) => api[operationId](body as never, { headers, ...(signal ? { signal } : {}) }),
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
      const answer = result.data ?? result.error;
      const requestId =
        response.headers.get('x-global-transaction-id') ?? response.headers.get('x-request-id') ?? undefined;
      await emit(
        hooks.onResponse,
        {
          type: 'response',
          operationId,
          attempt,
          status: response.status,
          headers: redactHeaders(response.headers),
          body: scrubDeep(answer, [token]),
          durationMs: now() - started,
          requestId,
          ...ids,
        },
        log,
      );
      log.debug({ status: response.status, attempt, requestId }, '1LINK answered');
      return { status: response.status, answer, response, requestId, token };
    };

    const attemptOnce = async (attempt: number): Promise<OneLinkResult<QrResponse>> => {
      let token = await tokens.getToken();
      let res = await send(token, attempt);
      if (res.status === 401) {
        if (authRetried) throw authFailure(res.requestId, 'the token was refused again');
        // Seed §3: on 401 drop the token, refresh (re-reading the secret) and re-send once.
        authRetried = true;
        log.info({ requestId: res.requestId }, '401 from 1LINK; refreshing the token and re-sending once');
        tokens.invalidate(token);
        token = await tokens.getToken();
        res = await send(token, attempt);
        if (res.status === 401) throw authFailure(res.requestId, 'HTTP 401 again after a token refresh');
      }
      return interpret(res);
    };

    const authFailure = (requestId: string | undefined, why: string) =>
      new OneLinkAuthError(`1LINK refused the credentials: ${why}`, {
        status: 401,
        reason: 'http-401',
        ...(requestId ? { requestId } : {}),
      });

    const interpret = (res: {
      status: number;
      answer: unknown;
      response: Response;
      requestId: string | undefined;
      token: string;
    }): OneLinkResult<QrResponse> => {
      const retryAfterMs = parseRetryAfter(res.response.headers.get('retry-after'), now());
      const error = errorFromResponse(
        {
          status: res.status,
          // An upstream that echoes the bearer token back must not put it into an error message.
          body: scrubDeep(res.answer, [res.token]),
          retryAfter: retryAfterMs === undefined ? undefined : Math.ceil(retryAfterMs / 1000),
          ...ids,
          requestId: res.requestId,
        },
        codes,
      );
      if (error) throw error;
      return {
        data: res.answer as QrResponse,
        stan: ids.stan,
        rrn: ids.rrn,
        status: res.status,
        requestId: res.requestId,
        attempts,
      };
    };

    try {
      return await withRetry(attemptOnce, {
        policy,
        env: retryEnv,
        signal: opts.signal,
        onRetry: ({ attempt, delayMs, error }) => {
          const json = error instanceof OneLinkError ? error.toJSON() : { message: String(error) };
          log.warn({ attempt, delayMs, err: json }, 'transient failure; retrying with the same stan/rrn');
          void emit(
            hooks.onError,
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
        hooks.onError,
        { type: 'error', operationId, attempt: attempts, error: json, willRetry: false, ...ids },
        log,
      );
      throw error;
    }
  }

  return {
    generateDQRCMerchant: (body, opts) => call('generateDQRCMerchant', body, opts),
    generateDQRCAggregator: (body, opts) => call('generateDQRCAggregator', body, opts),
    tokens,
    baseUrl,
    tokenUrl,
  };
}

/** Keeps caller-given stan/rrn; allocates whatever is missing. Mutates the (cloned) body. */
async function fillStanRrn(
  body: Record<string, unknown>,
  infoPath: string[],
  allocator: StanRrnAllocator,
): Promise<StanRrn> {
  let parent: Record<string, unknown> = body;
  for (const key of infoPath.slice(0, -1)) {
    const next = parent[key];
    if (next === undefined) parent[key] = {};
    else if (!next || typeof next !== 'object') return { stan: '', rrn: '' }; // schema validation reports it
    parent = parent[key] as Record<string, unknown>;
  }
  const infoKey = infoPath[infoPath.length - 1]!;
  const existing = parent[infoKey];
  if (existing !== undefined && (!existing || typeof existing !== 'object')) return { stan: '', rrn: '' };
  const info = (existing ?? {}) as Record<string, unknown>;
  if (info.stan === undefined || info.rrn === undefined) {
    const allocated = await allocator.allocate();
    info.stan ??= allocated.stan;
    info.rrn ??= allocated.rrn;
  }
  parent[infoKey] = info;
  return { stan: String(info.stan), rrn: String(info.rrn) };
}
