import {
  formatOneLinkDateTime,
  type QrOperationId,
  qrRequestIssues,
  type ValidationIssue,
} from '@onelink-kit/client';
import type { RequestBody } from '@onelink-kit/generated/gateway';
import { ProblemError, type ProblemIssue } from '../http/problems.js';
import type { QrKind } from '../storage/transactions-store.js';

// The gateway request → 1LINK request mapping, both ways: the body sent to 1LINK, and 1LINK's field
// paths in validation issues back to the names the caller used. Pure: no store, no network.

export type CreateMerchantQr = RequestBody<'createMerchantQr'>;
export type CreateAggregatorQr = RequestBody<'createAggregatorQr'>;
export type CreateQrInput = CreateMerchantQr | CreateAggregatorQr;

export interface StanRrnPair {
  stan: string;
  rrn: string;
}

export const QR_OPERATION: Record<QrKind, QrOperationId> = {
  merchant: 'generateDQRCMerchant',
  aggregator: 'generateDQRCAggregator',
};

const TRANSACTION_TYPE = 'P2M';
const EXPIRY_CHECK_MARGIN_MS = 2_000;
// Shape-valid stand-ins so the 1LINK rules can be checked before an RRN is spent on a bad request.
const PLACEHOLDER_INFO: StanRrnPair = { stan: '000000', rrn: '000000000000' };

/** A request checked against 1LINK's rules, ready for its STAN/RRN. */
export interface PreparedRequest {
  expiryDateTime: string;
  /** The 1LINK body without `info` (added once the STAN/RRN is allocated). */
  body: Record<string, unknown>;
}

/**
 * Builds the 1LINK body for a gateway request at `at` (epoch ms) and checks it by 1LINK's rules,
 * so a bad request is refused before a row is written or an RRN spent. Throws a validation problem
 * naming the caller's field.
 */
export function prepareUpstreamRequest(kind: QrKind, input: CreateQrInput, at: number): PreparedRequest {
  const expiryDateTime = resolveExpiry(input, at);
  const body = buildUpstreamBody(kind, input, {
    executionDateTime: formatOneLinkDateTime(at),
    expiryDateTime,
  });
  // Checked as if a little later than now: the client checks again when it sends, and an expiry
  // that only just passes here must not fail there after a row and an RRN were spent on it.
  const issues = qrRequestIssues(QR_OPERATION[kind], withInfo(kind, body, PLACEHOLDER_INFO), {
    now: at + EXPIRY_CHECK_MARGIN_MS,
  });
  if (issues.length > 0) throw validationProblem(issues, input);
  return { expiryDateTime, body };
}

/** The 1LINK body for a gateway request (info is added separately). */
export function buildUpstreamBody(
  kind: QrKind,
  input: CreateQrInput,
  dates: { executionDateTime: string; expiryDateTime: string },
): Record<string, unknown> {
  const paymentDetails = {
    executionDateTime: dates.executionDateTime,
    expiryDateTime: dates.expiryDateTime,
    instructedAmount: input.amount,
    transactionType: TRANSACTION_TYPE,
  };
  if (kind === 'merchant') {
    const m = input as CreateMerchantQr;
    return {
      merchantDetails: m.merchantDetails,
      ...(m.payerDetails === undefined ? {} : { payerDetails: m.payerDetails }),
      paymentDetails,
    };
  }
  const a = input as CreateAggregatorQr;
  return {
    merchantDetails: a.merchantDetails,
    ...(a.contactDetails === undefined ? {} : { contactDetails: a.contactDetails }),
    ...(a.geoLocation === undefined ? {} : { geoLocation: a.geoLocation }),
    // The 1LINK aggregator layout nests paymentDetails and info inside payerDetails.
    payerDetails: { ...(a.payerDetails ?? {}), paymentDetails },
  };
}

/** The body with its STAN/RRN where the operation's layout puts them. */
export function withInfo(
  kind: QrKind,
  body: Record<string, unknown>,
  info: StanRrnPair,
): Record<string, unknown> {
  if (kind === 'merchant') return { ...body, info: { stan: info.stan, rrn: info.rrn } };
  const payer = body.payerDetails as Record<string, unknown>;
  return { ...body, payerDetails: { ...payer, info: { stan: info.stan, rrn: info.rrn } } };
}

/** 1LINK field paths back to the gateway request's names, so the caller sees their own field. */
export function gatewayIssues(issues: ValidationIssue[], input: CreateQrInput | undefined): ProblemIssue[] {
  const expiryField = input?.expiresInSeconds !== undefined ? 'body.expiresInSeconds' : 'body.expiresAt';
  return issues.map((issue) => {
    let field = issue.field.replace(/^payerDetails\.(?=paymentDetails\.)/, '');
    if (/^paymentDetails\.expiryDateTime$/.test(field)) field = expiryField;
    else if (/^paymentDetails\.instructedAmount$/.test(field)) field = 'body.amount';
    else if (/^paymentDetails\.executionDateTime$/.test(field)) field = 'body (execution time)';
    else field = `body.${field}`;
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
