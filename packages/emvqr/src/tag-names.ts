/**
 * Standard names of EMVCo MPM data objects (EMV QRCPS Merchant-Presented Mode v1.1, section 4),
 * precomputed per context so the parser looks them up by index instead of building strings.
 */
export type TagContext =
  | 'root'
  | 'merchant-account'
  | 'additional-data'
  | 'payment-system'
  | 'language'
  | 'unreserved';

function table(fill: (tag: number) => string): readonly string[] {
  return Array.from({ length: 100 }, (_, tag) => fill(tag));
}

const NETWORK_BY_TAG: Record<number, string> = {
  2: 'Visa',
  3: 'Visa',
  4: 'Mastercard',
  5: 'Mastercard',
  6: 'EMVCo',
  7: 'EMVCo',
  8: 'EMVCo',
  9: 'Discover',
  10: 'Discover',
  11: 'Amex',
  12: 'Amex',
  13: 'JCB',
  14: 'JCB',
  15: 'UnionPay',
  16: 'UnionPay',
};

const ROOT = table((tag) => {
  if (tag >= 2 && tag <= 25) {
    return `Merchant Account Information (${NETWORK_BY_TAG[tag] ?? 'reserved by EMVCo'})`;
  }
  if (tag >= 26 && tag <= 51) return 'Merchant Account Information (template)';
  if (tag >= 65 && tag <= 79) return 'RFU for EMVCo';
  if (tag >= 80) return 'Unreserved Template';
  const names: Record<number, string> = {
    0: 'Payload Format Indicator',
    1: 'Point of Initiation Method',
    52: 'Merchant Category Code',
    53: 'Transaction Currency',
    54: 'Transaction Amount',
    55: 'Tip or Convenience Indicator',
    56: 'Value of Convenience Fee Fixed',
    57: 'Value of Convenience Fee Percentage',
    58: 'Country Code',
    59: 'Merchant Name',
    60: 'Merchant City',
    61: 'Postal Code',
    62: 'Additional Data Field Template',
    63: 'CRC',
    64: 'Merchant Information—Language Template',
  };
  return names[tag] ?? 'RFU for EMVCo';
});

const ADDITIONAL = table((tag) => {
  const names: Record<number, string> = {
    1: 'Bill Number',
    2: 'Mobile Number',
    3: 'Store Label',
    4: 'Loyalty Number',
    5: 'Reference Label',
    6: 'Customer Label',
    7: 'Terminal Label',
    8: 'Purpose of Transaction',
    9: 'Additional Consumer Data Request',
    10: 'Merchant Tax ID',
    11: 'Merchant Channel',
  };
  if (tag >= 50) return 'Payment System Specific Template';
  return names[tag] ?? 'RFU for EMVCo';
});

const LANGUAGE = table((tag) =>
  tag === 0
    ? 'Language Preference'
    : tag === 1
      ? 'Merchant Name—Alternate Language'
      : tag === 2
        ? 'Merchant City—Alternate Language'
        : 'RFU for EMVCo',
);

const GUI = 'Globally Unique Identifier';
const MERCHANT_ACCOUNT = table((tag) => (tag === 0 ? GUI : 'Payment Network Specific'));
const PAYMENT_SYSTEM = table((tag) => (tag === 0 ? GUI : 'Payment System Specific'));
const UNRESERVED = table((tag) => (tag === 0 ? GUI : 'Context Specific Data'));

const TABLES: Record<TagContext, readonly string[]> = {
  root: ROOT,
  'merchant-account': MERCHANT_ACCOUNT,
  'additional-data': ADDITIONAL,
  'payment-system': PAYMENT_SYSTEM,
  language: LANGUAGE,
  unreserved: UNRESERVED,
};

/** All 100 names of a context, indexed by tag number. */
export function tagNames(context: TagContext): readonly string[] {
  return TABLES[context];
}

/** Standard name of `tag` (0–99) in `context`. */
export function tagName(context: TagContext, tag: number): string {
  return TABLES[context][tag] ?? 'Unknown';
}

/**
 * Which context a template's children are read in, or undefined when the tag is primitive.
 * Templates: root 26–51, 62, 64, 80–99; inside 62, 50–99.
 */
export function childContext(context: TagContext, tag: number): TagContext | undefined {
  if (context === 'root') {
    if (tag >= 26 && tag <= 51) return 'merchant-account';
    if (tag === 62) return 'additional-data';
    if (tag === 64) return 'language';
    if (tag >= 80) return 'unreserved';
    return undefined;
  }
  if (context === 'additional-data' && tag >= 50) return 'payment-system';
  return undefined;
}
