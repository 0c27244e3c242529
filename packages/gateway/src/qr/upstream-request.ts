import {
  type AggregatorQrInput,
  type AmountUnit,
  DEFAULT_AMOUNT_UNIT,
  DEFAULT_TRANSACTION_TYPE,
  formatOneLinkDateTime,
  instructedAmountFromRupees,
  type MerchantQrInput,
  PLACEHOLDER_STAN_RRN,
  paymentDetailsPathOf,
  QR_KINDS,
  type QrInputs,
  type QrKind,
  type QrOperationId,
  type QrRequests,
  qrOperationId,
  qrRequestIssues,
  type StanRrn,
  type ValidationIssue,
  withPaymentDetails,
  withStanRrn,
} from '@onelink-kit/core';
import type { RequestBody } from '@onelink-kit/generated/gateway';
import { ProblemError, type ProblemIssue } from '../problems.js';

// The gateway request → 1LINK request mapping, both ways: the body sent to 1LINK, and 1LINK's field
// paths in validation issues back to the names the caller used. Pure: no store, no network.

export type CreateMerchantQr = RequestBody<'createMerchantQr'>;
export type CreateAggregatorQr = RequestBody<'createAggregatorQr'>;
export type CreateQrInput = CreateMerchantQr | CreateAggregatorQr;

/** A 1LINK QR body of either kind, before (input) or after (request) its STAN/RRN is added. */
export type UpstreamBody = QrInputs[QrKind];
export type UpstreamRequest = QrRequests[QrKind];

export const QR_OPERATION: Record<QrKind, QrOperationId> = {
  merchant: qrOperationId('merchant'),
  aggregator: qrOperationId('aggregator'),
};

const PAYMENT_PATHS = QR_KINDS.map(paymentDetailsPathOf);
const EXPIRY_CHECK_MARGIN_MS = 2_000;

/**
 * How the gateway's amount (whole rupees) and transaction type become 1LINK's paymentDetails: the
 * 1LINK client's settings (`client.amountUnit`, `client.transactionType`, from ONELINK_AMOUNT_UNIT and
 * ONELINK_TRANSACTION_TYPE), so the body and the QR check use the same ones.
 */
export interface UpstreamSettings {
  amountUnit: AmountUnit;
  transactionType: string;
}

export const DEFAULT_UPSTREAM_SETTINGS: UpstreamSettings = {
  amountUnit: DEFAULT_AMOUNT_UNIT,
  transactionType: DEFAULT_TRANSACTION_TYPE,
};

/** A request checked against 1LINK's rules, ready for its STAN/RRN. */
export interface PreparedRequest {
  expiryDateTime: string;
  /** The 1LINK body without `info` (added once the STAN/RRN is allocated). */
  body: UpstreamBody;
}

/**
 * Builds the 1LINK body for a gateway request at `at` (epoch ms) and checks it by 1LINK's rules,
 * so a bad request is refused before a row is written or an RRN spent. Throws a validation problem
 * naming the caller's field.
 */
export function prepareUpstreamRequest(
  kind: QrKind,
  input: CreateQrInput,
  at: number,
  settings: Partial<UpstreamSettings> = {},
): PreparedRequest {
  const expiryDateTime = resolveExpiry(input, at);
  const body = buildUpstreamBody(
    kind,
    input,
    { executionDateTime: formatOneLinkDateTime(at), expiryDateTime },
    settings,
  );
  // Checked as if a little later than now: the client checks again when it sends, and an expiry
  // that only just passes here must not fail there after a row and an RRN were spent on it.
  const issues = qrRequestIssues(QR_OPERATION[kind], withInfo(kind, body, PLACEHOLDER_STAN_RRN), {
    now: at + EXPIRY_CHECK_MARGIN_MS,
  });
  if (issues.length > 0) throw validationProblem(issues, input);
  return { expiryDateTime, body };
}

