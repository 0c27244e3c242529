import { document } from '@onelink-kit/generated/1link-p2m-qr';
import { describe, expect, it } from 'vitest';
import {
  type AggregatorQrInput,
  infoOf,
  infoPathOf,
  type MerchantQrInput,
  paymentDetailsOf,
  paymentDetailsPathOf,
  QR_KINDS,
  type QrInputs,
  type QrKind,
  qrBodyParts,
  qrKindOf,
  qrLayoutIssues,
  qrOperationId,
  qrRequestIssues,
  withPaymentDetails,
  withStanRrn,
} from '../../src/index.js';
import { getPath } from '../../src/validation/object-path.js';

const examples = document.components.examples;
const merchant: MerchantQrInput = examples.MerchantRequestSuccess.value;
const aggregator: AggregatorQrInput = examples.AggregatorRequestSuccess.value;
const ids = { stan: '000042', rrn: '633010000042' };
const payment = { expiryDateTime: '2026-11-22T10:15:00', instructedAmount: 500, transactionType: 'P2M' };

describe('the merchant body keeps paymentDetails and info at the top; the aggregator inside payerDetails', () => {
  it.each([
    { kind: 'merchant' as const, op: 'generateDQRCMerchant', info: 'info', pay: 'paymentDetails' },
    {
      kind: 'aggregator' as const,
      op: 'generateDQRCAggregator',
      info: 'payerDetails.info',
      pay: 'payerDetails.paymentDetails',
    },
  ])('$kind → $op, $info, $pay', ({ kind, op, info, pay }) => {
    expect(qrOperationId(kind)).toBe(op);
    expect(qrKindOf(qrOperationId(kind))).toBe(kind);
    expect(infoPathOf(kind)).toBe(info);
    expect(paymentDetailsPathOf(kind)).toBe(pay);
  });

  it('reads paymentDetails and info from the spec examples', () => {
    expect(paymentDetailsOf('merchant', merchant)).toBe(merchant.paymentDetails);
    expect(infoOf('merchant', merchant)).toBe(merchant.info);
    expect(paymentDetailsOf('aggregator', aggregator)).toBe(aggregator.payerDetails?.paymentDetails);
    expect(infoOf('aggregator', aggregator)).toBe(aggregator.payerDetails?.info);
    expect(paymentDetailsOf('merchant', {})).toBeUndefined();
    expect(infoOf('aggregator', { payerDetails: {} })).toBeUndefined();
  });

  it('withStanRrn puts exactly stan and rrn in the right place and leaves the input alone', () => {
    const m = withStanRrn('merchant', { ...merchant, info: undefined }, ids);
    expect(m.info).toEqual(ids);
    expect(m).not.toHaveProperty('payerDetails.info');
    const a = withStanRrn('aggregator', aggregator, { ...ids, extra: 'dropped' } as typeof ids);
    expect(a.payerDetails?.info).toEqual(ids);
    expect(a.payerDetails?.paymentDetails).toBe(aggregator.payerDetails?.paymentDetails);
    expect(a).not.toHaveProperty('info');
    expect(aggregator.payerDetails?.info).not.toEqual(ids);
    expect(
      withStanRrn('aggregator', { merchantDetails: aggregator.merchantDetails }, ids).payerDetails,
    ).toEqual({
      info: ids,
    });
  });

  it('works with a kind known only at run time, as a service choosing by route has it', () => {
    const place = (kind: QrKind, body: QrInputs[QrKind]) => withStanRrn(kind, body, ids);
    for (const kind of QR_KINDS) {
      expect(infoOf(kind, place(kind, {}))).toEqual(ids);
      expect(getPath(place(kind, {}), infoPathOf(kind).split('.'))).toEqual(ids);
    }
  });

  it('withPaymentDetails puts paymentDetails in the right place', () => {
    expect(withPaymentDetails('merchant', {}, payment)).toEqual({ paymentDetails: payment });
    expect(
      withPaymentDetails('aggregator', { payerDetails: { additionalRequiredDetails: 'M' } }, payment),
    ).toEqual({ payerDetails: { additionalRequiredDetails: 'M', paymentDetails: payment } });
  });

  it('a body built through the layout passes the request checks of its operation', () => {
    const now = Date.UTC(2026, 10, 22, 5, 0, 0); // 10:00 PKT, fifteen minutes before the expiry above
    const m = { merchantDetails: merchant.merchantDetails };
    const a = { merchantDetails: aggregator.merchantDetails };
    const built = [
      {
        kind: 'merchant',
        body: withStanRrn('merchant', withPaymentDetails('merchant', m, payment), ids),
        base: m,
      },
      {
        kind: 'aggregator',
        body: withStanRrn('aggregator', withPaymentDetails('aggregator', a, payment), ids),
        base: a,
      },
    ] as const;
    for (const { kind, body, base } of built) {
      expect(qrRequestIssues(qrOperationId(kind), body, { now })).toEqual([]);
      expect(qrRequestIssues(qrOperationId(kind), base, { now }).map((i) => i.field)).toContain(
        paymentDetailsPathOf(kind),
      );
    }
  });
});

