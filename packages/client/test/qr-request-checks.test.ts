import { renderPng } from '@onelink-kit/emvqr';
import { aggregatorBody, type FakeOneLink, merchantBody, startFakeOneLink } from '@onelink-kit/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type AggregatorQrBody,
  type MerchantQrBody,
  type OneLinkClientOptions,
  OneLinkValidationError,
  type StanRrnAllocator,
} from '../src/index.js';
import { clientOfFake } from './support/fake-client.js';

let upstream: FakeOneLink;
let allocations: number;

beforeEach(async () => {
  upstream = await startFakeOneLink();
  allocations = 0;
});
afterEach(async () => {
  await upstream.stop();
});

const allocator: StanRrnAllocator = {
  allocate() {
    allocations++;
    return { stan: String(allocations), rrn: String(633_010_000_000 + allocations) };
  },
};

function client(overrides: Partial<OneLinkClientOptions> = {}) {
  return clientOfFake(upstream, { retry: false, allocator, ...overrides });
}

const merchant = merchantBody();
// Deliberately wrong values: typed loosely, as a JavaScript caller (or a cast) would send them.
const withMerchant = (change: Record<string, unknown>): MerchantQrBody => ({
  ...merchant,
  merchantDetails: { ...merchant.merchantDetails!, ...change } as MerchantQrBody['merchantDetails'],
});
const withAddress = (change: Record<string, unknown>): MerchantQrBody =>
  withMerchant({
    postalAddress: { townName: 'Karachi', addressLine: 'Shop 4, Clifton', subDept: '0001', ...change },
  });
const withAmount = (instructedAmount: number): MerchantQrBody => ({
  ...merchant,
  paymentDetails: { ...merchant.paymentDetails!, instructedAmount },
});
let deep: Record<string, unknown> = {};
for (let i = 0; i < 5_000; i++) deep = { x: deep };

describe('the client refuses what 1LINK would, before an RRN is allocated or 1LINK called', () => {
  it.each([
    { given: 'amount 0', body: withAmount(0), want: ['paymentDetails.instructedAmount minimum'] },
    { given: 'amount −5', body: withAmount(-5), want: ['paymentDetails.instructedAmount minimum'] },
    {
      given: 'IBAN "PK36-not-an-iban"',
      body: withMerchant({ iban: 'PK36-not-an-iban' }),
      want: ['merchantDetails.iban minLength', 'merchantDetails.iban pattern'],
    },
    {
      given: 'IBAN with wrong check digits',
      body: withMerchant({ iban: 'PK00SCBL0000001123456702' }),
      want: ['merchantDetails.iban iban-checksum'],
    },
    { given: 'dbaName ""', body: withMerchant({ dbaName: '' }), want: ['merchantDetails.dbaName minLength'] },
    {
      given: 'NUL in merchantName',
      body: withMerchant({ merchantName: 'Chai\u0000Corner' }),
      want: ['merchantDetails.merchantName pattern'],
    },
    {
      given: 'NUL in iban',
      body: withMerchant({ iban: 'PK36SCBL000000112345670\u0000' }),
      want: ['merchantDetails.iban pattern'],
    },
    {
      given: 'NUL in townName',
      body: withAddress({ townName: 'Kara\u0000chi' }),
      want: ['merchantDetails.postalAddress.townName pattern'],
    },
    {
      given: 'NUL in subDept',
      body: withAddress({ subDept: '0\u00001' }),
      want: ['merchantDetails.postalAddress.subDept pattern'],
    },
    {
      given: '5,000-deep junk under an unknown property',
      body: withAddress({ junk: deep }),
      want: ['merchantDetails.postalAddress.junk additionalProperties'],
    },
  ])('$given → $want', async ({ body, want }) => {
    const error = await client()
      .generateDQRCMerchant(body)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OneLinkValidationError);
    expect((error as OneLinkValidationError).issues.map((i) => `${i.field} ${i.rule}`)).toEqual(want);
    expect(allocations).toBe(0);
    expect(upstream.calls).toEqual({ token: 0, merchant: 0, aggregator: 0 });
  });

  it('refuses an aggregator amount "0" naming the field and rule, without allocating', async () => {
    const body = aggregatorBody();
    const bad: AggregatorQrBody = {
      ...body,
      payerDetails: {
        ...body.payerDetails,
        paymentDetails: { ...body.payerDetails!.paymentDetails!, instructedAmount: '0' },
      },
    };
    const error = await client()
      .generateDQRCAggregator(bad)
      .catch((e: unknown) => e);
    expect((error as OneLinkValidationError).issues.map((i) => `${i.field} ${i.rule}`)).toEqual([
      'payerDetails.paymentDetails.instructedAmount pattern',
    ]);
    expect(allocations).toBe(0);
    expect(upstream.calls.aggregator).toBe(0);
  });

  it('checks what a custom allocator hands out too', async () => {
    const broken: StanRrnAllocator = { allocate: () => ({ stan: '1', rrn: '12' }) };
    const error = await client({ allocator: broken })
      .generateDQRCMerchant(merchant)
      .catch((e: unknown) => e);
    expect((error as OneLinkValidationError).issues.map((i) => `${i.field} ${i.rule}`)).toEqual([
      'info.rrn pattern',
    ]);
    expect(upstream.calls.merchant).toBe(0);
  });

  it('sends a valid body once, after allocating once', async () => {
    await client().generateDQRCMerchant(merchant);
    expect(allocations).toBe(1);
    expect(upstream.calls.merchant).toBe(1);
  });
});

