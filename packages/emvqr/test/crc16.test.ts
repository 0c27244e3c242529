import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { appendCrc, crc16, crc16Bytes, crcHex } from '../src/index.js';
import { text } from './arbitraries.js';

/** Bit-by-bit reference over TextEncoder bytes, independent of the table-driven code. */
function reference(input: string): number {
  let crc = 0xffff;
  for (const byte of new TextEncoder().encode(input)) {
    crc ^= byte << 8;
    for (let i = 0; i < 8; i++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc;
}

describe('crc16()', () => {
  it.each([
    ['123456789', '29B1'], // the CRC-16/CCITT-FALSE check value
    ['', 'FFFF'],
    ['A', 'B915'],
  ])('%j → %s', (given, want) => {
    expect(crcHex(crc16(given))).toBe(want);
  });

  it('matches a bit-by-bit CRC of the UTF-8 bytes for ASCII, Urdu, Chinese, emoji and lone surrogates', () => {
    fc.assert(
      fc.property(fc.oneof(text(0, 60), fc.string({ unit: 'binary', maxLength: 40 })), (s) => {
        expect(crc16(s)).toBe(reference(s));
        expect(crc16Bytes(new TextEncoder().encode(s))).toBe(reference(s));
      }),
      { numRuns: 500 },
    );
  });

  it('stops at `end` (UTF-16 index)', () => {
    expect(crc16('123456789XYZ', 9)).toBe(crc16('123456789'));
  });

  it('appendCrc() adds "6304" and the CRC of everything before it', () => {
    const body = '000201';
    expect(appendCrc(body)).toBe(`${body}6304${crcHex(reference(`${body}6304`))}`);
  });
});
