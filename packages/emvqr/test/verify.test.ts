import { thrownBy } from '@onelink-kit/testkit';
import { describe, expect, it } from 'vitest';
import { appendCrc, charLength, crc16, crcHex, EmvQrParseError, parse, verify } from '../src/index.js';
import { BASE, raw, valueAt, withTag } from './helpers.js';
import { EMVCO, EMVCO_PAYLOAD_ORDER, PUBLIC_VECTORS } from './vectors.js';

describe('public vectors', () => {
  it.each(PUBLIC_VECTORS)('$name', ({ payload, options, problemsWithoutOptions, want }) => {
    // Our own CRC over the published payload must equal the published tag-63 value.
    expect(crcHex(crc16(payload, payload.length - 4))).toBe(payload.slice(-4));
    const result = verify(payload, options);
    expect(result.problems).toEqual([]);
    expect(result.crc.status).toBe('valid');
    for (const [path, value] of Object.entries(want)) expect(valueAt(result.objects, path)).toBe(value);
    const plain = verify(payload).problems.map((p) => `${p.code} ${p.tag}`);
    expect(plain).toEqual(problemsWithoutOptions ?? []);
  });

  it('decodes the EMVCo example in payload order with names and character lengths', () => {
    const { objects } = parse(EMVCO);
    expect(objects.map((o) => o.tag)).toEqual(EMVCO_PAYLOAD_ORDER);
    const language = objects.find((o) => o.tag === '64')!;
    // All BMP characters here, so the string index equals the character offset.
    expect(language).toMatchObject({
      name: 'Merchant Information—Language Template',
      length: 20,
      offset: EMVCO.indexOf('6420'),
    });
    expect(language.children!.map((c) => [c.tag, c.name, c.length, c.value])).toEqual([
      ['00', 'Language Preference', 2, 'ZH'],
      ['01', 'Merchant Name—Alternate Language', 4, '最佳运输'],
      ['02', 'Merchant City—Alternate Language', 2, '北京'],
    ]);
    // Offsets after the Chinese text are in characters, not UTF-8 bytes.
    expect(objects.find((o) => o.tag === '54')!.offset).toBe(EMVCO.indexOf('540523.72'));
    expect(objects.find((o) => o.tag === '62')!.children!.map((c) => c.name)).toEqual([
      'Store Label',
      'Customer Label',
      'Terminal Label',
      'Additional Consumer Data Request',
    ]);
    expect(objects.find((o) => o.tag === '91')!.children![0]!.name).toBe('Globally Unique Identifier');
  });
});

interface Case {
  name: string;
  given: string;
  options?: Parameters<typeof verify>[1];
  want: { code: string; offset: number; tag?: string }[];
}

const crcless = (p: string): string => p.slice(0, -8);
const emoji = raw(withTag('59', { tag: '59', value: 'Chai 😀 Shop' }));

