import type { EmvQrErrorCode } from './errors.js';
import type { TagContext } from './tag-names.js';

/** A broken per-tag format rule. */
export interface RuleViolation {
  code: EmvQrErrorCode;
  rule: string;
}

const DIGITS_4 = /^\d{4}$/;
const DIGITS_3 = /^\d{3}$/;
// EMVCo: digits with '.' as the decimal mark; the '.' may be present without decimals ("10.").
const AMOUNT = /^(?:\d+(?:\.\d*)?|\.\d+)$/;
const COUNTRY = /^[A-Z]{2}$/;
const LANGUAGE = /^[A-Za-z]{2}$/;
const CONSUMER_DATA_REQUEST = /^(?!.*(.).*\1)[AME]{1,3}$/;
const CRC_VALUE = /^[0-9A-F]{4}$/;

function range(length: number, min: number, max: number): RuleViolation | undefined {
  if (length < min || length > max) {
    return {
      code: 'INVALID_VALUE',
      rule: min === max ? `exactly ${min} characters` : `${min}–${max} characters`,
    };
  }
  return undefined;
}

function pattern(value: string, re: RegExp, rule: string): RuleViolation | undefined {
  return re.test(value) ? undefined : { code: 'INVALID_VALUE', rule };
}

/**
 * EMVCo MPM v1.1 per-tag format and length rules (lengths in characters). Returns the first rule
 * the value breaks, or undefined. Names (59, 60, 64.01/02) may hold any characters: SBP's Raast
 * P2M and the language template carry Urdu/Chinese text.
 */
export function checkValue(
  context: TagContext,
  tag: number,
  value: string,
  length: number,
): RuleViolation | undefined {
  switch (context) {
    case 'root':
      switch (tag) {
        case 0:
          return value === '01'
            ? undefined
            : { code: 'INVALID_PAYLOAD_FORMAT_INDICATOR', rule: 'exactly "01"' };
        case 1:
          return value === '11' || value === '12'
            ? undefined
            : { code: 'INVALID_POINT_OF_INITIATION', rule: '"11" (static) or "12" (dynamic)' };
        case 52:
          return pattern(value, DIGITS_4, '4 digits (ISO 18245 MCC)');
        case 53:
          return pattern(value, DIGITS_3, '3 digits (ISO 4217 numeric currency)');
        case 54:
        case 56:
          return range(length, 1, 13) ?? pattern(value, AMOUNT, "digits with an optional '.' decimal mark");
        case 55:
          return value === '01' || value === '02' || value === '03'
            ? undefined
            : { code: 'INVALID_VALUE', rule: '"01", "02" or "03"' };
        case 57:
          return range(length, 1, 5) ?? pattern(value, AMOUNT, "digits with an optional '.' decimal mark");
        case 58:
          return pattern(value, COUNTRY, '2 uppercase letters (ISO 3166-1 alpha-2)');
        case 59:
          return range(length, 1, 25);
        case 60:
          return range(length, 1, 15);
        case 61:
          return range(length, 1, 10);
        case 63:
          return length === 4 && CRC_VALUE.test(value)
            ? undefined
            : { code: 'CRC_MALFORMED', rule: '4 uppercase hex digits' };
        default:
          return range(length, 1, 99);
      }
    case 'additional-data':
      if (tag >= 1 && tag <= 8) return range(length, 1, 25);
      if (tag === 9) return pattern(value, CONSUMER_DATA_REQUEST, "1–3 distinct letters from 'A', 'M', 'E'");
      if (tag === 10) return range(length, 1, 20);
      if (tag === 11) return range(length, 3, 3);
      return range(length, 1, 99);
    case 'language':
      if (tag === 0) return pattern(value, LANGUAGE, '2 letters (ISO 639-1)');
      if (tag === 1) return range(length, 1, 25);
      if (tag === 2) return range(length, 1, 15);
      return range(length, 1, 99);
    default:
      // Templates with a Globally Unique Identifier in 00 (26–51, 80–99, 62.50–99).
      return tag === 0 ? range(length, 1, 32) : range(length, 1, 99);
  }
}