/**
 * The 1LINK body for a gateway request (info is added separately). paymentDetails go where the
 * kind's layout puts them (core's qr-layout: top level for merchant, inside payerDetails for aggregator).
 */
export function buildUpstreamBody(
  kind: QrKind,
  input: CreateQrInput,
  dates: { executionDateTime: string; expiryDateTime: string },
  settings: Partial<UpstreamSettings> = {},
): UpstreamBody {
  const { amountUnit, transactionType } = { ...DEFAULT_UPSTREAM_SETTINGS, ...settings };
  const paymentDetails = {
    executionDateTime: dates.executionDateTime,
    expiryDateTime: dates.expiryDateTime,
    instructedAmount: instructedAmountFromRupees(input.amount, amountUnit),
    transactionType,
  };
  if (kind === 'merchant') {
    const m = input as CreateMerchantQr;
    const base = {
      merchantDetails: m.merchantDetails,
      ...(m.payerDetails === undefined ? {} : { payerDetails: m.payerDetails }),
    } as MerchantQrInput;
    return withPaymentDetails('merchant', base, paymentDetails);
  }
  const a = input as CreateAggregatorQr;
  const base = {
    merchantDetails: a.merchantDetails,
    ...(a.contactDetails === undefined ? {} : { contactDetails: a.contactDetails }),
    ...(a.geoLocation === undefined ? {} : { geoLocation: a.geoLocation }),
    ...(a.payerDetails === undefined ? {} : { payerDetails: a.payerDetails }),
  } as AggregatorQrInput;
  return withPaymentDetails('aggregator', base, paymentDetails);
}

/** The body with its STAN/RRN where the kind's layout puts them (core's withStanRrn). */
export function withInfo(kind: QrKind, body: UpstreamBody, info: StanRrn): UpstreamRequest {
  return kind === 'merchant'
    ? withStanRrn('merchant', body as MerchantQrInput, info)
    : withStanRrn('aggregator', body as AggregatorQrInput, info);
}

/** 1LINK field paths back to the gateway request's names, so the caller sees their own field. */
export function gatewayIssues(issues: ValidationIssue[], input: CreateQrInput | undefined): ProblemIssue[] {
  const expiryField = input?.expiresInSeconds !== undefined ? 'body.expiresInSeconds' : 'body.expiresAt';
  // paymentDetails are built by the gateway from amount and expiry, wherever the layout keeps them.
  const payment = new Map([
    ['expiryDateTime', expiryField],
    ['instructedAmount', 'body.amount'],
    ['executionDateTime', 'body (execution time)'],
  ]);
  return issues.map((issue) => {
    const path = PAYMENT_PATHS.find((p) => issue.field.startsWith(`${p}.`));
    const sub = path === undefined ? undefined : issue.field.slice(path.length + 1);
    const field =
      sub === undefined ? `body.${issue.field}` : (payment.get(sub) ?? `body.paymentDetails.${sub}`);
    return { field, rule: issue.rule, message: issue.message };
  });
}

function validationProblem(issues: ValidationIssue[], input: CreateQrInput): ProblemError {
  const mapped = gatewayIssues(issues, input);
  const first = mapped[0];
  return new ProblemError('validation', first ? `${first.field}: ${first.message}` : undefined, {
    errors: mapped,
  });
}

function resolveExpiry(input: CreateQrInput, at: number): string {
  const hasAt = input.expiresAt !== undefined;
  const hasIn = input.expiresInSeconds !== undefined;
  if (hasAt === hasIn) {
    const message = hasAt
      ? 'give only one of expiresAt or expiresInSeconds'
      : 'give expiresAt or expiresInSeconds';
    throw new ProblemError('validation', `body.expiresAt: ${message}`, {
      errors: [{ field: 'body.expiresAt', rule: 'exactly-one-of', message }],
    });
  }
  return input.expiresAt ?? formatOneLinkDateTime(at + input.expiresInSeconds! * 1000);
}
