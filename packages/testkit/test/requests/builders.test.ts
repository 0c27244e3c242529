import { formatOneLinkDateTime, qrRequestIssues, withStanRrn } from '@onelink-kit/core';
import { describe, expect, it } from 'vitest';
import {
  aggregatorBody,
  fullAggregatorRequest,
  fullMerchantRequest,
  gatewayAggregatorRequest,
  gatewayExample,
  gatewayMerchantRequest,
  gatewayProblem,
  merchantBody,
  oneLinkExample,
  withField,
} from '../../src/index.js';

const now = Date.parse('2026-11-30T05:00:00.000Z');
const ids = { stan: '000042', rrn: '633340000042' };
const inTenMinutes = formatOneLinkDateTime(now + 10 * 60_000);

describe('1LINK request bodies from the spec examples', () => {
  it('merchantBody: MerchantRequestMinimal without ids, expiring ten minutes from now', () => {
    const { info: _, ...minimal } = oneLinkExample('MerchantRequestMinimal');
    const body = merchantBody(now);
    expect(body).toEqual({
      ...minimal,
      paymentDetails: { ...minimal.paymentDetails, expiryDateTime: inTenMinutes },
    });
    expect(qrRequestIssues('generateDQRCMerchant', withStanRrn('merchant', body, ids), { now })).toEqual([]);
  });

  it('aggregatorBody: ids absent, paymentDetails under payerDetails', () => {
    const body = aggregatorBody(now);
    expect(body.payerDetails?.info).toBeUndefined();
    expect(body.payerDetails?.paymentDetails?.expiryDateTime).toBe(inTenMinutes);
    expect(body.merchantDetails?.merchantID).toBe(
      oneLinkExample('AggregatorRequestIntegerAmount').merchantDetails.merchantID,
    );
    expect(qrRequestIssues('generateDQRCAggregator', withStanRrn('aggregator', body, ids), { now })).toEqual(
      [],
    );
  });

  it.each([
    { given: 'merchant', build: fullMerchantRequest, op: 'generateDQRCMerchant' as const },
    { given: 'aggregator', build: fullAggregatorRequest, op: 'generateDQRCAggregator' as const },
  ])('full $given request: every example field, these ids, valid', ({ build, op }) => {
    const body = build(ids, now);
    expect(qrRequestIssues(op, body, { now })).toEqual([]);
    expect(JSON.stringify(body)).toContain(ids.rrn);
    expect(JSON.stringify(body)).toContain(inTenMinutes);
  });

  it('hands out copies: changing one leaves the spec document alone', () => {
    const first = oneLinkExample('MerchantRequestSuccess');
    Object.assign(first.merchantDetails, { dbaName: 'changed' });
    expect(first.merchantDetails.dbaName).toBe('changed');
    expect(oneLinkExample('MerchantRequestSuccess').merchantDetails.dbaName).toBe('Karachi Chai Corner');
  });

  it('names an example that does not exist', () => {
    expect(() => oneLinkExample('NoSuchExample' as 'MerchantRequestSuccess')).toThrow(
      'spec/1link-p2m-qr.yaml has no example named NoSuchExample',
    );
  });
});

describe('gateway requests from the gateway spec examples', () => {
  it('merchant: the example with a relative expiry instead of its fixed past time', () => {
    const { expiresAt, ...example } = gatewayExample('CreateMerchantQrRequestExample');
    expect(expiresAt).toBeDefined();
    expect(gatewayMerchantRequest()).toEqual({ ...example, expiresInSeconds: 900 });
  });

  it('aggregator: the example as it is', () => {
    expect(gatewayAggregatorRequest()).toEqual(gatewayExample('CreateAggregatorQrRequestExample'));
    expect(gatewayAggregatorRequest().expiresInSeconds).toBe(900);
  });
});

describe('gatewayProblem', () => {
  it.each([
    {
      given: 'ProblemUpstreamQrMismatch' as const,
      want: {
        type: 'urn:onelink-kit:problem:upstream-qr-mismatch',
        title: 'The QR 1LINK returned does not match the request',
        status: 502,
        retryable: false,
        transactionStatus: 'mismatched',
        responseCode: '00',
      },
    },
    {
      given: 'ProblemUnauthenticated' as const,
      want: { type: 'urn:onelink-kit:problem:unauthenticated', status: 401 },
    },
  ])('$given: the fixed fields of the example, no detail or ids', ({ given, want }) => {
    const got = gatewayProblem(given);
    expect(got).toMatchObject(want);
    expect(got).not.toHaveProperty('detail');
    expect(got).not.toHaveProperty('transactionId');
    expect(got).not.toHaveProperty('mismatches');
  });
});

describe('withField', () => {
  const body = { a: { b: 1, c: [1, 2] }, d: 'x' };
  it.each([
    { given: { field: 'a.b', value: 2 }, want: { a: { b: 2, c: [1, 2] }, d: 'x' } },
    { given: { field: 'd', value: undefined }, want: { a: { b: 1, c: [1, 2] }, d: undefined } },
    {
      given: { field: 'e.f.g', value: true },
      want: { a: { b: 1, c: [1, 2] }, d: 'x', e: { f: { g: true } } },
    },
  ])('$given.field = $given.value, on a copy', ({ given, want }) => {
    expect(withField(body, given.field, given.value)).toEqual(want);
    expect(body).toEqual({ a: { b: 1, c: [1, 2] }, d: 'x' });
  });
});
