import { describe, expect, it } from 'vitest';
import { fieldsToObjects, parse, toFields, toObjectInputs } from '../src/index.js';
import { EMVCO, EMVCO_PAYLOAD_ORDER } from './vectors.js';

describe('toFields()', () => {
  it('names the EMVCo example fields', () => {
    expect(toFields(parse(EMVCO))).toEqual({
      payloadFormatIndicator: '01',
      pointOfInitiationMethod: '12',
      merchantAccountInformation: [
        {
          tag: '29',
          children: [
            { tag: '00', value: 'D15600000000' },
            { tag: '05', value: 'A93FO3230Q' },
          ],
        },
        {
          tag: '31',
          children: [
            { tag: '00', value: 'D15600000001' },
            { tag: '03', value: '12345678' },
          ],
        },
      ],
      merchantCategoryCode: '4111',
      transactionCurrency: '156',
      transactionAmount: '23.72',
      tipOrConvenienceIndicator: '01',
      countryCode: 'CN',
      merchantName: 'BEST TRANSPORT',
      merchantCity: 'BEIJING',
      additionalData: {
        storeLabel: '1234',
        customerLabel: '***',
        terminalLabel: 'A6008667',
        additionalConsumerDataRequest: 'ME',
      },
      merchantInformationLanguage: {
        languagePreference: 'ZH',
        merchantName: '最佳运输',
        merchantCity: '北京',
      },
      unreservedTemplates: [
        {
          tag: '91',
          children: [
            { tag: '00', value: 'A011223344998877' },
            { tag: '07', value: '12345678' },
          ],
        },
      ],
    });
  });
});

describe('fieldsToObjects()', () => {
  it('orders tags ascending, with templates as children', () => {
    const list = fieldsToObjects(toFields(parse(EMVCO)));
    expect(list.map((o) => o.tag)).toEqual([
      '00',
      '01',
      '29',
      '31',
      '52',
      '53',
      '54',
      '55',
      '58',
      '59',
      '60',
      '62',
      '64',
      '91',
    ]);
  });
});

describe('toObjectInputs()', () => {
  it('keeps payload order and drops tag 63', () => {
    expect(toObjectInputs(parse(EMVCO)).map((o) => o.tag)).toEqual(
      EMVCO_PAYLOAD_ORDER.filter((tag) => tag !== '63'),
    );
  });
});
