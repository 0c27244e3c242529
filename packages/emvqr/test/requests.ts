import { build, fieldsFromRequest, type OneLinkQrRequestLike } from '../src/index.js';

/** 1LINK request bodies shaped like the 1LINK sandbox document's request schemas (synthetic values). */
export const MERCHANT_REQUEST = {
  merchantDetails: {
    dbaName: 'Karachi Biryani House and Sweets Centre',
    merchantName: 'KBH (Pvt) Ltd',
    iban: 'PK36SCBL0000001123456702',
    bankBic: 'SCBLPK',
    merchantCategoryCode: '5812',
    merchantID: 'M000123',
    postalAddress: { townName: 'Karachi Saddar Town', addressLine: 'Shop 1, Zaibunnisa St', subDept: 'T001' },
  },
  payerDetails: {
    additionalRequiredDetails: 'M',
    identificationDetails: { loyaltyNo: 'L-77', customerLabel: 'C-9' },
  },
  paymentDetails: { expiryDateTime: '2026-11-22T04:30:00', instructedAmount: 310, transactionType: 'P2M' },
  info: { stan: '123456', rrn: '000000123456' },
} satisfies OneLinkQrRequestLike;

/** The 1LINK aggregator request nests paymentDetails and info under payerDetails. */
export const AGGREGATOR_REQUEST = {
  merchantDetails: { merchantID: 'AGG-M-55', subDept: '0001' },
  payerDetails: {
    paymentDetails: {
      expiryDateTime: '2026-11-22T05:00:00',
      instructedAmount: '310',
      transactionType: 'P2M',
    },
    info: { stan: '654321', rrn: '000000654321' },
  },
} satisfies OneLinkQrRequestLike;

export const REGISTRY = {
  iban: 'PK12HABB0000001111222233',
  bankBic: 'HABBPK',
  merchantCategoryCode: '5411',
  merchantName: 'Islamabad Grocers',
  merchantCity: 'Islamabad',
};

/** The merchant request's QR, with the Urdu name and city (tag 64). */
export const MERCHANT_QR = build(
  fieldsFromRequest(MERCHANT_REQUEST, { urdu: { merchantName: 'کراچی بریانی ہاؤس', merchantCity: 'کراچی' } }),
);
