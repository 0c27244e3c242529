// Public entry of @onelink-kit/client. Everything another package may use is exported here.
export {
  assertStanRrn,
  createInProcessAllocator,
  type InProcessAllocatorOptions,
  RRN_PATTERN,
  STAN_PATTERN,
  type StanRrn,
  type StanRrnAllocator,
  stanRrnIssues,
} from './allocator.js';
export {
  errorFromResponse,
  isRetryableError,
  networkErrorFrom,
  OneLinkApiError,
  OneLinkAuthError,
  OneLinkError,
  OneLinkNetworkError,
  OneLinkRateLimitError,
  OneLinkTimeoutError,
  OneLinkValidationError,
  type UpstreamAnswer,
  type UpstreamFacts,
  type ValidationIssue,
} from './errors.js';
export {
  assertExpiry,
  DEFAULT_EXPIRY_POLICY,
  type ExpiryFields,
  type ExpiryPolicy,
  expiryIssues,
  formatOneLinkDateTime,
  ONELINK_DATE_TIME_PATTERN,
  PKT_OFFSET_MS,
  parseOneLinkDateTime,
} from './expiry.js';
export type { ErrorEvent, OneLinkHooks, RequestEvent, ResponseEvent } from './hooks.js';
export {
  createLogger,
  type Logger,
  type LoggerFactoryOptions,
  REDACT_PATHS,
  silentLogger,
} from './logger.js';
export { MOCK_SCENARIO_STATUS, type MockScenario, mockScenario } from './mock-scenario.js';
export {
  type AggregatorQrInput,
  type CallOptions,
  createOneLinkClient,
  environmentUrls,
  type MerchantQrInput,
  type OneLinkClient,
  type OneLinkClientOptions,
  type OneLinkEnvironment,
  type OneLinkResult,
  oneLinkRequestValidator,
  type QrOperationId,
  type QrResponse,
  qrRequestIssues,
} from './one-link-client.js';
export { RateLimiter, type RateLimiterClock, type RateLimitOptions } from './rate-limiter.js';
export {
  REDACTED,
  redactHeaders,
  SENSITIVE_HEADERS,
  SENSITIVE_KEYS,
  scrubDeep,
  scrubSecrets,
} from './redaction.js';
export {
  OPENAPI_FORMATS,
  type ParameterValues,
  RequestValidator,
  type RequestValidatorOptions,
} from './request-validation.js';
export {
  type AnswerFields,
  type Classification,
  ONELINK_ANSWER_FIELDS,
  oneLinkResponseCodes,
  RESPONSE_CODE_KINDS,
  type ReadAnswer,
  type ResponseCodeEntry,
  type ResponseCodeKind,
  ResponseCodeTable,
} from './response-codes.js';
export {
  abortableSleep,
  backoffDelay,
  DEFAULT_RETRY_POLICY,
  parseRetryAfter,
  type RetryEnvironment,
  type RetryEvent,
  type RetryPolicy,
  withRetry,
} from './retry.js';
export {
  fromEnv,
  fromFile,
  type SecretProvider,
  SecretReader,
  type SecretReadReason,
  type SecretSource,
} from './secret-provider.js';
export { type AttemptSignal, attemptSignal } from './timeout.js';
export { ONELINK_SCOPE, TokenService, type TokenServiceOptions } from './token-service.js';
export { callUpstream, type UpstreamCallOptions } from './upstream-call.js';