describe('the default transactionType is one client setting', () => {
  const { transactionType: _left, ...payment } = merchant.paymentDetails!;
  const withoutType: MerchantQrBody = { ...merchant, paymentDetails: payment };
  const sentType = () =>
    (upstream.bodies[0] as { paymentDetails: { transactionType: string } }).paymentDetails.transactionType;

  it.each([
    { given: 'no option', options: {}, want: 'P2M' },
    { given: 'transactionType "064"', options: { transactionType: '064' }, want: '064' },
  ])('$given: a body without one is sent with $want', async ({ options, want }) => {
    const c = client(options);
    expect(c.transactionType).toBe(want);
    await c.generateDQRCMerchant(withoutType);
    expect(sentType()).toBe(want);
  });

  it("a body's own transactionType wins", async () => {
    await client({ transactionType: '064' }).generateDQRCMerchant(merchant);
    expect(sentType()).toBe(merchant.paymentDetails!.transactionType);
  });

  it('fills the aggregator layout too (inside payerDetails)', async () => {
    const body = aggregatorBody();
    const { transactionType: _t, ...pd } = body.payerDetails!.paymentDetails!;
    await client({ transactionType: '38' }).generateDQRCAggregator({
      ...body,
      payerDetails: { ...body.payerDetails, paymentDetails: pd },
    });
    const sent = upstream.bodies[0] as { payerDetails: { paymentDetails: { transactionType: string } } };
    expect(sent.payerDetails.paymentDetails.transactionType).toBe('38');
  });

  it.each([
    { given: undefined, want: 'rupees' },
    { given: 'paisa' as const, want: 'paisa' },
  ])('amountUnit $given → client.amountUnit $want', ({ given, want }) => {
    expect(client(given ? { amountUnit: given } : {}).amountUnit).toBe(want);
  });

  it('refuses an unknown amount unit at construction', () => {
    expect(() => client({ amountUnit: 'PKR' as never })).toThrow(/amountUnit is 'rupees' or 'paisa'/);
  });
});

describe("the client's result says where the QR was", () => {
  const answerWith = (change: (success: Record<string, unknown>) => Record<string, unknown>) =>
    upstream.always('merchant', (request) => ({ status: 200, body: change(upstream.successBody(request)) }));

  it('in the spec field qrString', async () => {
    const result = await client().generateDQRCMerchant(merchant);
    expect(result.qr).toEqual({ payload: result.data.qrString, source: 'field', path: '$.qrString' });
  });

  it('in qrData, when 1LINK names it so', async () => {
    answerWith(({ qrString, ...rest }) => ({ ...rest, qrData: qrString }));
    const result = await client().generateDQRCMerchant(merchant);
    expect(result.qr?.source).toBe('string');
    expect(result.qr?.path).toBe('$.qrData');
    expect(result.qr?.payload).toMatch(/^000201.*6304[0-9A-F]{4}$/);
  });

  it('in qrCode, a base64 PNG only', async () => {
    let payload = '';
    upstream.always('merchant', (request) => {
      const { qrString, ...rest } = upstream.successBody(request);
      payload = String(qrString);
      return { status: 200, body: rest };
    });
    // The image is made from the payload the fake would have sent, once it is known.
    const first = await client().generateDQRCMerchant(merchant);
    expect(first.qr).toBeUndefined();
    const image = (await renderPng(payload)).toString('base64');
    upstream.clearFaults();
    answerWith(({ qrString: _q, ...rest }) => ({ ...rest, qrCode: image }));
    const result = await client().generateDQRCMerchant(merchant);
    expect(result.qr).toEqual({ payload, source: 'image', path: '$.qrCode' });
  });

  it('nowhere: qr is undefined and the answer is still returned', async () => {
    answerWith(({ qrString: _q, ...rest }) => rest);
    const result = await client().generateDQRCMerchant(merchant);
    expect(result.qr).toBeUndefined();
    expect(result.data.responseCode).toBe('00');
  });
});
