import { checkAgainstRequest, toRaastP2M, verify } from '@onelink-kit/emvqr';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type FakeOneLink,
  fullAggregatorRequest,
  fullMerchantRequest,
  startFakeOneLink,
} from '../../src/index.js';
import { postQr, tokenOf } from './call.js';

let fake: FakeOneLink | undefined;
afterEach(async () => {
  await fake?.stop();
  fake = undefined;
});

async function authorised(options: Parameters<typeof startFakeOneLink>[0] = {}) {
  fake = await startFakeOneLink(options);
  const headers = { authorization: `Bearer ${await tokenOf(fake)}` };
  return { fake, headers };
}

const merchantIds = { stan: '000101', rrn: '633010000101' };
const aggregatorIds = { stan: '000201', rrn: '633010000201' };

describe('the normal QR answer', () => {
  it('merchant: 200, ids echoed, a QR that verifies and matches the request', async () => {
    const { fake, headers } = await authorised();
    const body = fullMerchantRequest(merchantIds);
    const answer = await postQr(fake, 'generateDQRCMerchant', body, headers);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('x-global-transaction-id')).toBe(`gtid-${merchantIds.rrn}`);
    const json = answer.json();
    expect(json).toMatchObject({
      responseCode: '00',
      responseDescription: 'Processed OK',
      ...merchantIds,
      expiryDateTime: body.paymentDetails?.expiryDateTime,
    });
    const qr = String(json.qrString);
    expect(verify(qr, { requirePointOfInitiation: true }).ok).toBe(true);
    expect(checkAgainstRequest(toRaastP2M(qr), body)).toEqual([]);
  });

  it("aggregator: the registry fills what the request lacks (the spec example's merchant)", async () => {
    const { fake, headers } = await authorised();
    const body = fullAggregatorRequest(aggregatorIds);
    const answer = await postQr(fake, 'generateDQRCAggregator', body, headers);
    expect(answer.status).toBe(200);
    const view = toRaastP2M(String(answer.json().qrString));
    expect(view).toMatchObject({ merchantName: 'Lahore Book Depot', merchantCity: 'Lahore' });
    expect(view.raast?.iban).toBe('PK13MEZN0001020304050607');
    expect(answer.json()).toMatchObject(aggregatorIds);
  });

  it('counts calls per operation and keeps journal and bodies', async () => {
    const { fake, headers } = await authorised();
    await postQr(fake, 'generateDQRCMerchant', fullMerchantRequest(merchantIds), headers);
    await postQr(fake, 'generateDQRCAggregator', fullAggregatorRequest(aggregatorIds), headers);
    await postQr(fake, 'generateDQRCAggregator', fullAggregatorRequest(aggregatorIds), headers);
    expect(fake.calls).toEqual({ token: 1, merchant: 1, aggregator: 2 });
    expect(fake.journal.map((r) => [r.operation, r.status])).toEqual([
      ['token', 200],
      ['merchant', 200],
      ['aggregator', 200],
      ['aggregator', 200],
    ]);
    expect(fake.requests('qr').map((r) => r.path)).toEqual([
      '/1Link/generateDQRCMerchant',
      '/1Link/generateDQRCAggregator',
      '/1Link/generateDQRCAggregator',
    ]);
    expect(fake.requests('aggregator')).toHaveLength(2);
    expect((fake.bodies[0] as { merchantDetails: unknown }).merchantDetails).toEqual(
      fullMerchantRequest(merchantIds).merchantDetails,
    );
    expect((fake.bodies[0] as { info: unknown }).info).toEqual(merchantIds);
    expect(fake.maxInFlight()).toBe(1);
  });

  it('answers 404 for paths it does not serve, uncounted', async () => {
    fake = await startFakeOneLink();
    const res = await fetch(`${fake.url}/1Link/somethingElse`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(404);
    expect(fake.calls).toEqual({ token: 0, merchant: 0, aggregator: 0 });
    expect(fake.journal).toHaveLength(1);
  });

  it('successBody is what the fake would answer', async () => {
    const { fake, headers } = await authorised();
    const answer = await postQr(fake, 'generateDQRCMerchant', fullMerchantRequest(merchantIds), headers);
    expect(fake.successBody(fake.requests('merchant')[0]!)).toEqual(answer.json());
  });
});

describe('strict: the refusals 1LINK gives', () => {
  const merchant = fullMerchantRequest(merchantIds);
  it.each([
    {
      given: 'no stan/rrn',
      body: { ...merchant, info: undefined },
      want: { status: 400, responseCode: '30' },
    },
    {
      given: 'an IBAN whose checksum fails',
      body: {
        ...merchant,
        merchantDetails: { ...merchant.merchantDetails, iban: 'PK00SCBL0000001123456702' },
      },
      want: { status: 400, responseCode: '12' },
    },
    {
      given: 'an IBAN two digits short of the PK shape',
      body: { ...merchant, merchantDetails: { ...merchant.merchantDetails, iban: 'PK36SCBL00000011234567' } },
      want: { status: 400, responseCode: '12' },
    },
    { given: 'malformed JSON', body: '{"merchantDetails":', want: { status: 400, responseCode: '30' } },
  ])('merchant with $given → $want.status code $want.responseCode', async ({ body, want }) => {
    const { fake, headers } = await authorised({ strict: true });
    const answer = await postQr(fake, 'generateDQRCMerchant', body, headers);
    expect({ status: answer.status, responseCode: answer.json().responseCode }).toEqual(want);
  });

  it('an aggregator it does not know → 400 code 12', async () => {
    const { fake, headers } = await authorised({ strict: true, registry: {} });
    const answer = await postQr(
      fake,
      'generateDQRCAggregator',
      fullAggregatorRequest(aggregatorIds),
      headers,
    );
    expect(answer.status).toBe(400);
    expect(answer.json()).toMatchObject({ responseCode: '12', ...aggregatorIds });
  });

  it('an RRN used before → 409 code 94; without strict it is answered again', async () => {
    const strict = await authorised({ strict: true });
    await postQr(strict.fake, 'generateDQRCMerchant', merchant, strict.headers);
    const again = await postQr(strict.fake, 'generateDQRCMerchant', merchant, strict.headers);
    expect(again.status).toBe(409);
    expect(again.json()).toMatchObject({ responseCode: '94', ...merchantIds });
    await strict.fake.stop();

    const lenient = await authorised();
    await postQr(lenient.fake, 'generateDQRCMerchant', merchant, lenient.headers);
    expect((await postQr(lenient.fake, 'generateDQRCMerchant', merchant, lenient.headers)).status).toBe(200);
  });
});
