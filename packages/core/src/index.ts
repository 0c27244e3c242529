// Public entry of @onelink-kit/core: what every onelink-kit client and the gateway share. Pure: no
// HTTP framework, database or fetch of its own (upstream calls take the caller's `send`).

// The OpenAPI path-item keys every operation walk iterates: their home is the generated runtime, the lowest
// layer (the generator uses them too).
export { HTTP_METHODS, type HttpMethod } from '@onelink-kit/generated/runtime';
// errors/: the typed hierarchy, the response-code tables from the specs, and answer → error.
export {
  errorFromResponse,
  isRetryableError,
  networkErrorFrom,
  type UpstreamAnswer,
} from './errors/error-from-response.js';
export { OneLinkError, OneLinkValidationError, type ValidationIssue } from './errors/one-link-error.js';
export {
  OUTCOME_TABLE,
  type OutcomeRule,
  outcomeRuleOf,
  situationOf,
  type TransactionOutcomeStatus,
  type UpstreamSituation,
} from './errors/outcome-table.js';
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
} from './errors/response-codes.js';
// upstream-errors.ts is public as a whole: every class of the hierarchy and UpstreamFacts.
export * from './errors/upstream-errors.js';
export { capAnswerSize, DEFAULT_MAX_ANSWER_BYTES, NULL_BODY_STATUSES } from './http/answer-cap.js';
// Stand-ins for the platform's Request and Response, for a transport that reads and answers whole.
export { AnswerHeaders } from './http/answer-headers.js';
export { BufferedResponse } from './http/buffered-response.js';
export { PlainRequest } from './http/plain-request.js';
// http/: one upstream attempt, its timeout, the retry loop, and what the provider clients share.
export {
  type CallOptions,
  type CodedAnswer,
  callCodedUpstream,
  type ProviderClientOptions,
  providerDefaults,
} from './http/provider-client.js';
export {
  abortableSleep,
  backoffDelay,
  DEFAULT_RETRY_POLICY,
  parseRetryAfter,
  type RetryEnvironment,
  type RetryEvent,
  type RetryPolicy,
  withRetry,
} from './http/retry.js';
export { type AttemptSignal, attemptSignal } from './http/timeout.js';
export { callUpstream, type UpstreamCallOptions } from './http/upstream-call.js';
export {
  AMOUNT_UNITS,
  type AmountUnit,
  DEFAULT_AMOUNT_UNIT,
  instructedAmountFromRupees,
  instructedAmountOfRupeesText,
  isAmountUnit,
  rupeesTextOfInstructedAmount,
} from './layout/amount-unit.js';
export { ibanChecksumValid, PK_IBAN_PATTERN } from './layout/iban.js';
// layout/: where the 1LINK QR bodies keep paymentDetails and stan/rrn, and their checks.
export {
  type AggregatorQrInput,
  type AggregatorQrRequest,
  infoOf,
  infoPathOf,
  type LooseQrBody,
  type MerchantQrInput,
  type MerchantQrRequest,
  paymentDetailsOf,
  paymentDetailsPathOf,
  QR_KINDS,
  type QrBodyParts,
  type QrInputs,
  type QrKind,
  type QrOperationId,
  type QrPaymentDetails,
  type QrRequests,
  qrBodyParts,
  qrKindOf,
  qrLayoutIssues,
  qrOperationId,
  withPaymentDetails,
  withStanRrn,
} from './layout/qr-layout.js';
export { oneLinkRequestValidator, qrRequestIssues } from './layout/qr-request-issues.js';
export {
  assertStanRrn,
  PLACEHOLDER_STAN_RRN,
  RRN_PATTERN,
  STAN_PATTERN,
  type StanRrn,
  type StanRrnAllocator,
  stanRrnIssues,
} from './layout/stan-rrn.js';
export { DEFAULT_TRANSACTION_TYPE } from './layout/transaction-type.js';
// log/: the one pino factory and what it redacts.
export {
  createLogger,
  type Logger,
  type LoggerFactoryOptions,
  REDACT_KEYS,
  silentLogger,
} from './log/logger.js';
export { lineRedactor } from './log/redact-line.js';
export {
  REDACTED,
  redactHeaders,
  SENSITIVE_HEADERS,
  SENSITIVE_KEYS,
  scrubDeep,
  scrubSecrets,
} from './log/redaction.js';
// secrets/: NAME / NAME_FILE under one rule, re-read on demand.
export { type EnvSecretOptions, fromEnv, fromFile, readEnvSecret } from './secrets/env-secret.js';
export { SecretUnavailableError } from './secrets/secret-error.js';
export {
  type SecretProvider,
  SecretReader,
  type SecretReadReason,
  type SecretSource,
} from './secrets/secret-reader.js';
// time/: 1LINK date-times (PKT, no offset) and the expiry policy.
export {
  assertExpiry,
  DEFAULT_EXPIRY_POLICY,
  type ExpiryFields,
  type ExpiryPolicy,
  expiryIssues,
} from './time/expiry.js';
export {
  formatOneLinkDateTime,
  ONELINK_DATE_TIME_PATTERN,
  PKT_OFFSET_MS,
  parseOneLinkDateTime,
} from './time/one-link-date-time.js';
// validation/: the one OpenAPI-aware Ajv and the request validator built on it.
export { createOpenApiAjv, OPENAPI_FORMATS, type OpenApiAjvOptions } from './validation/openapi-ajv.js';
export {
  type ParameterValues,
  RequestValidator,
  type RequestValidatorOptions,
} from './validation/request-validator.js';
