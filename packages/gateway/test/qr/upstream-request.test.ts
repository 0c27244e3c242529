import { describe, expect, it } from 'vitest';
import { ProblemError } from '../../src/problems.js';
import {
  buildUpstreamBody,
  type CreateQrInput,
  gatewayIssues,
  prepareUpstreamRequest,
  withInfo,
} from '../../src/qr/upstream-request.js';
import { merchantRequest } from '../support/gateway-harness.js';

describe('buildUpstreamBody', () => {
  const dates = { executionDateTime: '2026-11-22T10:00:00', expiryDateTime: '2026-11-22T10:15:00' };
  const payment = { ...dates, instructedAmount: 310, transactionType: 'P2M' };
  const cases = [
    {
      name: 'merchant: paymentDetails at the top level, payer details as given',
      kind: 'merchant' as const,
      given: {
        merchantDetails: { merchantID: 'M1' },
        payerDetails: { additionalRequiredDetails: 'M' },
        amount: 310,
      },
      want: {
        merchantDetails: { merchantID: 'M1' },
        payerDetails: { additionalRequiredDetails: 'M' },
        paymentDetails: payment,
      },
    },
    {
      name: 'aggregator: paymentDetails nested in payerDetails (the 1LINK aggregator layout)',
      kind: 'aggregator' as const,
      given: {
        merchantDetails: { merchantID: 'A1', subDept: '0001' },
        geoLocation: { lat: '1' },
        amount: 310,
      },
      want: {
        merchantDetails: { merchantID: 'A1', subDept: '0001' },
        geoLocation: { lat: '1' },
        payerDetails: { paymentDetails: payment },
      },
    },
  ];
  it.each(cases)('$name', ({ kind, given, want }) => {
    expect(buildUpstreamBody(kind, given as never, dates)).toEqual(want);
  });
});

describe('the amount unit and transaction type become paymentDetails (one setting each)', () => {
  const dates = { executionDateTime: '2026-11-22T10:00:00', expiryDateTime: '2026-11-22T10:15:00' };
  const given = { merchantDetails: { merchantID: 'M1' }, amount: 310 } as never;
  it.each([
    { settings: {}, want: { instructedAmount: 310, transactionType: 'P2M' } },
    { settings: { amountUnit: 'rupees' as const }, want: { instructedAmount: 310, transactionType: 'P2M' } },
    {
      settings: { amountUnit: 'paisa' as const, transactionType: '064' },
      want: { instructedAmount: 31_000, transactionType: '064' },
    },
  ])('$settings → $want', ({ settings, want }) => {
    const body = buildUpstreamBody('merchant', given, dates, settings) as { paymentDetails: unknown };
    expect(body.paymentDetails).toEqual({ ...dates, ...want });
  });

  it('the largest gateway amount in paisa still passes 1LINK’s bound; the pre-check uses the unit', () => {
    const at = Date.UTC(2026, 10, 22, 5, 0, 0);
    const input = { ...merchantRequest, amount: 99_999_999, expiresInSeconds: 900 } as CreateQrInput;
    const prepared = prepareUpstreamRequest('merchant', input, at, { amountUnit: 'paisa' });
    expect(prepared.body).toMatchObject({ paymentDetails: { instructedAmount: 9_999_999_900 } });
  });
});

describe('withInfo', () => {
  const info = { stan: '000007', rrn: '261122000007' };
  it('merchant: info at the top level', () => {
    expect(withInfo('merchant', { paymentDetails: {} } as never, info)).toEqual({ paymentDetails: {}, info });
  });
  it('aggregator: info inside payerDetails, next to paymentDetails', () => {
    expect(withInfo('aggregator', { payerDetails: { paymentDetails: {} } } as never, info)).toEqual({
      payerDetails: { paymentDetails: {}, info },
    });
  });
});

describe("gatewayIssues: 1LINK field paths back to the caller's names", () => {
  const cases = [
    { given: 'paymentDetails.expiryDateTime', input: { expiresInSeconds: 5 }, want: 'body.expiresInSeconds' },
    { given: 'paymentDetails.expiryDateTime', input: { expiresAt: 'x' }, want: 'body.expiresAt' },
    { given: 'paymentDetails.expiryDateTime', input: undefined, want: 'body.expiresAt' },
    { given: 'payerDetails.paymentDetails.instructedAmount', input: undefined, want: 'body.amount' },
    { given: 'paymentDetails.executionDateTime', input: undefined, want: 'body (execution time)' },
    { given: 'merchantDetails.iban', input: undefined, want: 'body.merchantDetails.iban' },
    {
      given: 'payerDetails.identificationDetails.loyaltyNo',
      input: undefined,
      want: 'body.payerDetails.identificationDetails.loyaltyNo',
    },
  ];
  it.each(cases)('$given → $want', ({ given, input, want }) => {
    const issue = { field: given, rule: 'r', message: 'm' };
    expect(gatewayIssues([issue], input as CreateQrInput | undefined)).toEqual([
      { field: want, rule: 'r', message: 'm' },
    ]);
  });
});

describe('prepareUpstreamRequest', () => {
  const at = Date.UTC(2026, 10, 22, 5, 0, 0);
  const cases = [
    {
      name: 'both expiry forms',
      given: { expiresAt: '2026-11-22T10:15:00', expiresInSeconds: 900 },
      field: 'body.expiresAt',
      rule: 'exactly-one-of',
    },
    {
      name: 'no expiry',
      given: { expiresInSeconds: undefined },
      field: 'body.expiresAt',
      rule: 'exactly-one-of',
    },
  ];
  it.each(cases)('refuses $name naming $field', ({ given, field, rule }) => {
    const input = { ...merchantRequest, ...given } as CreateQrInput;
    const error = (() => {
      try {
        prepareUpstreamRequest('merchant', input, at);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ProblemError);
    expect((error as ProblemError).extras.errors).toEqual([expect.objectContaining({ field, rule })]);
  });

  it('a valid request gives the 1LINK body without info and its expiry in PKT', () => {
    const prepared = prepareUpstreamRequest('merchant', merchantRequest as CreateQrInput, at);
    expect(prepared.expiryDateTime).toBe('2026-11-22T10:15:00');
    expect(prepared.body).not.toHaveProperty('info');
    expect(prepared.body).toMatchObject({
      paymentDetails: { instructedAmount: 310, transactionType: 'P2M' },
    });
  });
});
