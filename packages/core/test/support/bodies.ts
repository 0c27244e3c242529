import { formatOneLinkDateTime, type MerchantQrInput } from '../../src/index.js';

/** A valid merchant request without stan/rrn, expiring ten minutes after `now`. */
export function merchantBody(now = Date.now()): MerchantQrInput {
  return {
    merchantDetails: {
      dbaName: 'Karachi Chai Corner',
      merchantName: 'Chai Corner (Private) Limited',
      iban: 'PK36SCBL0000001123456702',
      bankBic: 'SCBLPK',
      merchantCategoryCode: '5812',
      merchantID: 'MER0000123',
    },
    paymentDetails: {
      expiryDateTime: formatOneLinkDateTime(now + 10 * 60_000),
      instructedAmount: 310,
      transactionType: 'P2M',
    },
  };
}
