import fc from 'fast-check';
import type { DataObjectInput, EmvQrFields } from '../src/index.js';

/** Characters from ASCII, Urdu (Arabic block), CJK and one astral emoji (a surrogate pair). */
const char = fc
  .oneof(
    { weight: 6, arbitrary: fc.integer({ min: 0x20, max: 0x7e }) },
    { weight: 2, arbitrary: fc.integer({ min: 0x0621, max: 0x064a }) },
    { weight: 2, arbitrary: fc.integer({ min: 0x4e00, max: 0x9fa5 }) },
    { weight: 1, arbitrary: fc.constant(0x1f600) },
  )
  .map((cp) => String.fromCodePoint(cp));

export const text = (min: number, max: number): fc.Arbitrary<string> =>
  fc.array(char, { minLength: min, maxLength: max }).map((a) => a.join(''));

const ascii = (min: number, max: number): fc.Arbitrary<string> =>
  fc.string({
    unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)),
    minLength: min,
    maxLength: max,
  });

const tag2 = (n: number): string => String(n).padStart(2, '0');

function template(tag: number): fc.Arbitrary<DataObjectInput> {
  return fc
    .record({
      gui: ascii(1, 20),
      subs: fc.uniqueArray(fc.integer({ min: 1, max: 99 }), { maxLength: 2 }),
      values: fc.array(text(1, 15), { minLength: 2, maxLength: 2 }),
    })
    .map(({ gui, subs, values }) => ({
      tag: tag2(tag),
      children: [
        { tag: '00', value: gui },
        ...subs.sort((a, b) => a - b).map((s, i) => ({ tag: tag2(s), value: values[i]! })),
      ],
    }));
}

const amount = fc
  .tuple(fc.integer({ min: 0, max: 99_999_999 }), fc.integer({ min: 0, max: 99 }))
  .map(([whole, cents]) => `${whole}.${String(cents).padStart(2, '0')}`);

/** Valid typed EMVCo MPM input, non-ASCII names included. */
export const fieldsArb: fc.Arbitrary<EmvQrFields> = fc.record(
  {
    payloadFormatIndicator: fc.constant('01'),
    pointOfInitiationMethod: fc.constantFrom('11', '12'),
    merchantAccountInformation: fc
      .uniqueArray(fc.integer({ min: 26, max: 51 }), { minLength: 1, maxLength: 3 })
      .chain((tags) => fc.tuple(...tags.map(template))),
    merchantCategoryCode: fc.stringMatching(/^\d{4}$/),
    transactionCurrency: fc.stringMatching(/^\d{3}$/),
    transactionAmount: amount,
    countryCode: fc.stringMatching(/^[A-Z]{2}$/),
    merchantName: text(1, 25),
    merchantCity: text(1, 15),
    postalCode: text(1, 10),
    additionalData: fc.record(
      {
        billNumber: text(1, 12),
        referenceLabel: ascii(1, 12),
        customerLabel: text(1, 12),
        terminalLabel: ascii(1, 8),
        additionalConsumerDataRequest: fc.constantFrom('A', 'M', 'E', 'AM', 'ME', 'AME', 'EMA'),
      },
      { requiredKeys: ['referenceLabel'] },
    ),
    merchantInformationLanguage: fc.record(
      {
        languagePreference: fc.constantFrom('UR', 'ZH', 'EN'),
        merchantName: text(1, 25),
        merchantCity: text(1, 15),
      },
      { requiredKeys: ['languagePreference', 'merchantName'] },
    ),
    unreservedTemplates: fc
      .uniqueArray(fc.integer({ min: 80, max: 99 }), { minLength: 1, maxLength: 2 })
      .chain((tags) => fc.tuple(...tags.sort((a, b) => a - b).map(template))),
  },
  {
    requiredKeys: [
      'payloadFormatIndicator',
      'merchantAccountInformation',
      'merchantCategoryCode',
      'transactionCurrency',
      'countryCode',
      'merchantName',
      'merchantCity',
    ],
  },
);
