import type { AdditionalDataFields } from './fields.js';
import { RAAST_P2M_GUI } from './raast-request.js';
import type { DataObject } from './tlv-parse.js';
import { type ParsedPayload, parse } from './verify.js';

export interface Amount {
  /** As written in the payload, e.g. "310.00". */
  text: string;
  /** Whole units (rupees for PKR). */
  rupees: number;
  /** Minor units after the whole units (0–99). */
  paisa: number;
  /** The whole amount in minor units; exact for amounts with at most two decimals. */
  totalPaisa: number;
}

/** A merchant account information object (02–51): primitive `value` or template `fields`. */
export interface MerchantAccount {
  tag: string;
  value?: string;
  globallyUniqueIdentifier?: string;
  /** Template sub-tags by tag ("00", "01", ...). */
  fields?: Record<string, string>;
}

export interface Template {
  tag: string;
  globallyUniqueIdentifier?: string;
  fields: Record<string, string>;
}

/** A parsed payload in Raast P2M terms (the mapping in the package README), with every other EMVCo field kept. */
export interface RaastP2MView {
  payloadFormatIndicator: string;
  /** "12" dynamic (Raast P2M), "11" static. */
  pointOfInitiationMethod?: string;
  dynamic: boolean;
  merchantAccounts: MerchantAccount[];
  /** Tag 26 when its GUI is pk.1link.raast.p2m. */
  raast?: { iban?: string; bankBic?: string; merchantId?: string };
  merchantCategoryCode: string;
  currency: { numeric: string; alpha?: string };
  amount?: Amount;
  tip?: {
    indicator: string;
    kind: 'prompt' | 'fixed' | 'percentage' | 'unknown';
    fixedFee?: Amount;
    percentage?: string;
  };
  countryCode: string;
  merchantName: string;
  merchantCity: string;
  postalCode?: string;
  additionalData: AdditionalDataFields & { paymentSystemTemplates?: Template[] };
  alternateLanguage?: { languagePreference: string; merchantName?: string; merchantCity?: string };
  /** Tag 80 (GUI pk.1link.raast.p2m) sub-tag 01, Pakistan time. */
  expiry?: { raw: string; localDateTime: string; iso: string };
  rfuForEmvco: { tag: string; value: string }[];
  unreservedTemplates: Template[];
  crc: string;
}

const CURRENCIES: Record<string, string> = {
  '586': 'PKR',
  '156': 'CNY',
  '356': 'INR',
  '360': 'IDR',
  '458': 'MYR',
  '702': 'SGD',
  '764': 'THB',
  '840': 'USD',
  '986': 'BRL',
};

const ADDITIONAL_KEYS: Record<string, keyof AdditionalDataFields> = {
  '01': 'billNumber',
  '02': 'mobileNumber',
  '03': 'storeLabel',
  '04': 'loyaltyNumber',
  '05': 'referenceLabel',
  '06': 'customerLabel',
  '07': 'terminalLabel',
  '08': 'purposeOfTransaction',
  '09': 'additionalConsumerDataRequest',
  '10': 'merchantTaxId',
  '11': 'merchantChannel',
};

/** "310.00" → 310 rupees 0 paisa (string arithmetic: no binary floating point). */
export function parseAmount(text: string): Amount {
  const [whole = '', fraction = ''] = text.split('.');
  const rupees = whole === '' ? 0 : Number(whole);
  const paisa = Number(`${fraction}00`.slice(0, 2));
  const extra = fraction.slice(2);
  // Beyond two decimals we round half up in minor units; PKR has two.
  const roundUp = extra !== '' && extra.charCodeAt(0) >= 53 ? 1 : 0;
  const totalPaisa = rupees * 100 + paisa + roundUp;
  return { text, rupees, paisa, totalPaisa };
}

function template(o: DataObject): Template {
  const fields: Record<string, string> = {};
  for (const c of o.children ?? []) fields[c.tag] = c.value;
  return {
    tag: o.tag,
    ...(fields['00'] !== undefined ? { globallyUniqueIdentifier: fields['00'] } : {}),
    fields,
  };
}

