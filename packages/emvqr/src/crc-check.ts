import { crc16, crcHex } from './crc16.js';
import type { EmvQrProblem } from './errors.js';
import { checkValue } from './tag-rules.js';
import { type DataObject, indexOfCharOffset } from './tlv-parse.js';

export interface CrcCheck {
  status: 'valid' | 'mismatch' | 'missing' | 'malformed';
  /** CRC computed over the UTF-8 bytes up to and including "6304" (uppercase hex), when computable. */
  expected?: string;
  /** The value tag 63 carries, when present. */
  actual?: string;
}

/**
 * Checks tag 63 of a decoded payload: present (or, when the structure broke before it, a trailing
 * "6304XXXX"), last, well-formed, and equal to the CRC-16 of everything before its value.
 */
export function checkCrc(
  payload: string,
  objects: DataObject[],
  crcIndex: number,
  complete: boolean,
  offsetsAreIndices: boolean,
  totalChars: number,
  problems: EmvQrProblem[],
): CrcCheck {
  const crcObject = crcIndex >= 0 ? objects[crcIndex] : undefined;
  if (crcObject === undefined) {
    // The structure may be broken before tag 63; a trailing "6304XXXX" still lets us check the CRC.
    const n = payload.length;
    if (!complete && n >= 8 && payload.startsWith('6304', n - 8)) {
      const expected = crcHex(crc16(payload, n - 4));
      const actual = payload.slice(n - 4);
      if (expected !== actual) {
        problems.push({
          code: 'CRC_MISMATCH',
          offset: totalChars - 4,
          tag: '63',
          message: `tag 63 says the CRC is ${actual}, but the payload's CRC computes to ${expected}`,
        });
        return { status: 'mismatch', expected, actual };
      }
      return { status: 'valid', expected, actual };
    }
    problems.push({
      code: 'CRC_MISSING',
      offset: totalChars,
      tag: '63',
      message: 'tag 63 (CRC) is missing',
    });
    return { status: 'missing' };
  }
  if (crcIndex !== objects.length - 1 || !complete) {
    problems.push({
      code: 'CRC_NOT_LAST',
      offset: crcObject.offset,
      tag: '63',
      message: 'tag 63 (CRC) must be the last data object',
    });
  }
  const actual = crcObject.value;
  const valueStart = offsetsAreIndices
    ? crcObject.offset + 4
    : indexOfCharOffset(payload, crcObject.offset + 4);
  const expected = crcHex(crc16(payload, valueStart));
  const violation = checkValue('root', 63, actual, crcObject.length);
  if (violation !== undefined) {
    problems.push({
      code: 'CRC_MALFORMED',
      offset: crcObject.offset,
      tag: '63',
      rule: violation.rule,
      message: `tag 63 (CRC) must be ${violation.rule}; got length ${crcObject.length} "${actual}"`,
    });
    return { status: 'malformed', expected, actual };
  }
  if (expected !== actual) {
    problems.push({
      code: 'CRC_MISMATCH',
      offset: crcObject.offset + 4,
      tag: '63',
      message: `tag 63 says the CRC is ${actual}, but the payload's CRC computes to ${expected}`,
    });
    return { status: 'mismatch', expected, actual };
  }
  return { status: 'valid', expected, actual };
}
