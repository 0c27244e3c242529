// Public entry of @onelink-kit/client: the 1LINK Raast P2M QR client. Shared infrastructure (errors,
// validation, secrets, logger, retries, dates, the request layout) lives in @onelink-kit/core.

// What a caller of this client passes and catches: the request types, the secret providers, and the
// error classes (the client's own API, defined once in core).
// Transitional (issue 10): re-exported until the gateway and root tests import @onelink-kit/core.
export {
  type AggregatorQrInput,
  type AnswerFields,
  callUpstream,
  createLogger,
  formatOneLinkDateTime,
  fromEnv,
  fromFile,
  type Logger,
  type MerchantQrInput,
  OneLinkApiError,
  OneLinkAuthError,
  OneLinkError,
  OneLinkNetworkError,
  OneLinkRateLimitError,
  OneLinkTimeoutError,
  OneLinkValidationError,
  parseOneLinkDateTime,
  type QrOperationId,
  qrRequestIssues,
  RequestValidator,
  type ResponseCodeKind,
  ResponseCodeTable,
  SecretReader,
  type SecretSource,
  SecretUnavailableError,
  type StanRrn,
  type StanRrnAllocator,
  silentLogger,
  type ValidationIssue,
} from '@onelink-kit/core';
export { createInProcessAllocator, type InProcessAllocatorOptions } from './allocator.js';
export { environmentUrls, type OneLinkEnvironment } from './environment.js';
export type { ErrorEvent, OneLinkHooks, RequestEvent, ResponseEvent } from './hooks.js';
export { MOCK_SCENARIO_STATUS, type MockScenario, mockScenario } from './mock-scenario.js';
export { createOneLinkClient, type OneLinkClient, type OneLinkClientOptions } from './one-link-client.js';
export type { CallOptions, OneLinkResult, QrResponse } from './qr-call.js';
export { RateLimiter, type RateLimiterClock, type RateLimitOptions } from './rate-limiter.js';
export { ONELINK_SCOPE, TokenService, type TokenServiceOptions } from './token-service.js';
