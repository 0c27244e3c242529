import { inputShapeError } from './errors.js';
import type { DataObject, DataObjectInput } from './tlv-parse.js';
import type { ParsedPayload } from './verify.js';

/** Tag 62 (Additional Data Field Template) by name. */
export interface AdditionalDataFields {
  billNumber?: string; // 62.01
  mobileNumber?: string; // 62.02
  storeLabel?: string; // 62.03
  loyaltyNumber?: string; // 62.04
  referenceLabel?: string; // 62.05
  customerLabel?: string; // 62.06
  terminalLabel?: string; // 62.07
  purposeOfTransaction?: string; // 62.08
  additionalConsumerDataRequest?: string; // 62.09
  merchantTaxId?: string; // 62.10
  merchantChannel?: string; // 62.11
  /** 62.12–99 in order (RFU, and payment-system templates 50–99). */
  other?: readonly DataObjectInput[];
}

/** Tag 64 (Merchant Information—Language Template) by name. */
export interface LanguageFields {
  languagePreference: string; // 64.00
  merchantName: string; // 64.01
  merchantCity?: string; // 64.02
  /** 64.03–99 in order. */
  other?: readonly DataObjectInput[];
}

/**
 * An EMVCo MPM payload as a typed object. `build()` writes tags in ascending order (merchant
 * account templates and the lists in their given order) and appends the CRC.
 */
export interface EmvQrFields {
  payloadFormatIndicator?: string; // 00, default "01"
  pointOfInitiationMethod?: string; // 01: "11" static, "12" dynamic
  /** 02–51, at least one. */
  merchantAccountInformation: readonly DataObjectInput[];
  merchantCategoryCode: string; // 52
  transactionCurrency: string; // 53
  transactionAmount?: string; // 54
  tipOrConvenienceIndicator?: string; // 55
  convenienceFeeFixed?: string; // 56
  convenienceFeePercentage?: string; // 57
  countryCode: string; // 58
  merchantName: string; // 59
  merchantCity: string; // 60
  postalCode?: string; // 61
  additionalData?: AdditionalDataFields; // 62
  merchantInformationLanguage?: LanguageFields; // 64
  /** 65–79 in order. */
  rfuForEmvco?: readonly DataObjectInput[];
  /** 80–99 in order. */
  unreservedTemplates?: readonly DataObjectInput[];
}

const ADDITIONAL_KEYS = [
  ['01', 'billNumber'],
  ['02', 'mobileNumber'],
  ['03', 'storeLabel'],
  ['04', 'loyaltyNumber'],
  ['05', 'referenceLabel'],
  ['06', 'customerLabel'],
  ['07', 'terminalLabel'],
  ['08', 'purposeOfTransaction'],
  ['09', 'additionalConsumerDataRequest'],
  ['10', 'merchantTaxId'],
  ['11', 'merchantChannel'],
] as const;

const ROOT_KEYS = [
  ['52', 'merchantCategoryCode'],
  ['53', 'transactionCurrency'],
  ['54', 'transactionAmount'],
  ['55', 'tipOrConvenienceIndicator'],
  ['56', 'convenienceFeeFixed'],
  ['57', 'convenienceFeePercentage'],
  ['58', 'countryCode'],
  ['59', 'merchantName'],
  ['60', 'merchantCity'],
  ['61', 'postalCode'],
] as const;

function push(out: DataObjectInput[], tag: string, value: string | undefined): void {
  if (value !== undefined) out.push({ tag, value });
}

// Typed callers cannot get these wrong; JSON input (`pnpm qr build --json`) can, and should hear which field.
function list(value: readonly DataObjectInput[] | undefined, field: string): readonly DataObjectInput[] {
  if (value === undefined) return [];
  if (Array.isArray(value)) return value;
  throw inputShapeError(field, 'an array of data objects');
}

function template<T>(value: T | undefined, field: string): T | undefined {
  if (value === undefined) return undefined;
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value;
  throw inputShapeError(field, 'an object');
}

