import { afterEach, describe, expect, it } from 'vitest';
import { type FakeOneLink, fullMerchantRequest, startFakeOneLink } from '../../src/index.js';
import { postQr, tokenOf } from './call.js';

let fake: FakeOneLink;
afterEach(async () => {
  await fake.stop();
});

const body = (n: number) => fullMerchantRequest({ stan: String(n).padStart(6, '0'), rrn: `63301000000${n}` });

describe('the journal', () => {
  const given = [
    { journal: undefined, want: { requests: 5, bodies: 3 } },
    { journal: true, want: { requests: 5, bodies: 3 } },
    { journal: false, want: { requests: 0, bodies: 0 } },
  ];
  it.each(given)('journal: $journal', async ({ journal, want }) => {
    fake = await startFakeOneLink(journal === undefined ? {} : { journal });
    const headers = { authorization: `Bearer ${await tokenOf(fake)}` };
    for (let n = 1; n <= 3; n++) {
      expect((await postQr(fake, 'generateDQRCMerchant', body(n), headers)).status).toBe(200);
    }
    // An answer that is not a QR is numbered by arrival (the token request was the first), whether or
    // not the journal is kept.
    const refused = await postQr(fake, 'generateDQRCMerchant', body(4));
    expect(refused.status).toBe(401);
    expect(refused.headers.get('x-global-transaction-id')).toBe('gtid-5');
    expect(fake.journal).toHaveLength(want.requests);
    expect(fake.bodies).toHaveLength(want.bodies);
    expect(fake.calls).toEqual({ token: 1, merchant: 4, aggregator: 0 });
    if (journal === false) expect(() => fake.requests('merchant')).toThrow(/keeps no journal/);
    else expect(fake.requests('merchant')).toHaveLength(4);
  });
});
