import { formatOneLinkDateTime, type StanRrn } from '@onelink-kit/core';

// 1LINK's terms allow only simulated, anonymous data in the sandbox: every value here is made up.

/** A Pakistani IBAN with correct ISO 13616 check digits for a made-up bank code and account. */
export function simulatedIban(bank = 'SIMB', account = '0000001234567890'): string {
  const bban = `${bank}${account}`;
  const numeric = `${bban}PK00`.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  let rem = 0;
  for (const d of numeric) rem = (rem * 10 + Number(d)) % 97;
  return `PK${String(98 - rem).padStart(2, '0')}${bban}`;
}

/** Same IBAN with the check digits broken, to provoke a validation error upstream. */
export function ibanWithWrongCheckDigits(iban: string): string {
  const check = Number(iban.slice(2, 4));
  return `${iban.slice(0, 2)}${String((check + 1) % 100).padStart(2, '0')}${iban.slice(4)}`;
}

export function merchantRequest(now: number, ids: StanRrn, overrides: { iban?: string } = {}) {
  return {
    merchantDetails: {
      dbaName: 'Simulated Chai Corner',
      merchantName: 'Simulated Chai Corner (Test)',
      iban: overrides.iban ?? simulatedIban(),
      bankBic: 'SIMBPK',
      merchantCategoryCode: '5812',
      merchantID: 'SIMMER0001',
      postalAddress: { townName: 'Karachi', addressLine: 'Simulated Street 1', subDept: '0001' },
      contactDetails: {
        phoneNo: '+922100000000',
        mobileNo: '+923000000000',
        email: 'payments@simulated.example',
        merchantChannelId: 'RECORDER',
      },
    },
    payerDetails: {
      additionalRequiredDetails: 'M',
      identificationDetails: { loyaltyNo: 'SIMLOY01', customerLabel: 'SIMCUST01' },
    },
    paymentDetails: {
      executionDateTime: formatOneLinkDateTime(now),
      expiryDateTime: formatOneLinkDateTime(now + 15 * 60_000),
      instructedAmount: 310,
      transactionType: 'P2M',
    },
    info: { ...ids },
  };
}

export function aggregatorRequest(now: number, ids: StanRrn, merchantID: string) {
  return {
    merchantDetails: { merchantID, subDept: '0001' },
    contactDetails: { merchantChannelId: 'RECORDER' },
    payerDetails: {
      identificationDetails: { loyaltyNo: 'SIMLOY02', customerLabel: 'SIMCUST02' },
      paymentDetails: {
        executionDateTime: formatOneLinkDateTime(now),
        expiryDateTime: formatOneLinkDateTime(now + 15 * 60_000),
        instructedAmount: '310',
        transactionType: 'P2M',
      },
      info: { ...ids },
    },
  };
}