/** The ordered data-object list `build()` writes for a typed object (without tag 63). */
export function fieldsToObjects(fields: EmvQrFields): DataObjectInput[] {
  const out: DataObjectInput[] = [];
  push(out, '00', fields.payloadFormatIndicator ?? '01');
  push(out, '01', fields.pointOfInitiationMethod);
  out.push(...list(fields.merchantAccountInformation, 'merchantAccountInformation'));
  for (const [tag, key] of ROOT_KEYS) push(out, tag, fields[key]);
  const additional = template(fields.additionalData, 'additionalData');
  if (additional !== undefined) {
    const children: DataObjectInput[] = [];
    for (const [tag, key] of ADDITIONAL_KEYS) push(children, tag, additional[key]);
    children.push(...list(additional.other, 'additionalData.other'));
    out.push({ tag: '62', children });
  }
  const language = template(fields.merchantInformationLanguage, 'merchantInformationLanguage');
  if (language !== undefined) {
    const children: DataObjectInput[] = [];
    push(children, '00', language.languagePreference);
    push(children, '01', language.merchantName);
    push(children, '02', language.merchantCity);
    children.push(...list(language.other, 'merchantInformationLanguage.other'));
    out.push({ tag: '64', children });
  }
  out.push(
    ...list(fields.rfuForEmvco, 'rfuForEmvco'),
    ...list(fields.unreservedTemplates, 'unreservedTemplates'),
  );
  return out;
}

/** Parsed data objects back to build input: templates as `children`, tag 63 left out. */
export function toObjectInputs(parsed: ParsedPayload | readonly DataObject[]): DataObjectInput[] {
  const objects = Array.isArray(parsed)
    ? (parsed as readonly DataObject[])
    : (parsed as ParsedPayload).objects;
  return strip(objects, true);
}

function strip(objects: readonly DataObject[], root: boolean): DataObjectInput[] {
  const out: DataObjectInput[] = [];
  for (const o of objects) {
    if (root && o.tag === '63') continue;
    out.push(
      o.children !== undefined
        ? { tag: o.tag, children: strip(o.children, false) }
        : { tag: o.tag, value: o.value },
    );
  }
  return out;
}

/** A parsed payload as a typed object (the inverse of `build()` for typed input). */
export function toFields(parsed: ParsedPayload): EmvQrFields {
  const byTag = new Map<string, DataObject>();
  const accounts: DataObjectInput[] = [];
  const rfu: DataObjectInput[] = [];
  const unreserved: DataObjectInput[] = [];
  for (const o of parsed.objects) {
    const n = Number(o.tag);
    const input = strip([o], false)[0]!;
    if (n >= 2 && n <= 51) accounts.push(input);
    else if (n >= 65 && n <= 79) rfu.push(input);
    else if (n >= 80) unreserved.push(input);
    else byTag.set(o.tag, o);
  }
  const fields: Record<string, unknown> = {};
  fields.payloadFormatIndicator = byTag.get('00')?.value;
  if (byTag.has('01')) fields.pointOfInitiationMethod = byTag.get('01')!.value;
  fields.merchantAccountInformation = accounts;
  for (const [tag, key] of ROOT_KEYS) {
    const o = byTag.get(tag);
    if (o !== undefined) fields[key] = o.value;
  }
  const additional = byTag.get('62');
  if (additional !== undefined) {
    const data: Record<string, unknown> = {};
    const other: DataObjectInput[] = [];
    for (const child of additional.children ?? []) {
      const key = ADDITIONAL_KEYS.find(([tag]) => tag === child.tag)?.[1];
      if (key !== undefined) data[key] = child.value;
      else other.push(strip([child], false)[0]!);
    }
    if (other.length > 0) data.other = other;
    fields.additionalData = data;
  }
  const language = byTag.get('64');
  if (language !== undefined) {
    const data: Record<string, unknown> = {};
    const other: DataObjectInput[] = [];
    for (const child of language.children ?? []) {
      if (child.tag === '00') data.languagePreference = child.value;
      else if (child.tag === '01') data.merchantName = child.value;
      else if (child.tag === '02') data.merchantCity = child.value;
      else other.push({ tag: child.tag, value: child.value });
    }
    if (other.length > 0) data.other = other;
    fields.merchantInformationLanguage = data;
  }
  if (rfu.length > 0) fields.rfuForEmvco = rfu;
  if (unreserved.length > 0) fields.unreservedTemplates = unreserved;
  return fields as unknown as EmvQrFields;
}
