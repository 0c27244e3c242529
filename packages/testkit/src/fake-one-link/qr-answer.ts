import { ibanChecksumValid, PK_IBAN_PATTERN, type QrKind, qrBodyParts } from '@onelink-kit/core';
import {
  build,
  fieldsFromRequest,
  type MerchantRegistryEntry,
  type OneLinkQrRequestLike,
  toRaastP2M,
} from '@onelink-kit/emvqr';
import { oneLinkExample } from '../requests/spec-examples.js';

/** A JSON answer of the fake, before it is written. */
export interface QrAnswer {
  status: number;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
}

type QrRequest = OneLinkQrRequestLike & Record<string, unknown>;

/** A registry entry as the QR of a spec example shows it. */
function entryOf(qrString: string): MerchantRegistryEntry {
  const view = toRaastP2M(qrString);
  return {
    iban: view.raast?.iban,
    bankBic: view.raast?.bankBic,
    merchantCategoryCode: view.merchantCategoryCode,
    merchantName: view.merchantName,
    merchantCity: view.merchantCity,
  };
}

/**
 * What 1LINK's registry holds for the merchants of the spec's MerchantRequestSuccess and
 * AggregatorRequestSuccess examples, read back from the QRs of MerchantQrSuccess and
 * AggregatorQrSuccess. It fills what a request leaves out: the aggregator's account and name, the
 * city of a merchant request without a postal address.
 */
export function exampleRegistry(): Record<string, MerchantRegistryEntry> {
  const merchant = oneLinkExample('MerchantRequestSuccess');
  const aggregator = oneLinkExample('AggregatorRequestSuccess');
  return {
    [merchant.merchantDetails.merchantID]: entryOf(oneLinkExample('MerchantQrSuccess').qrString),
    [aggregator.merchantDetails.merchantID]: entryOf(oneLinkExample('AggregatorQrSuccess').qrString),
  };
}

// The body is read where the operation's layout keeps the parts (core's one rule); a body in the
// other layout reads as missing them, as 1LINK would see it.
function partsOf(kind: QrKind, request: QrRequest) {
  const parts = qrBodyParts<{ expiryDateTime?: string }, { stan?: string; rrn?: string }>(request);
  return parts.kind === kind ? parts : { paymentDetails: undefined, info: undefined };
}

function idsOf(kind: QrKind, request: QrRequest): { stan?: string; rrn?: string } {
  const { info } = partsOf(kind, request);
  return { stan: info?.stan, rrn: info?.rrn };
}

/** The success answer: STAN/RRN echoed, a QR built from the request with the project's EMV mapping. */
export function qrSuccess(
  kind: QrKind,
  request: QrRequest,
  registry: Record<string, MerchantRegistryEntry>,
): QrAnswer {
  const entry = registry[request.merchantDetails?.merchantID ?? ''];
  const payment = partsOf(kind, request).paymentDetails;
  const ids = idsOf(kind, request);
  return {
    status: 200,
    // 1LINK's id of the exchange; derived from the RRN so a test can tell whose answer it is.
    headers: { 'x-global-transaction-id': `gtid-${ids.rrn}` },
    body: {
      responseCode: '00',
      responseDescription: 'Processed OK',
      ...ids,
      qrString: build(fieldsFromRequest(request, entry ? { registry: entry } : {})),
      ...(payment?.expiryDateTime ? { expiryDateTime: payment.expiryDateTime } : {}),
    },
  };
}

/**
 * The refusal 1LINK gives a request it cannot process, or undefined: code 30 without STAN/RRN, 12 for
 * a bad IBAN or an aggregator it does not know, 94 for an RRN it has seen (`usedRrns` is updated).
 */
export function qrRefusal(
  kind: QrKind,
  request: QrRequest,
  registry: Record<string, MerchantRegistryEntry>,
  usedRrns: Set<string>,
): QrAnswer | undefined {
  const ids = idsOf(kind, request);
  const reject = (status: number, responseCode: string, responseDescription: string): QrAnswer => ({
    status,
    body: { responseCode, responseDescription, ...ids },
  });
  if (!ids.stan || !ids.rrn) return reject(400, '30', 'Format error');
  const iban = request.merchantDetails?.iban ?? '';
  // Core's rule, the one the client checks before sending: the spec's PK shape and the mod-97 digits.
  if (kind === 'merchant' && !(PK_IBAN_PATTERN.test(iban) && ibanChecksumValid(iban))) {
    return reject(400, '12', 'Invalid transaction / request field');
  }
  if (kind === 'aggregator' && !registry[request.merchantDetails?.merchantID ?? '']) {
    return reject(400, '12', 'Invalid transaction / request field');
  }
  if (usedRrns.has(ids.rrn)) return reject(409, '94', 'Duplicate transmission (duplicate RRN)');
  usedRrns.add(ids.rrn);
  return undefined;
}
