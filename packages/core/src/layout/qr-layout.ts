import type { components, RequestBody } from '@onelink-kit/generated/1link-p2m-qr';
import type { ValidationIssue } from '../errors/one-link-error.js';
import type { StanRrn } from './stan-rrn.js';

/**
 * The one home of the 1LINK QR request layout. The merchant body carries `paymentDetails` and `info`
 * (stan/rrn) at the top; the aggregator body nests both inside `payerDetails`, as the 1LINK document's
 * aggregator request shows. Everything that reads or writes those parts goes through here.
 */
export type QrKind = 'merchant' | 'aggregator';
export const QR_KINDS: readonly QrKind[] = ['merchant', 'aggregator'];

export type MerchantQrRequest = RequestBody<'generateDQRCMerchant'>;
export type AggregatorQrRequest = RequestBody<'generateDQRCAggregator'>;
type AggregatorPayerDetails = components['schemas']['AggregatorPayerDetails'];

/** A merchant QR request; `info` (stan/rrn) may be left out or partial, to be allocated. */
export type MerchantQrInput = Omit<MerchantQrRequest, 'info'> & { info?: Partial<StanRrn> };
/** An aggregator QR request; `payerDetails.info` (stan/rrn) may be left out or partial. */
export type AggregatorQrInput = Omit<AggregatorQrRequest, 'payerDetails'> & {
  payerDetails?: Omit<AggregatorPayerDetails, 'info'> & { info?: Partial<StanRrn> };
};

/** Complete request bodies by kind. */
export interface QrRequests {
  merchant: MerchantQrRequest;
  aggregator: AggregatorQrRequest;
}
/** Request bodies by kind whose stan/rrn may still be missing. */
export interface QrInputs {
  merchant: MerchantQrInput;
  aggregator: AggregatorQrInput;
}
/** The paymentDetails object of each kind (the aggregator's amount may be a numeric string). */
export interface QrPaymentDetails {
  merchant: components['schemas']['PaymentDetails'];
  aggregator: components['schemas']['AggregatorPaymentDetails'];
}

interface Layout<K extends QrKind> {
  operationId: K extends 'merchant' ? 'generateDQRCMerchant' : 'generateDQRCAggregator';
  /** Dotted paths, as validation issues name fields. */
  infoPath: string;
  paymentDetailsPath: string;
  paymentDetails(body: QrInputs[K]): QrPaymentDetails[K] | undefined;
  info(body: QrInputs[K]): Partial<StanRrn> | undefined;
  withInfo(body: QrInputs[K], info: StanRrn): QrRequests[K];
  withPaymentDetails(body: QrInputs[K], paymentDetails: QrPaymentDetails[K]): QrInputs[K];
}

const LAYOUT: { readonly [K in QrKind]: Layout<K> } = {
  merchant: {
    operationId: 'generateDQRCMerchant',
    infoPath: 'info',
    paymentDetailsPath: 'paymentDetails',
    paymentDetails: (body) => body.paymentDetails,
    info: (body) => body.info,
    withInfo: (body, info) => ({ ...body, info }),
    withPaymentDetails: (body, paymentDetails) => ({ ...body, paymentDetails }),
  },
  aggregator: {
    operationId: 'generateDQRCAggregator',
    infoPath: 'payerDetails.info',
    paymentDetailsPath: 'payerDetails.paymentDetails',
    paymentDetails: (body) => body.payerDetails?.paymentDetails,
    info: (body) => body.payerDetails?.info,
    withInfo: (body, info) => ({ ...body, payerDetails: { ...body.payerDetails, info } }),
    withPaymentDetails: (body, paymentDetails) => ({
      ...body,
      payerDetails: { ...body.payerDetails, paymentDetails },
    }),
  },
};

export type QrOperationId = Layout<QrKind>['operationId'];

/** The 1LINK operation that creates a QR of this kind. */
export function qrOperationId<K extends QrKind>(kind: K): Layout<K>['operationId'] {
  return LAYOUT[kind].operationId;
}

/** The kind of QR an operation creates. */
export function qrKindOf(operationId: QrOperationId): QrKind {
  return operationId === LAYOUT.merchant.operationId ? 'merchant' : 'aggregator';
}

