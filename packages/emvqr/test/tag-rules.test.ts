import { describe, expect, it } from 'vitest';
import { charLength, type TagContext } from '../src/index.js';
import { checkValue } from '../src/tag-rules.js';

describe('checkValue()', () => {
  it.each<[TagContext, number, string, string | undefined]>([
    ['root', 0, '01', undefined],
    ['root', 0, '02', 'INVALID_PAYLOAD_FORMAT_INDICATOR'],
    ['root', 1, '11', undefined],
    ['root', 1, '12', undefined],
    ['root', 1, '21', 'INVALID_POINT_OF_INITIATION'],
    ['root', 52, '0000', undefined],
    ['root', 52, '581', 'INVALID_VALUE'],
    ['root', 53, '586', undefined],
    ['root', 53, 'PKR', 'INVALID_VALUE'],
    ['root', 54, '310.00', undefined],
    ['root', 54, '310', undefined],
    ['root', 54, '10.', undefined],
    ['root', 54, '.5', undefined],
    ['root', 54, '9999999999.99', undefined],
    ['root', 54, '99999999999.99', 'INVALID_VALUE'],
    ['root', 54, '1.2.3', 'INVALID_VALUE'],
    ['root', 54, '-5', 'INVALID_VALUE'],
    ['root', 54, '.', 'INVALID_VALUE'],
    ['root', 55, '03', undefined],
    ['root', 55, '00', 'INVALID_VALUE'],
    ['root', 57, '99.99', undefined],
    ['root', 57, '100.00', 'INVALID_VALUE'],
    ['root', 58, 'PK', undefined],
    ['root', 58, 'PAK', 'INVALID_VALUE'],
    ['root', 59, 'ا'.repeat(25), undefined],
    ['root', 59, '', 'INVALID_VALUE'],
    ['root', 60, 'x'.repeat(16), 'INVALID_VALUE'],
    ['root', 61, '75500', undefined],
    ['root', 63, 'A13A', undefined],
    ['root', 63, 'a13a', 'CRC_MALFORMED'],
    ['additional-data', 5, 'x'.repeat(25), undefined],
    ['additional-data', 5, 'x'.repeat(26), 'INVALID_VALUE'],
    ['additional-data', 9, 'AME', undefined],
    ['additional-data', 9, 'AA', 'INVALID_VALUE'],
    ['additional-data', 9, 'AMEX', 'INVALID_VALUE'],
    ['additional-data', 11, 'ABC', undefined],
    ['additional-data', 11, 'AB', 'INVALID_VALUE'],
    ['language', 0, 'UR', undefined],
    ['language', 0, 'URD', 'INVALID_VALUE'],
    ['language', 2, 'ک'.repeat(15), undefined],
    ['language', 2, 'ک'.repeat(16), 'INVALID_VALUE'],
    ['merchant-account', 0, 'x'.repeat(32), undefined],
    ['merchant-account', 0, 'x'.repeat(33), 'INVALID_VALUE'],
  ])('%s %i %j → %s', (context, tag, value, want) => {
    expect(checkValue(context, tag, value, charLength(value))?.code).toBe(want);
  });
});
