// Public entry of @onelink-kit/client: the 1LINK Raast P2M QR client. Shared infrastructure (errors,
// validation, secrets, logger, retries, dates, the request layout) lives in @onelink-kit/core.

// What a caller of this client passes and catches: the types in its signatures and the error classes
// (the client's own API, defined once in core).
export {
  type AggregatorQrInput,
  type AmountUnit,
  type MerchantQrInput,
  OneLinkAnswerTooLargeError,
  OneLinkApiError,
  OneLinkAuthError,
  OneLinkError,
  OneLinkNetworkError,
  OneLinkRateLimitError,
  OneLinkTimeoutError,
  OneLinkTokenUnavailableError,
  OneLinkValidationError,
  type QrOperationId,
  type SecretSource,
  SecretUnavailableError,
  type StanRrn,
  type StanRrnAllocator,
  type ValidationIssue,
} from '@onelink-kit/core';
export { createInProcessAllocator, type InProcessAllocatorOptions } from './allocator.js';
export { environmentUrls, type OneLinkEnvironment } from './environment.js';
export type { ErrorEvent, OneLinkHooks, RequestEvent, ResponseEvent } from './hooks.js';
export { MOCK_SCENARIO_STATUS, type MockScenario, mockScenario } from './mock-scenario.js';
export {
  type AggregatorQrBody,
  createOneLinkClient,
  type MerchantQrBody,
  type OneLinkClient,
  type OneLinkClientOptions,
} from './one-link-client.js';
export type { CallOptions, OneLinkResult, QrResponse, QrResult } from './qr-call.js';
export { RateLimiter, type RateLimiterClock, type RateLimitOptions } from './rate-limiter.js';
export { ONELINK_SCOPE, TokenService, type TokenServiceOptions } from './token-service.js';
