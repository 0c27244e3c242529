import { ONELINK_DATE_TIME_PATTERN, qrBodyParts } from '@onelink-kit/core';
import type { components } from '@onelink-kit/generated/1link-p2m-qr';
import type { EmvQrFields } from './fields.js';
import type { DataObjectInput } from './tlv-parse.js';

/** GUI of the 1LINK Raast P2M merchant account (tag 26) and expiry (tag 80) templates. */
export const RAAST_P2M_GUI = 'pk.1link.raast.p2m';

type Schemas = components['schemas'];
/** Either kind's paymentDetails, loosely: the aggregator's amount may be a numeric string ("310"). */
type PaymentDetailsLike = Partial<Schemas['AggregatorPaymentDetails']>;
type InfoLike = Partial<Schemas['TransactionInfo']>;

/**
 * The parts of a 1LINK generateDQRCMerchant or generateDQRCAggregator request body the QR mapping
 * reads, from the spec's schemas with every part optional: a body as sent, recorded or received is
 * checked as it is. Where paymentDetails and info sit (top level, or inside payerDetails for the
 * aggregator) is read through @onelink-kit/core's request layout.
 */
export interface OneLinkQrRequestLike {
  merchantDetails?: Partial<Omit<Schemas['MerchantDetails'], 'postalAddress'>> &
    Partial<Schemas['AggregatorMerchantDetails']> & { postalAddress?: Partial<Schemas['PostalAddress']> };
  payerDetails?: Partial<Schemas['PayerDetails']> & { paymentDetails?: PaymentDetailsLike; info?: InfoLike };
  paymentDetails?: PaymentDetailsLike;
  info?: InfoLike;
}

/** What 1LINK's merchant registry knows for an aggregator's merchant (absent from the request). */
export interface MerchantRegistryEntry {
  iban?: string;
  bankBic?: string;
  merchantCategoryCode?: string;
  /** dbaName; cut to 25 characters in tag 59. */
  merchantName?: string;
  /** townName; cut to 15 characters in tag 60. */
  merchantCity?: string;
}

export interface FieldsFromRequestOptions {
  /** Values 1LINK's registry holds; fill what the (aggregator) request lacks. */
  registry?: MerchantRegistryEntry;
  /** Optional tag 64 in Urdu (name cut to 25, city to 15 characters). */
  urdu?: { merchantName: string; merchantCity?: string };
}

/** First `n` characters (code points) of `s`. */
export function cutChars(s: string, n: number): string {
  const chars = Array.from(s);
  return chars.length <= n ? s : chars.slice(0, n).join('');
}

/** Merchant requests carry the IBAN/dbaName/postal address; aggregator requests only merchantID + subDept. */
export function isMerchantRequest(request: OneLinkQrRequestLike): boolean {
  const m = request.merchantDetails;
  return m?.iban !== undefined || m?.dbaName !== undefined || m?.postalAddress !== undefined;
}

export function requestTerminal(request: OneLinkQrRequestLike): string | undefined {
  return request.merchantDetails?.postalAddress?.subDept ?? request.merchantDetails?.subDept;
}

/** "2026-11-21T23:59:00" (PKT) → "20261121235900"; undefined when it is not that shape. */
export function expiryDigits(dateTime: string | undefined): string | undefined {
  if (dateTime === undefined) return undefined;
  const m = ONELINK_DATE_TIME_PATTERN.exec(dateTime);
  return m === null ? undefined : m.slice(1).join('');
}

/** Whole rupees from the request as the tag-54 text ("310" → "310.00"), or undefined if not numeric. */
export function amountText(instructedAmount: number | string | undefined): string | undefined {
  if (instructedAmount === undefined) return undefined;
  const n = typeof instructedAmount === 'number' ? instructedAmount : Number(instructedAmount.trim());
  if (
    !Number.isFinite(n) ||
    n < 0 ||
    (typeof instructedAmount === 'string' && instructedAmount.trim() === '')
  ) {
    return undefined;
  }
  return n.toFixed(2);
}

/**
 * The EMVCo fields 1LINK's QR carries for a request (the mapping in the package README): what the mock upstream
 * returns and what `checkAgainstRequest` expects. Pass the result to `build()`.
 */
export function fieldsFromRequest(
  request: OneLinkQrRequestLike,
  options: FieldsFromRequestOptions = {},
): EmvQrFields {
  const m = request.merchantDetails ?? {};
  const registry = options.registry ?? {};
  const { paymentDetails: payment, info } = qrBodyParts(request);
  const merchant = isMerchantRequest(request);

  const account: DataObjectInput[] = [{ tag: '00', value: RAAST_P2M_GUI }];
  const iban = merchant ? m.iban : (registry.iban ?? m.iban);
  const bic = merchant ? m.bankBic : (registry.bankBic ?? m.bankBic);
  if (iban !== undefined) account.push({ tag: '01', value: iban });
  if (bic !== undefined) account.push({ tag: '02', value: bic });
  if (m.merchantID !== undefined) account.push({ tag: '03', value: m.merchantID });

  const name = m.dbaName ?? registry.merchantName;
  const city = m.postalAddress?.townName ?? registry.merchantCity;
  const identification = request.payerDetails?.identificationDetails;
  const additional = {
    loyaltyNumber: identification?.loyaltyNo,
    referenceLabel: info?.rrn,
    customerLabel: identification?.customerLabel,
    terminalLabel: requestTerminal(request),
    additionalConsumerDataRequest: request.payerDetails?.additionalRequiredDetails || undefined,
  };
  const expiry = expiryDigits(payment?.expiryDateTime);

  const fields: EmvQrFields = {
    payloadFormatIndicator: '01',
    pointOfInitiationMethod: '12',
    merchantAccountInformation: [{ tag: '26', children: account }],
    merchantCategoryCode: m.merchantCategoryCode ?? registry.merchantCategoryCode ?? '',
    transactionCurrency: '586',
    transactionAmount: amountText(payment?.instructedAmount),
    countryCode: 'PK',
    merchantName: name === undefined ? '' : cutChars(name, 25),
    merchantCity: city === undefined ? '' : cutChars(city, 15),
  };
  if (fields.transactionAmount === undefined) delete fields.transactionAmount;
  const additionalData = Object.fromEntries(Object.entries(additional).filter(([, v]) => v !== undefined));
  if (Object.keys(additionalData).length > 0) fields.additionalData = additionalData;
  if (options.urdu !== undefined) {
    fields.merchantInformationLanguage = {
      languagePreference: 'UR',
      merchantName: cutChars(options.urdu.merchantName, 25),
      ...(options.urdu.merchantCity !== undefined
        ? { merchantCity: cutChars(options.urdu.merchantCity, 15) }
        : {}),
    };
  }
  if (expiry !== undefined) {
    fields.unreservedTemplates = [
      {
        tag: '80',
        children: [
          { tag: '00', value: RAAST_P2M_GUI },
          { tag: '01', value: expiry },
        ],
      },
    ];
  }
  return fields;
}
