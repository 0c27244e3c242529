import { describe, expect, it } from 'vitest';
import { build, EmvQrBuildError, fieldsFromRequest } from '../src/index.js';
import { RAAST_GUI } from './helpers.js';
import { AGGREGATOR_REQUEST, MERCHANT_REQUEST, REGISTRY } from './requests.js';

describe('fieldsFromRequest()', () => {
  it('maps a merchant request with the Raast P2M convention (packages/emvqr/README.md)', () => {
    expect(fieldsFromRequest(MERCHANT_REQUEST)).toEqual({
      payloadFormatIndicator: '01',
      pointOfInitiationMethod: '12',
      merchantAccountInformation: [
        {
          tag: '26',
          children: [
            { tag: '00', value: RAAST_GUI },
            { tag: '01', value: 'PK36SCBL0000001123456702' },
            { tag: '02', value: 'SCBLPK' },
            { tag: '03', value: 'M000123' },
          ],
        },
      ],
      merchantCategoryCode: '5812',
      transactionCurrency: '586',
      transactionAmount: '310.00',
      countryCode: 'PK',
      merchantName: 'Karachi Biryani House and',
      merchantCity: 'Karachi Saddar ',
      additionalData: {
        loyaltyNumber: 'L-77',
        referenceLabel: '000000123456',
        customerLabel: 'C-9',
        terminalLabel: 'T001',
        additionalConsumerDataRequest: 'M',
      },
      unreservedTemplates: [
        {
          tag: '80',
          children: [
            { tag: '00', value: RAAST_GUI },
            { tag: '01', value: '20261122043000' },
          ],
        },
      ],
    });
  });

  it('fills an aggregator request from the registry and reads the nested paymentDetails/info', () => {
    const fields = fieldsFromRequest(AGGREGATOR_REQUEST, { registry: REGISTRY });
    expect(fields.merchantAccountInformation).toEqual([
      {
        tag: '26',
        children: [
          { tag: '00', value: RAAST_GUI },
          { tag: '01', value: REGISTRY.iban },
          { tag: '02', value: REGISTRY.bankBic },
          { tag: '03', value: 'AGG-M-55' },
        ],
      },
    ]);
    expect([
      fields.merchantName,
      fields.merchantCity,
      fields.merchantCategoryCode,
      fields.transactionAmount,
    ]).toEqual(['Islamabad Grocers', 'Islamabad', '5411', '310.00']);
    expect(fields.additionalData).toEqual({ referenceLabel: '000000654321', terminalLabel: '0001' });
  });

  it('cuts the Urdu language template to 25/15 characters', () => {
    const fields = fieldsFromRequest(MERCHANT_REQUEST, {
      urdu: { merchantName: 'ب'.repeat(30), merchantCity: 'ک'.repeat(20) },
    });
    expect(fields.merchantInformationLanguage).toEqual({
      languagePreference: 'UR',
      merchantName: 'ب'.repeat(25),
      merchantCity: 'ک'.repeat(15),
    });
    expect(() => build(fields)).not.toThrow();
  });

  it('leaves a name the request and registry lack empty, so build() names tag 59', () => {
    const fields = fieldsFromRequest(AGGREGATOR_REQUEST, {
      registry: { ...REGISTRY, merchantName: undefined },
    });
    expect(() => build(fields)).toThrow(EmvQrBuildError);
    try {
      build(fields);
    } catch (e) {
      expect((e as EmvQrBuildError).tag).toBe('59');
    }
  });
});