/** Where stan/rrn sit in this kind's body, dotted (`info` or `payerDetails.info`). */
export function infoPathOf(kind: QrKind): string {
  return LAYOUT[kind].infoPath;
}

/** Where paymentDetails sit, dotted (`paymentDetails` or `payerDetails.paymentDetails`). */
export function paymentDetailsPathOf(kind: QrKind): string {
  return LAYOUT[kind].paymentDetailsPath;
}

/** The body's paymentDetails, wherever this kind keeps them. */
export function paymentDetailsOf<K extends QrKind>(
  kind: K,
  body: QrInputs[K],
): QrPaymentDetails[K] | undefined {
  return LAYOUT[kind].paymentDetails(body);
}

/** The body's stan/rrn (possibly partial), wherever this kind keeps them. */
export function infoOf<K extends QrKind>(kind: K, body: QrInputs[K]): Partial<StanRrn> | undefined {
  return LAYOUT[kind].info(body);
}

/** A copy of the body with exactly these stan/rrn in this kind's place; the input is not changed. */
export function withStanRrn<K extends QrKind>(kind: K, body: QrInputs[K], ids: StanRrn): QrRequests[K] {
  return LAYOUT[kind].withInfo(body, { stan: ids.stan, rrn: ids.rrn });
}

/** A copy of the body with these paymentDetails in this kind's place; the input is not changed. */
export function withPaymentDetails<K extends QrKind>(
  kind: K,
  body: QrInputs[K],
  paymentDetails: QrPaymentDetails[K],
): QrInputs[K] {
  return LAYOUT[kind].withPaymentDetails(body, paymentDetails);
}

/**
 * A QR body of either kind as received, recorded or built by hand, read loosely: every part optional,
 * other properties allowed. For code that checks a body whose kind it is not told (a QR against the
 * request it answers); code that builds bodies uses the typed functions above.
 */
export interface LooseQrBody<P, I> {
  paymentDetails?: P | undefined;
  info?: I | undefined;
  payerDetails?: { paymentDetails?: P | undefined; info?: I | undefined; [key: string]: unknown } | undefined;
}

/** Where a loose body keeps its parts, by the layout it follows. */
export interface QrBodyParts<P, I> {
  kind: QrKind;
  paymentDetails: P | undefined;
  info: I | undefined;
  /** Dotted paths of the two parts in this body, for naming fields. */
  paymentDetailsPath: string;
  infoPath: string;
}

/**
 * Reads a body by the layout it follows: the aggregator's when payerDetails carries paymentDetails or
 * info and the top level carries neither, the merchant's otherwise.
 */
export function qrBodyParts<P, I>(body: LooseQrBody<P, I>): QrBodyParts<P, I> {
  const payer = body.payerDetails;
  const nested = payer?.paymentDetails !== undefined || payer?.info !== undefined;
  const kind: QrKind =
    nested && body.paymentDetails === undefined && body.info === undefined ? 'aggregator' : 'merchant';
  const { infoPath, paymentDetailsPath } = LAYOUT[kind];
  return kind === 'merchant'
    ? { kind, paymentDetails: body.paymentDetails, info: body.info, paymentDetailsPath, infoPath }
    : { kind, paymentDetails: payer?.paymentDetails, info: payer?.info, paymentDetailsPath, infoPath };
}

/**
 * Issues for a body (from JavaScript, or parsed JSON) whose containers on the way to stan/rrn are
 * present but not objects. Check before withStanRrn: writing stan/rrn into a string `payerDetails`
 * would turn the caller's mistake into a different body instead of an error naming the field.
 */
export function qrLayoutIssues(kind: QrKind, body: unknown): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (!isObject(body)) return [{ field: '(body)', rule: 'type', message: 'must be object' }];
  let current: unknown = body;
  const steps = LAYOUT[kind].infoPath.split('.');
  for (const [i, key] of steps.entries()) {
    if (!isObject(current)) break;
    current = current[key];
    if (current === undefined) break;
    if (!isObject(current)) {
      issues.push({ field: steps.slice(0, i + 1).join('.'), rule: 'type', message: 'must be object' });
      break;
    }
  }
  return issues;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