describe('qrLayoutIssues names a container that is not an object', () => {
  it.each([
    { kind: 'merchant' as const, given: {}, want: [] },
    { kind: 'merchant' as const, given: { info: { stan: '1' } }, want: [] },
    { kind: 'merchant' as const, given: { info: 'x' }, want: ['info type'] },
    { kind: 'merchant' as const, given: { payerDetails: 'ignored here' }, want: [] },
    { kind: 'aggregator' as const, given: { payerDetails: 'x' }, want: ['payerDetails type'] },
    { kind: 'aggregator' as const, given: { payerDetails: [] }, want: ['payerDetails type'] },
    { kind: 'aggregator' as const, given: { payerDetails: { info: 7 } }, want: ['payerDetails.info type'] },
    { kind: 'aggregator' as const, given: { payerDetails: {} }, want: [] },
    { kind: 'aggregator' as const, given: 'body', want: ['(body) type'] },
  ])('$kind $given → $want', ({ kind, given, want }) => {
    expect(qrLayoutIssues(kind, given).map((i) => `${i.field} ${i.rule}`)).toEqual(want);
  });
});

describe('qrBodyParts reads a body of either kind by the layout it follows', () => {
  const pd = { instructedAmount: '310' };
  const info = { rrn: '633010000001' };
  it.each([
    {
      given: 'merchant example',
      body: merchant,
      want: 'merchant',
      pd: merchant.paymentDetails,
      info: merchant.info,
    },
    {
      given: 'aggregator example',
      body: aggregator,
      want: 'aggregator',
      pd: aggregator.payerDetails?.paymentDetails,
      info: aggregator.payerDetails?.info,
    },
    { given: 'empty body', body: {}, want: 'merchant', pd: undefined, info: undefined },
    {
      given: 'payer labels only',
      body: { payerDetails: { additionalRequiredDetails: 'M' } },
      want: 'merchant',
    },
    { given: 'nested info only', body: { payerDetails: { info } }, want: 'aggregator', info },
    {
      given: 'top level wins over nested',
      body: { info, payerDetails: { paymentDetails: pd } },
      want: 'merchant',
      info,
    },
  ])('$given → $want', ({ body, want, pd: wantPd, info: wantInfo }) => {
    const parts = qrBodyParts<unknown, unknown>(body);
    expect(parts.kind).toBe(want);
    expect(parts.paymentDetails).toBe(wantPd);
    expect(parts.info).toBe(wantInfo);
    expect(parts.paymentDetailsPath).toBe(paymentDetailsPathOf(parts.kind));
    expect(parts.infoPath).toBe(infoPathOf(parts.kind));
  });
});
