import { describe, expect, it } from 'vitest';
import { fieldsFromRequest, parse, parseAmount, toRaastP2M } from '../src/index.js';
import { RAAST_GUI } from './helpers.js';
import { MERCHANT_QR, MERCHANT_REQUEST } from './requests.js';
import { EMVCO } from './vectors.js';

describe('toRaastP2M()', () => {
  it('gives a typed view of a 1LINK QR', () => {
    const view = toRaastP2M(MERCHANT_QR);
    const built = fieldsFromRequest(MERCHANT_REQUEST);
    expect(view).toMatchObject({
      payloadFormatIndicator: '01',
      pointOfInitiationMethod: '12',
      dynamic: true,
      raast: { iban: 'PK36SCBL0000001123456702', bankBic: 'SCBLPK', merchantId: 'M000123' },
      currency: { numeric: '586', alpha: 'PKR' },
      amount: { text: '310.00', rupees: 310, paisa: 0, totalPaisa: 31000 },
      // Read back as the request's fields put them (their values: raast-request.test.ts).
      merchantCategoryCode: built.merchantCategoryCode,
      countryCode: built.countryCode,
      merchantName: built.merchantName,
      merchantCity: built.merchantCity,
      additionalData: built.additionalData,
      alternateLanguage: {
        languagePreference: 'UR',
        merchantName: 'کراچی بریانی ہاؤس',
        merchantCity: 'کراچی',
      },
      expiry: {
        raw: '20261122043000',
        localDateTime: '2026-11-22T04:30:00',
        iso: '2026-11-22T04:30:00+05:00',
      },
    });
    expect(view.merchantAccounts[0]).toMatchObject({ tag: '26', globallyUniqueIdentifier: RAAST_GUI });
    expect(view.crc).toBe(MERCHANT_QR.slice(-4));
  });

  it('reads any EMVCo payload: the specification example', () => {
    const view = toRaastP2M(parse(EMVCO));
    expect(view.raast).toBeUndefined();
    expect(view).toMatchObject({
      currency: { numeric: '156', alpha: 'CNY' },
      amount: { rupees: 23, paisa: 72, totalPaisa: 2372 },
      tip: { indicator: '01', kind: 'prompt' },
      alternateLanguage: { languagePreference: 'ZH', merchantName: '最佳运输', merchantCity: '北京' },
      additionalData: {
        storeLabel: '1234',
        customerLabel: '***',
        terminalLabel: 'A6008667',
        additionalConsumerDataRequest: 'ME',
      },
    });
    expect(view.merchantAccounts.map((a) => a.tag)).toEqual(['29', '31']);
    expect(view.unreservedTemplates).toEqual([
      {
        tag: '91',
        globallyUniqueIdentifier: 'A011223344998877',
        fields: { '00': 'A011223344998877', '07': '12345678' },
      },
    ]);
  });

  it('throws the parse error for an invalid payload string', () => {
    expect(() => toRaastP2M(`${MERCHANT_QR.slice(0, -4)}0000`)).toThrow(/CRC_MISMATCH/);
  });
});

describe('parseAmount()', () => {
  it.each([
    ['310.00', 310, 0, 31000],
    ['310', 310, 0, 31000],
    ['0.5', 0, 50, 50],
    ['.75', 0, 75, 75],
    ['10.', 10, 0, 1000],
    ['1.005', 1, 0, 101],
    ['9999999999.99', 9999999999, 99, 999999999999],
  ])('%s → %i rupees %i paisa (%i paisa in all)', (text, rupees, paisa, totalPaisa) => {
    expect(parseAmount(text)).toEqual({ text, rupees, paisa, totalPaisa });
  });
});
