import { thrownBy } from '@onelink-kit/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  build,
  crc16,
  crcHex,
  type DataObjectInput,
  EmvQrBuildError,
  type EmvQrFields,
  encodeTlv,
  fieldsToObjects,
  parse,
  toFields,
  toObjectInputs,
  verify,
} from '../src/index.js';
import { fieldsArb } from './arbitraries.js';
import { BASE, RAAST_GUI, withTag } from './helpers.js';
import { PUBLIC_VECTORS } from './vectors.js';

const FIELDS: EmvQrFields = {
  pointOfInitiationMethod: '12',
  merchantAccountInformation: [{ tag: '26', children: [{ tag: '00', value: RAAST_GUI }] }],
  merchantCategoryCode: '5812',
  transactionCurrency: '586',
  transactionAmount: '310.00',
  countryCode: 'PK',
  merchantName: 'Test Shop',
  merchantCity: 'Karachi',
};

describe('build()', () => {
  it('writes tags in order with character lengths and a correct CRC', () => {
    const payload = build({
      ...FIELDS,
      additionalData: { referenceLabel: '000000123456', terminalLabel: 'T001' },
      merchantInformationLanguage: {
        languagePreference: 'UR',
        merchantName: 'ٹیسٹ دکان',
        merchantCity: 'کراچی',
      },
    });
    const body =
      '000201010212262200' +
      '18pk.1link.raast.p2m52045812530358654063' +
      '10.005802PK5909Test Shop6007Karachi62240512000000123456' +
      '0704T00164280002UR0109ٹیسٹ دکان0205کراچی6304';
    expect(payload.slice(0, -4)).toBe(body);
    // The CRC covers UTF-8 bytes, computed here independently through TextEncoder.
    const bytes = new TextEncoder().encode(body);
    let crc = 0xffff;
    for (const b of bytes) {
      crc ^= b << 8;
      for (let i = 0; i < 8; i++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
    }
    expect(payload.slice(-4)).toBe(crc.toString(16).toUpperCase().padStart(4, '0'));
  });

  it.each(PUBLIC_VECTORS)('re-encodes the published payload byte for byte: $name', ({ payload, options }) => {
    expect(build(toObjectInputs(parse(payload, options)), options)).toBe(payload);
  });

  interface Case {
    name: string;
    given: EmvQrFields | DataObjectInput[];
    want: { code: string; tag: string };
  }
  const long = (n: number): string => 'x'.repeat(n);
  const cases: Case[] = [
    {
      name: 'merchant name of 26 characters',
      given: { ...FIELDS, merchantName: long(26) },
      want: { code: 'INVALID_VALUE', tag: '59' },
    },
    {
      name: 'city of 16 characters',
      given: { ...FIELDS, merchantCity: '最'.repeat(16) },
      want: { code: 'INVALID_VALUE', tag: '60' },
    },
    {
      name: 'MCC of 5 digits',
      given: { ...FIELDS, merchantCategoryCode: '58120' },
      want: { code: 'INVALID_VALUE', tag: '52' },
    },
    {
      name: 'alphabetic currency',
      given: { ...FIELDS, transactionCurrency: 'PKR' },
      want: { code: 'INVALID_VALUE', tag: '53' },
    },
    {
      name: 'amount with a comma',
      given: { ...FIELDS, transactionAmount: '1,000' },
      want: { code: 'INVALID_VALUE', tag: '54' },
    },
    {
      name: 'amount of 14 characters',
      given: { ...FIELDS, transactionAmount: '12345678901.00' },
      want: { code: 'INVALID_VALUE', tag: '54' },
    },
    {
      name: 'lowercase country',
      given: { ...FIELDS, countryCode: 'pk' },
      want: { code: 'INVALID_VALUE', tag: '58' },
    },
    {
      name: 'postal code of 11 characters',
      given: { ...FIELDS, postalCode: long(11) },
      want: { code: 'INVALID_VALUE', tag: '61' },
    },
    {
      name: 'tip indicator 04',
      given: { ...FIELDS, tipOrConvenienceIndicator: '04' },
      want: { code: 'INVALID_VALUE', tag: '55' },
    },
    {
      name: 'fixed fee without its indicator',
      given: { ...FIELDS, convenienceFeeFixed: '5.00' },
      want: { code: 'UNEXPECTED_TAG', tag: '56' },
    },
    {
      name: 'point of initiation 10',
      given: { ...FIELDS, pointOfInitiationMethod: '10' },
      want: { code: 'INVALID_POINT_OF_INITIATION', tag: '01' },
    },
    {
      name: 'reference label of 26 characters',
      given: { ...FIELDS, additionalData: { referenceLabel: long(26) } },
      want: { code: 'INVALID_VALUE', tag: '62.05' },
    },
    {
      name: 'consumer data request with X',
      given: { ...FIELDS, additionalData: { additionalConsumerDataRequest: 'AX' } },
      want: { code: 'INVALID_VALUE', tag: '62.09' },
    },
    {
      name: 'Urdu name of 26 characters in the language template',
      given: {
        ...FIELDS,
        merchantInformationLanguage: { languagePreference: 'UR', merchantName: 'ب'.repeat(26) },
      },
      want: { code: 'INVALID_VALUE', tag: '64.01' },
    },
    {
      name: 'GUI of 33 characters',
      given: {
        ...FIELDS,
        merchantAccountInformation: [{ tag: '26', children: [{ tag: '00', value: long(33) }] }],
      },
      want: { code: 'INVALID_VALUE', tag: '26.00' },
    },
    {
      name: 'empty additional data template',
      given: { ...FIELDS, additionalData: {} },
      want: { code: 'INVALID_VALUE', tag: '62' },
    },
    {
      name: 'value of 100 characters',
      given: withTag('65', { tag: '65', value: long(100) }),
      want: { code: 'VALUE_TOO_LONG', tag: '65' },
    },
    {
      name: 'tag 63 in the list',
      given: [...BASE, { tag: '63', value: 'ABCD' }],
      want: { code: 'INVALID_TAG', tag: '63' },
    },
    {
      name: 'non-numeric tag',
      given: [...BASE, { tag: '6A', value: 'x' }],
      want: { code: 'INVALID_TAG', tag: '6A' },
    },
    {
      name: 'list without country',
      given: withTag('58', null),
      want: { code: 'MISSING_MANDATORY_TAG', tag: '58' },
    },
    {
      name: 'duplicate tag',
      given: [...BASE, { tag: '59', value: 'Again' }],
      want: { code: 'DUPLICATE_TAG', tag: '59' },
    },
  ];

  // Untyped (JSON) input of the wrong shape: a typed error naming where, never a TypeError.
  const shapeCases: { name: string; given: unknown; want: { code: string; tag: string } }[] = [
    { name: 'null', given: null, want: { code: 'INVALID_VALUE', tag: 'input' } },
    { name: 'a number', given: 42, want: { code: 'INVALID_VALUE', tag: 'input' } },
    { name: 'a list holding null', given: [null], want: { code: 'INVALID_VALUE', tag: 'data object list' } },
    {
      name: 'template children that are not a list',
      given: [{ tag: '26', children: 'x' }],
      want: { code: 'INVALID_VALUE', tag: '26 children' },
    },
    {
      name: 'merchantAccountInformation a number',
      given: { ...FIELDS, merchantAccountInformation: 42 },
      want: { code: 'INVALID_VALUE', tag: 'merchantAccountInformation' },
    },
    {
      name: 'additionalData null',
      given: { ...FIELDS, additionalData: null },
      want: { code: 'INVALID_VALUE', tag: 'additionalData' },
    },
    {
      name: 'merchantInformationLanguage a string',
      given: { ...FIELDS, merchantInformationLanguage: 'UR' },
      want: { code: 'INVALID_VALUE', tag: 'merchantInformationLanguage' },
    },
  ];
  function expectBuildError(given: unknown, want: { code: string; tag: string }): void {
    const e = thrownBy(() => build(given as EmvQrFields), EmvQrBuildError);
    expect({ code: e.code, tag: e.tag }).toEqual(want);
    expect(e.message).toContain(want.tag);
  }

  it.each(shapeCases)('rejects input of the wrong shape: $name', ({ given, want }) => {
    expectBuildError(given, want);
  });

  it.each(cases)('rejects $name naming the tag', ({ given, want }) => {
    expectBuildError(given, want);
  });
});

describe('encodeTlv()', () => {
  it('writes without rule checks (for deliberately broken fixtures)', () => {
    expect(
      encodeTlv([
        { tag: '00', value: '02' },
        { tag: '62', children: [{ tag: '05', value: 'ü' }] },
      ]),
    ).toBe('00020262050501ü');
  });
});

describe('properties', () => {
  it('parse(build(x)) gives back x (typed input, non-ASCII names) and the CRC verifies', () => {
    fc.assert(
      fc.property(fieldsArb, (fields) => {
        const payload = build(fields);
        const parsed = parse(payload);
        expect(toFields(parsed)).toEqual(fields);
        expect(parsed.crc.status).toBe('valid');
        expect(parsed.crc.actual).toBe(crcHex(crc16(payload, payload.length - 4)));
      }),
      { numRuns: 300 },
    );
  });

  it('parse(build(list)) gives back the ordered data objects', () => {
    fc.assert(
      fc.property(fieldsArb, (fields) => {
        const list = fieldsToObjects(fields);
        expect(toObjectInputs(parse(build(list)))).toEqual(list);
      }),
      { numRuns: 200 },
    );
  });

  it('detects any single ASCII character replaced by another', () => {
    // CRC-16 catches every error burst of up to 16 bits; an ASCII-for-ASCII swap is one byte.
    const corruption = fieldsArb.chain((fields) => {
      const payload = build(fields);
      const chars = Array.from(payload);
      const asciiPositions = chars.flatMap((c, i) => (c.charCodeAt(0) < 0x80 ? [i] : []));
      return fc.record({
        chars: fc.constant(chars),
        at: fc.constantFrom(...asciiPositions),
        by: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
      });
    });
    fc.assert(
      fc.property(
        corruption.filter(({ chars, at, by }) => chars[at] !== by),
        ({ chars, at, by }) => {
          const corrupted = [...chars.slice(0, at), by, ...chars.slice(at + 1)].join('');
          const result = verify(corrupted);
          expect(result.ok).toBe(false);
          expect(result.problems.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 500 },
    );
  });
});