const cases: Case[] = [
  {
    name: 'empty payload',
    given: '',
    want: [
      { code: 'TRUNCATED', offset: 0 },
      { code: 'CRC_MISSING', offset: 0, tag: '63' },
    ],
  },
  {
    name: 'one trailing character',
    given: '0002015',
    want: [
      { code: 'TRUNCATED', offset: 6 },
      { code: 'CRC_MISSING', offset: 7, tag: '63' },
    ],
  },
  {
    name: 'tag without length',
    given: '000201520',
    want: [
      { code: 'TRUNCATED', offset: 6, tag: '52' },
      { code: 'CRC_MISSING', offset: 9, tag: '63' },
    ],
  },
  {
    name: 'non-numeric tag',
    given: '000201AB045812',
    want: [
      { code: 'TAG_NOT_NUMERIC', offset: 6 },
      { code: 'CRC_MISSING', offset: 14, tag: '63' },
    ],
  },
  {
    name: 'non-numeric length',
    given: '00020152X45812',
    want: [
      { code: 'LENGTH_NOT_NUMERIC', offset: 8, tag: '52' },
      { code: 'CRC_MISSING', offset: 14, tag: '63' },
    ],
  },
  {
    name: 'length past the end (truncated payload)',
    given: EMVCO.slice(0, -1),
    want: [
      { code: 'LENGTH_OVERRUN', offset: EMVCO.lastIndexOf('6304') + 2, tag: '63' },
      { code: 'CRC_MISSING', offset: EMVCO.length - 1, tag: '63' },
    ],
  },
  {
    name: 'length past the end of a template',
    given: raw(withTag('26', { tag: '26', value: '0018pk.1link.raast.p2m0309M01' })),
    want: [{ code: 'LENGTH_OVERRUN', offset: raw(BASE).indexOf('0305M0001') + 2, tag: '26.03' }],
  },
  {
    name: 'CRC value changed',
    given: `${EMVCO.slice(0, -4)}A13B`,
    want: [{ code: 'CRC_MISMATCH', offset: 244, tag: '63' }],
  },
  {
    name: 'payload text changed (Chinese city) under the old CRC',
    given: EMVCO.replace('北京', '北亰'),
    want: [{ code: 'CRC_MISMATCH', offset: 244, tag: '63' }],
  },
  {
    name: 'lowercase CRC',
    given: `${EMVCO.slice(0, -4)}a13a`,
    want: [{ code: 'CRC_MALFORMED', offset: 240, tag: '63' }],
  },
  {
    name: 'CRC missing',
    given: crcless(raw(BASE)),
    want: [{ code: 'CRC_MISSING', offset: crcless(raw(BASE)).length, tag: '63' }],
  },
  {
    name: 'CRC not last',
    given: `${EMVCO}6501X`,
    want: [{ code: 'CRC_NOT_LAST', offset: 240, tag: '63' }],
  },
  {
    name: 'structure broken before a correct trailing CRC',
    given: appendCrc('00020152X45812'),
    want: [{ code: 'LENGTH_NOT_NUMERIC', offset: 8, tag: '52' }],
  },
  {
    name: 'structure broken and trailing CRC wrong',
    given: `${appendCrc('00020152X45812').slice(0, -4)}0000`,
    want: [
      { code: 'LENGTH_NOT_NUMERIC', offset: 8, tag: '52' },
      { code: 'CRC_MISMATCH', offset: 18, tag: '63' },
    ],
  },
  {
    name: 'mandatory tag missing',
    given: raw(withTag('59', null)),
    want: [{ code: 'MISSING_MANDATORY_TAG', offset: 0, tag: '59' }],
  },
  {
    name: 'no merchant account information',
    given: raw(withTag('26', null)),
    want: [{ code: 'MISSING_MANDATORY_TAG', offset: 0, tag: '02-51' }],
  },
  {
    name: 'template without GUI',
    given: raw(withTag('26', { tag: '26', children: [{ tag: '03', value: 'M0001' }] })),
    want: [{ code: 'MISSING_MANDATORY_TAG', offset: 16, tag: '26.00' }],
  },
  {
    name: 'duplicate tag',
    given: raw([...BASE, { tag: '58', value: 'PK' }]),
    want: [{ code: 'DUPLICATE_TAG', offset: crcless(raw(BASE)).length, tag: '58' }],
  },
  {
    name: 'duplicate sub-tag',
    given: raw([
      ...BASE,
      {
        tag: '62',
        children: [
          { tag: '05', value: 'A' },
          { tag: '05', value: 'B' },
        ],
      },
    ]),
    want: [{ code: 'DUPLICATE_TAG', offset: crcless(raw(BASE)).length + 4 + 5, tag: '62.05' }],
  },
  {
    name: 'payload format indicator not 01',
    given: raw(withTag('00', { tag: '00', value: '02' })),
    want: [{ code: 'INVALID_PAYLOAD_FORMAT_INDICATOR', offset: 0, tag: '00' }],
  },
  {
    name: 'payload format indicator not first',
    given: raw([BASE[1]!, BASE[0]!, ...BASE.slice(2)]),
    want: [{ code: 'PAYLOAD_FORMAT_INDICATOR_NOT_FIRST', offset: 0, tag: '00' }],
  },
  {
    name: 'point of initiation 13',
    given: raw(withTag('01', { tag: '01', value: '13' })),
    want: [{ code: 'INVALID_POINT_OF_INITIATION', offset: 6, tag: '01' }],
  },
  {
    name: 'point of initiation required but absent',
    given: raw(withTag('01', null)),
    options: { requirePointOfInitiation: true },
    want: [{ code: 'MISSING_MANDATORY_TAG', offset: 0, tag: '01' }],
  },
  {
    name: 'MCC not 4 digits',
    given: raw(withTag('52', { tag: '52', value: '58A2' })),
    want: [{ code: 'INVALID_VALUE', offset: raw(BASE).indexOf('52045812'), tag: '52' }],
  },
  {
    name: 'amount with a comma',
    given: raw(withTag('54', { tag: '54', value: '310,00' })),
    want: [{ code: 'INVALID_VALUE', offset: raw(BASE).indexOf('5406310.00'), tag: '54' }],
  },
  {
    name: 'merchant name longer than 25 characters',
    given: raw(withTag('59', { tag: '59', value: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ' })),
    want: [{ code: 'INVALID_VALUE', offset: raw(BASE).indexOf('5909Test Shop'), tag: '59' }],
  },
  {
    name: 'fixed convenience fee without indicator 02',
    given: raw([...BASE, { tag: '56', value: '5.00' }]),
    want: [{ code: 'UNEXPECTED_TAG', offset: crcless(raw(BASE)).length, tag: '56' }],
  },
  {
    name: 'indicator 03 without percentage',
    given: raw([...BASE, { tag: '55', value: '03' }]),
    want: [{ code: 'MISSING_MANDATORY_TAG', offset: 0, tag: '57' }],
  },
  {
    name: 'offsets count characters past an emoji (a UTF-16 surrogate pair)',
    given: `${emoji.slice(0, -4)}0000`,
    want: [{ code: 'CRC_MISMATCH', offset: charLength(emoji) - 4, tag: '63' }],
  },
  {
    name: 'length limit when asked',
    given: EMVCO,
    options: { maxChars: 200 },
    want: [{ code: 'PAYLOAD_TOO_LONG', offset: 200 }],
  },
];

describe('verify()', () => {
  it.each(cases)('$name', ({ given, options, want }) => {
    const result = verify(given, options);
    expect(result.ok).toBe(false);
    expect(
      result.problems.map(({ code, offset, tag }) => ({ code, offset, ...(tag ? { tag } : {}) })),
    ).toEqual(want);
    for (const p of result.problems) expect(p.message.length).toBeGreaterThan(0);
  });

  it('tells tags 32 apart in the duplicate check (64 and 96, 0 and 32)', () => {
    const given = raw([
      ...BASE,
      { tag: '32', children: [{ tag: '00', value: 'X' }] },
      {
        tag: '64',
        children: [
          { tag: '00', value: 'UR' },
          { tag: '01', value: 'دکان' },
        ],
      },
      { tag: '96', children: [{ tag: '00', value: 'Y' }] },
    ]);
    expect(verify(given).problems).toEqual([]);
  });

  it('counts an emoji as one character (its surrogate pair is one code point)', () => {
    expect(emoji.length).toBe(charLength(emoji) + 1);
    expect(verify(emoji).ok).toBe(true);
    expect(valueAt(verify(emoji).objects, '59')).toBe('Chai 😀 Shop');
  });
});

describe('parse()', () => {
  it('returns the objects and CRC of a valid payload', () => {
    const parsed = parse(EMVCO);
    expect(parsed.crc).toEqual({ status: 'valid', expected: 'A13A', actual: 'A13A' });
    expect(parsed.payload).toBe(EMVCO);
  });

  it('throws the first problem as a typed error carrying all problems', () => {
    const given = raw(withTag('59', null)).replace('5812', '58A2');
    const e = thrownBy(() => parse(given), EmvQrParseError);
    expect([e.code, e.offset, e.tag]).toEqual(['INVALID_VALUE', given.indexOf('520458A2'), '52']);
    expect(e.problems.map((p) => p.code)).toEqual(['INVALID_VALUE', 'MISSING_MANDATORY_TAG', 'CRC_MISMATCH']);
    expect(JSON.parse(JSON.stringify(e))).toMatchObject({
      code: 'INVALID_VALUE',
      offset: e.offset,
      tag: '52',
    });
  });
});
