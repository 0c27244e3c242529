import {
  type AggregatorQrInput,
  type AmountUnit,
  capAnswerSize,
  DEFAULT_AMOUNT_UNIT,
  DEFAULT_TRANSACTION_TYPE,
  type ExpiryPolicy,
  infoOf,
  isAmountUnit,
  type Logger,
  type MerchantQrInput,
  OneLinkValidationError,
  oneLinkResponseCodes,
  PLACEHOLDER_STAN_RRN,
  paymentDetailsOf,
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
  withPaymentDetails,
  withStanRrn,
} from '@onelink-kit/core';
import { createApiClient } from '@onelink-kit/generated/1link-p2m-qr';
import { createInProcessAllocator } from './allocator.js';
import { type OneLinkEnvironment, resolveUrls } from './environment.js';
import type { OneLinkHooks } from './hooks.js';
import { type CallOptions, type QrResult, runQrCall } from './qr-call.js';
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
  /**
   * The Request class each QR call is built with, for a transport that reads its own (the gateway's
   * keep-alive transport passes its `Request`, which keeps the body as given). Default: the platform's.
   */
  Request?: typeof Request;
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
  /**
   * The unit 1LINK reads `instructedAmount` in: 'rupees' (default, as the 1LINK document's example
   * 310 → 310.00) or 'paisa'. The client sends amounts as given; this is the one setting callers
   * (the gateway) convert by and compare the QR's amount by (`client.amountUnit`).
   */
  amountUnit?: AmountUnit;
  /** `paymentDetails.transactionType` sent when a body leaves it out. Default "P2M". */
  transactionType?: string;
}

/** paymentDetails whose transactionType may be left to the client's default. */
type DefaultedPayment<P> = Omit<P, 'transactionType'> & { transactionType?: string };
/** A merchant QR body as the client takes it: stan/rrn and transactionType may be left out. */
export type MerchantQrBody = Omit<MerchantQrInput, 'paymentDetails'> & {
  paymentDetails?: DefaultedPayment<NonNullable<MerchantQrInput['paymentDetails']>>;
};
type AggregatorPayer = NonNullable<AggregatorQrInput['payerDetails']>;
/** An aggregator QR body as the client takes it: stan/rrn and transactionType may be left out. */
export type AggregatorQrBody = Omit<AggregatorQrInput, 'payerDetails'> & {
  payerDetails?: Omit<AggregatorPayer, 'paymentDetails'> & {
    paymentDetails?: DefaultedPayment<NonNullable<AggregatorPayer['paymentDetails']>>;
  };
};
interface QrBodies {
  merchant: MerchantQrBody;
  aggregator: AggregatorQrBody;
}

export interface OneLinkClient {
  generateDQRCMerchant(body: MerchantQrBody, opts?: CallOptions): Promise<QrResult>;
  generateDQRCAggregator(body: AggregatorQrBody, opts?: CallOptions): Promise<QrResult>;
  /** The unit 1LINK reads instructedAmount in (option `amountUnit`). */
  readonly amountUnit: AmountUnit;
  /** The transactionType sent when a body leaves it out (option `transactionType`). */
  readonly transactionType: string;
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
  const amountUnit = options.amountUnit ?? DEFAULT_AMOUNT_UNIT;
  if (!isAmountUnit(amountUnit))
    throw new TypeError("createOneLinkClient: amountUnit is 'rupees' or 'paisa'");
  const transactionType = options.transactionType ?? DEFAULT_TRANSACTION_TYPE;
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
    api: createApiClient({ baseUrl, fetch: fetchImpl, Request: options.Request }),
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
   * The body with the default transactionType where it leaves it out (new objects along that path
   * only: the body is not copied deeply before it is checked, so junk of any depth is refused, not
   * walked).
   */
  function withDefaults<K extends QrKind>(kind: K, body: QrBodies[K]): QrInputs[K] {
    const input = body as QrInputs[K];
    const payment = paymentDetailsOf(kind, input);
    if (payment === undefined || payment.transactionType !== undefined) return input;
    return withPaymentDetails(kind, input, { ...payment, transactionType });
  }

  /**
   * The body to send: a copy of the input with the caller's stan/rrn kept and whatever is missing
   * allocated, checked against the domain, schema and expiry rules before anything is allocated or
   * sent (with stand-in stan/rrn where the caller gave none), so a refused body spends no RRN.
   */
  async function prepare<K extends QrKind>(
    kind: K,
    body: QrBodies[K],
  ): Promise<{ body: QrRequests[K]; ids: StanRrn }> {
    const shape = qrLayoutIssues(kind, body);
    if (shape.length > 0) throw new OneLinkValidationError(shape);
    const input = withDefaults(kind, body);
    const given = infoOf(kind, input);
    const check = (ids: StanRrn): void => {
      const issues = qrRequestIssues(qrOperationId(kind), withStanRrn(kind, input, ids), {
        now: now(),
        ...(options.expiry ? { expiry: options.expiry } : {}),
      });
      if (issues.length > 0) throw new OneLinkValidationError(issues);
    };
    check({ stan: given?.stan ?? PLACEHOLDER_STAN_RRN.stan, rrn: given?.rrn ?? PLACEHOLDER_STAN_RRN.rrn });
    let ids: StanRrn;
    if (given?.stan !== undefined && given.rrn !== undefined) ids = { stan: given.stan, rrn: given.rrn };
    else {
      const allocated = await allocator.allocate();
      ids = { stan: given?.stan ?? allocated.stan, rrn: given?.rrn ?? allocated.rrn };
      // What an allocator hands out is checked too (a custom one may give a malformed id).
      check(ids);
    }
    // The result reports what was sent, as text (a JavaScript caller may have given numbers).
    // A copy, so a caller changing its object later cannot change what is retried.
    return {
      body: structuredClone(withStanRrn(kind, input, ids)),
      ids: { stan: String(ids.stan), rrn: String(ids.rrn) },
    };
  }

  return {
    generateDQRCMerchant: async (input, opts) =>
      runQrCall(context, { kind: 'merchant', ...(await prepare('merchant', input)) }, opts),
    generateDQRCAggregator: async (input, opts) =>
      runQrCall(context, { kind: 'aggregator', ...(await prepare('aggregator', input)) }, opts),
    tokens,
    baseUrl,
    tokenUrl,
    amountUnit,
    transactionType,
  };
}
