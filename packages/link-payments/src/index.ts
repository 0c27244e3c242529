// Public entry of @onelink-kit/link-payments.
export {
  type LinkFailure,
  type LinkOperationId,
  type LinkOutcome,
  LinkPaymentsApiError,
  type OtsStatusCode,
} from './link-errors.js';
export {
  type CallOptions,
  type CancelPaymentLinkInput,
  type CreatePaymentLinkInput,
  createLinkPaymentsClient,
  type GetTemplateDetailsInput,
  type LinkPaymentsClient,
  type LinkPaymentsClientOptions,
  type LinkResult,
  linkResponseCodes,
  type ResendPaymentLinkInput,
} from './link-payments-client.js';
export { type CreateRuleInput, createPaymentLinkIssues } from './link-rules.js';