/** A typed Raast P2M view of a payload (a string is parsed first and throws if invalid). */
export function toRaastP2M(input: ParsedPayload | string): RaastP2MView {
  const parsed = typeof input === 'string' ? parse(input) : input;
  const byTag = new Map<string, DataObject>();
  const view: RaastP2MView = {
    payloadFormatIndicator: '',
    dynamic: false,
    merchantAccounts: [],
    merchantCategoryCode: '',
    currency: { numeric: '' },
    countryCode: '',
    merchantName: '',
    merchantCity: '',
    additionalData: {},
    rfuForEmvco: [],
    unreservedTemplates: [],
    crc: '',
  };
  for (const o of parsed.objects) {
    const n = Number(o.tag);
    if (n >= 2 && n <= 51) {
      if (o.children === undefined) view.merchantAccounts.push({ tag: o.tag, value: o.value });
      else {
        const t = template(o);
        view.merchantAccounts.push(t);
        if (o.tag === '26' && t.globallyUniqueIdentifier === RAAST_P2M_GUI) {
          view.raast = {
            ...(t.fields['01'] !== undefined ? { iban: t.fields['01'] } : {}),
            ...(t.fields['02'] !== undefined ? { bankBic: t.fields['02'] } : {}),
            ...(t.fields['03'] !== undefined ? { merchantId: t.fields['03'] } : {}),
          };
        }
      }
    } else if (n >= 65 && n <= 79) view.rfuForEmvco.push({ tag: o.tag, value: o.value });
    else if (n >= 80) {
      const t = template(o);
      view.unreservedTemplates.push(t);
      const raw = t.fields['01'];
      if (
        o.tag === '80' &&
        t.globallyUniqueIdentifier === RAAST_P2M_GUI &&
        raw !== undefined &&
        /^\d{14}$/.test(raw)
      ) {
        const local = `${raw.slice(0, 4)}-${raw.slice(4, 6)}-${raw.slice(6, 8)}T${raw.slice(8, 10)}:${raw.slice(10, 12)}:${raw.slice(12, 14)}`;
        view.expiry = { raw, localDateTime: local, iso: `${local}+05:00` };
      }
    } else byTag.set(o.tag, o);
  }
  const value = (tag: string): string | undefined => byTag.get(tag)?.value;
  view.payloadFormatIndicator = value('00') ?? '';
  const poi = value('01');
  if (poi !== undefined) view.pointOfInitiationMethod = poi;
  view.dynamic = poi === '12';
  view.merchantCategoryCode = value('52') ?? '';
  const currency = value('53') ?? '';
  view.currency = { numeric: currency, ...(CURRENCIES[currency] ? { alpha: CURRENCIES[currency] } : {}) };
  const amount = value('54');
  if (amount !== undefined) view.amount = parseAmount(amount);
  const tip = value('55');
  if (tip !== undefined) {
    const kind = tip === '01' ? 'prompt' : tip === '02' ? 'fixed' : tip === '03' ? 'percentage' : 'unknown';
    const fixed = value('56');
    const percentage = value('57');
    view.tip = {
      indicator: tip,
      kind,
      ...(fixed !== undefined ? { fixedFee: parseAmount(fixed) } : {}),
      ...(percentage !== undefined ? { percentage } : {}),
    };
  }
  view.countryCode = value('58') ?? '';
  view.merchantName = value('59') ?? '';
  view.merchantCity = value('60') ?? '';
  const postal = value('61');
  if (postal !== undefined) view.postalCode = postal;
  const additional: RaastP2MView['additionalData'] = {};
  const other: NonNullable<AdditionalDataFields['other']>[number][] = [];
  for (const c of byTag.get('62')?.children ?? []) {
    const key = ADDITIONAL_KEYS[c.tag];
    if (key !== undefined && key !== 'other') (additional as Record<string, string>)[key] = c.value;
    else if (c.children !== undefined) {
      additional.paymentSystemTemplates ??= [];
      additional.paymentSystemTemplates.push(template(c));
    } else other.push({ tag: c.tag, value: c.value });
  }
  if (other.length > 0) additional.other = other;
  view.additionalData = additional;
  const language = byTag.get('64');
  if (language !== undefined) {
    const f = template(language).fields;
    view.alternateLanguage = {
      languagePreference: f['00'] ?? '',
      ...(f['01'] !== undefined ? { merchantName: f['01'] } : {}),
      ...(f['02'] !== undefined ? { merchantCity: f['02'] } : {}),
    };
  }
  view.crc = value('63') ?? '';
  return view;
}
