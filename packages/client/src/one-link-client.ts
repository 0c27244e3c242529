import {
  type AggregatorQrInput,
  capAnswerSize,
  type ExpiryPolicy,
  infoOf,
  type Logger,
  type MerchantQrInput,
  OneLinkValidationError,
  oneLinkResponseCodes,
  type QrInputs,
  type QrKind,
  type QrRequests,
  qrLayoutIssues,
  qrOperationId,
  qrRequestIssues,
  type RetryEnvironment,
  type RetryPolicy,
  type SecretSource,
  type StanRrn,
  type StanRrnAllocator,
  silentLogger,
  withStanRrn,
} from '@onelink-kit/core';
import { createApiClient } from '@onelink-kit/generated/1link-p2m-qr';
import { createInProcessAllocator } from './allocator.js';
import { type OneLinkEnvironment, resolveUrls } from './environment.js';
import type { OneLinkHooks } from './hooks.js';
import { type CallOptions, type OneLinkResult, type QrResponse, runQrCall } from './qr-call.js';
import { RateLimiter, type RateLimitOptions } from './rate-limiter.js';
import { TokenService } from './token-service.js';

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
  /** Timeout of each HTTP attempt, in ms, the token request included. Default 30 000. */
  timeoutMs?: number;
  /** Longest answer read from 1LINK, in bytes; a longer one is refused unread. Default 1 MiB. */
  maxAnswerBytes?: number;
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

export interface OneLinkClient {
  generateDQRCMerchant(body: MerchantQrInput, opts?: CallOptions): Promise<OneLinkResult<QrResponse>>;
  generateDQRCAggregator(body: AggregatorQrInput, opts?: CallOptions): Promise<OneLinkResult<QrResponse>>;
  /** The token service (cache, single-flight refresh, invalidate). */
  tokens: TokenService;
  readonly baseUrl: string;
  readonly tokenUrl: string;
}

function retrySettings(retry: OneLinkClientOptions['retry']): {
  policy: Partial<RetryPolicy>;
  retryEnv: Partial<RetryEnvironment>;
} {
  if (retry === false) return { policy: { maxAttempts: 1 }, retryEnv: {} };
  const { sleep, random, now, ...policy } = retry ?? {};
  return {
    policy,
    retryEnv: {
      ...(sleep ? { sleep } : {}),
      ...(random ? { random } : {}),
      ...(now ? { now } : {}),
    },
  };
}

export function createOneLinkClient(options: OneLinkClientOptions): OneLinkClient {
  const { baseUrl, tokenUrl } = resolveUrls(options);
  if (!options.clientId) throw new TypeError('createOneLinkClient: clientId is required');
  const codes = oneLinkResponseCodes();
  const now = options.now ?? Date.now;
  const hooks = options.hooks ?? {};
  // Every answer (token and QR) is read through the size cap.
  const fetchImpl = capAnswerSize(options.fetch ?? globalThis.fetch, options.maxAnswerBytes);
  const timeoutMs = options.timeoutMs ?? 30_000;
  const allocator = options.allocator ?? createInProcessAllocator({ now });
  const tokens = new TokenService({
    tokenUrl,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    fetch: fetchImpl,
    now,
    logger: options.logger ?? silentLogger(),
    hooks,
    // A slow token endpoint is bounded like any other attempt.
    timeoutMs,
    ...(options.scope ? { scope: options.scope } : {}),
    ...options.token,
  });
  const context = {
    api: createApiClient({ baseUrl, fetch: fetchImpl }),
    tokens,
    baseUrl,
    clientId: options.clientId,
    timeoutMs,
    hooks,
    logger: (options.logger ?? silentLogger()).child({ component: 'onelink-client' }),
    now,
    codes,
    limiter:
      options.rateLimit === undefined || options.rateLimit instanceof RateLimiter
        ? options.rateLimit
        : new RateLimiter(options.rateLimit),
    ...retrySettings(options.retry),
  };

  /**
   * The body to send: a copy of the input with the caller's stan/rrn kept and whatever is missing
   * allocated, checked against the domain, schema and expiry rules before anything is sent.
   */
  async function prepare<K extends QrKind>(
    kind: K,
    input: QrInputs[K],
  ): Promise<{ body: QrRequests[K]; ids: StanRrn }> {
    const shape = qrLayoutIssues(kind, input);
    if (shape.length > 0) throw new OneLinkValidationError(shape);
    const given = infoOf(kind, input);
    let ids: StanRrn;
    if (given?.stan !== undefined && given.rrn !== undefined) ids = { stan: given.stan, rrn: given.rrn };
    else {
      const allocated = await allocator.allocate();
      ids = { stan: given?.stan ?? allocated.stan, rrn: given?.rrn ?? allocated.rrn };
    }
    const body = withStanRrn(kind, structuredClone(input), ids);
    const issues = qrRequestIssues(qrOperationId(kind), body, {
      now: now(),
      ...(options.expiry ? { expiry: options.expiry } : {}),
    });
    if (issues.length > 0) throw new OneLinkValidationError(issues);
    // The result reports what was sent, as text (a JavaScript caller may have given numbers).
    return { body, ids: { stan: String(ids.stan), rrn: String(ids.rrn) } };
  }

  return {
    generateDQRCMerchant: async (input, opts) =>
      runQrCall(context, { kind: 'merchant', ...(await prepare('merchant', input)) }, opts),
    generateDQRCAggregator: async (input, opts) =>
      runQrCall(context, { kind: 'aggregator', ...(await prepare('aggregator', input)) }, opts),
    tokens,
    baseUrl,
    tokenUrl,
  };
}
