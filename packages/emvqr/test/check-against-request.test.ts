import { describe, expect, it } from 'vitest';
import {
  build,
  checkAgainstRequest,
  type EmvQrFields,
  fieldsFromRequest,
  type OneLinkQrRequestLike,
  toRaastP2M,
} from '../src/index.js';
import { AGGREGATOR_REQUEST, MERCHANT_QR, MERCHANT_REQUEST, REGISTRY } from './requests.js';

describe('checkAgainstRequest()', () => {
  const qrFor = (request: OneLinkQrRequestLike, change: Partial<EmvQrFields> = {}): string =>
    build({ ...fieldsFromRequest(request, { registry: REGISTRY }), ...change });

  interface Case {
    name: string;
    qr: string;
    request: OneLinkQrRequestLike;
    want: { field: string; tag: string; expected: string | null; actual: string | null }[];
  }
  const m = MERCHANT_REQUEST;
  const cases: Case[] = [
    { name: 'matching merchant QR', qr: MERCHANT_QR, request: m, want: [] },
    {
      name: 'amount given as a string is compared as a number',
      qr: MERCHANT_QR,
      request: { ...m, paymentDetails: { ...m.paymentDetails, instructedAmount: '310' } },
      want: [],
    },
    {
      name: 'different amount',
      qr: MERCHANT_QR,
      request: { ...m, paymentDetails: { ...m.paymentDetails, instructedAmount: 311 } },
      want: [{ field: 'paymentDetails.instructedAmount', tag: '54', expected: '311.00', actual: '310.00' }],
    },
    {
      name: 'QR amount written without decimals still matches',
      qr: qrFor(m, { transactionAmount: '310' }),
      request: m,
      want: [],
    },
    {
      name: 'currency and country',
      qr: qrFor(m, { transactionCurrency: '840', countryCode: 'AE' }),
      request: m,
      want: [
        { field: 'transactionCurrency', tag: '53', expected: '586', actual: '840' },
        { field: 'countryCode', tag: '58', expected: 'PK', actual: 'AE' },
      ],
    },
    {
      name: 'static QR',
      qr: qrFor(m, { pointOfInitiationMethod: '11' }),
      request: m,
      want: [{ field: 'pointOfInitiationMethod', tag: '01', expected: '12', actual: '11' }],
    },
    {
      name: 'merchant identifiers',
      qr: MERCHANT_QR,
      request: {
        ...m,
        merchantDetails: {
          ...m.merchantDetails,
          merchantID: 'M999',
          iban: 'PK00XXXX',
          bankBic: 'XXXXPK',
          merchantCategoryCode: '5999',
        },
      },
      want: [
        { field: 'merchantDetails.merchantID', tag: '26.03', expected: 'M999', actual: 'M000123' },
        {
          field: 'merchantDetails.iban',
          tag: '26.01',
          expected: 'PK00XXXX',
          actual: 'PK36SCBL0000001123456702',
        },
        { field: 'merchantDetails.bankBic', tag: '26.02', expected: 'XXXXPK', actual: 'SCBLPK' },
        { field: 'merchantDetails.merchantCategoryCode', tag: '52', expected: '5999', actual: '5812' },
      ],
    },
    {
      name: 'name and city are compared after cutting to 25/15 characters',
      qr: MERCHANT_QR,
      request: {
        ...m,
        merchantDetails: {
          ...m.merchantDetails,
          dbaName: 'Karachi Biryani House & Sweets',
          postalAddress: { ...m.merchantDetails.postalAddress, townName: 'Hyderabad' },
        },
      },
      want: [
        {
          field: 'merchantDetails.dbaName',
          tag: '59',
          expected: 'Karachi Biryani House & S',
          actual: 'Karachi Biryani House and',
        },
        {
          field: 'merchantDetails.postalAddress.townName',
          tag: '60',
          expected: 'Hyderabad',
          actual: 'Karachi Saddar ',
        },
      ],
    },
    {
      name: 'terminal, reference label, payer details and expiry',
      qr: MERCHANT_QR,
      request: {
        ...m,
        merchantDetails: {
          ...m.merchantDetails,
          postalAddress: { ...m.merchantDetails.postalAddress, subDept: 'T002' },
        },
        payerDetails: {
          additionalRequiredDetails: 'AME',
          identificationDetails: { loyaltyNo: 'L-78', customerLabel: 'C-9' },
        },
        paymentDetails: { ...m.paymentDetails, expiryDateTime: '2026-11-22T05:30:00' },
        info: { stan: '123456', rrn: '000000999999' },
      },
      want: [
        { field: 'merchantDetails.postalAddress.subDept', tag: '62.07', expected: 'T002', actual: 'T001' },
        { field: 'info.rrn', tag: '62.05', expected: '000000999999', actual: '000000123456' },
        {
          field: 'payerDetails.identificationDetails.loyaltyNo',
          tag: '62.04',
          expected: 'L-78',
          actual: 'L-77',
        },
        { field: 'payerDetails.additionalRequiredDetails', tag: '62.09', expected: 'AME', actual: 'M' },
        {
          field: 'paymentDetails.expiryDateTime',
          tag: '80.01',
          expected: '20261122053000',
          actual: '20261122043000',
        },
      ],
    },
    {
      name: 'QR without amount, terminal label and expiry',
      qr: qrFor(m, {
        transactionAmount: undefined,
        additionalData: { referenceLabel: '000000123456' },
        unreservedTemplates: undefined,
      }),
      request: { ...m, payerDetails: undefined },
      want: [
        { field: 'paymentDetails.instructedAmount', tag: '54', expected: '310.00', actual: null },
        { field: 'merchantDetails.postalAddress.subDept', tag: '62.07', expected: 'T001', actual: null },
        { field: 'paymentDetails.expiryDateTime', tag: '80.01', expected: '20261122043000', actual: null },
      ],
    },
    {
      name: 'matching aggregator QR (registry values are not in the request, so not compared)',
      qr: qrFor(AGGREGATOR_REQUEST),
      request: AGGREGATOR_REQUEST,
      want: [],
    },
    {
      name: 'aggregator terminal, rrn and amount',
      qr: qrFor(AGGREGATOR_REQUEST),
      request: {
        merchantDetails: { merchantID: 'AGG-M-55', subDept: '0002' },
        payerDetails: {
          paymentDetails: { ...AGGREGATOR_REQUEST.payerDetails.paymentDetails, instructedAmount: '300' },
          info: { stan: '654321', rrn: '000000654322' },
        },
      },
      want: [
        {
          field: 'payerDetails.paymentDetails.instructedAmount',
          tag: '54',
          expected: '300.00',
          actual: '310.00',
        },
        { field: 'merchantDetails.subDept', tag: '62.07', expected: '0002', actual: '0001' },
        { field: 'payerDetails.info.rrn', tag: '62.05', expected: '000000654322', actual: '000000654321' },
      ],
    },
  ];

  it.each(cases)('$name', ({ qr, request, want }) => {
    const mismatches = checkAgainstRequest(toRaastP2M(qr), request);
    expect(mismatches.map(({ field, tag, expected, actual }) => ({ field, tag, expected, actual }))).toEqual(
      want,
    );
    for (const mismatch of mismatches) expect(mismatch.rule.length).toBeGreaterThan(0);
  });
});
