import { document } from '@onelink-kit/generated/1link-p2m-qr';
import { describe, expect, it } from 'vitest';
import {
  OneLinkValidationError,
  oneLinkRequestValidator,
  qrRequestIssues,
  RequestValidator,
} from '../src/index.js';
import { merchantBody } from './support/bodies.js';

const validator = oneLinkRequestValidator();
const examples = document.components.examples;

describe('request bodies are checked against the spec schemas', () => {
  it.each([
    { given: 'MerchantRequestSuccess', op: 'generateDQRCMerchant' },
    { given: 'MerchantRequestMinimal', op: 'generateDQRCMerchant' },
    { given: 'AggregatorRequestSuccess', op: 'generateDQRCAggregator' },
    { given: 'AggregatorRequestIntegerAmount', op: 'generateDQRCAggregator' },
  ] as const)('spec example $given is valid for $op', ({ given, op }) => {
    expect(validator.validate(op, examples[given].value)).toEqual([]);
  });

  const good = examples.MerchantRequestSuccess.value;
  it.each([
    {
      given: 'iban of 25 characters',
      body: { ...good, merchantDetails: { ...good.merchantDetails, iban: 'P'.repeat(25) } },
      want: ['merchantDetails.iban maxLength'],
    },
    {
      given: 'missing merchantID and bankBic',
      body: {
        ...good,
        merchantDetails: { ...good.merchantDetails, merchantID: undefined, bankBic: undefined },
      },
      want: ['merchantDetails.bankBic required', 'merchantDetails.merchantID required'],
    },
    {
      given: 'additionalRequiredDetails with X',
      body: { ...good, payerDetails: { additionalRequiredDetails: 'MX' } },
      want: ['payerDetails.additionalRequiredDetails pattern'],
    },
    {
      given: 'amount as a string',
      body: { ...good, paymentDetails: { ...good.paymentDetails, instructedAmount: '310' } },
      want: ['paymentDetails.instructedAmount type'],
    },
    {
      given: 'merchantCategoryCode of 5 digits (does not fit EMVCo tag 52)',
      body: { ...good, merchantDetails: { ...good.merchantDetails, merchantCategoryCode: '58120' } },
      want: ['merchantDetails.merchantCategoryCode pattern'],
    },
    {
      given: 'subDept over 8',
      body: {
        ...good,
        merchantDetails: {
          ...good.merchantDetails,
          postalAddress: { ...good.merchantDetails.postalAddress, subDept: '123456789' },
        },
      },
      want: ['merchantDetails.postalAddress.subDept maxLength'],
    },
  ])('$given → $want', ({ body, want }) => {
    const json = JSON.parse(JSON.stringify(body)); // drop undefined like the wire does
    const got = validator.validate('generateDQRCMerchant', json).map((i) => `${i.field} ${i.rule}`);
    expect(got.sort()).toEqual([...want].sort());
  });

  it('assert throws OneLinkValidationError with every issue', () => {
    const body = { info: { stan: 'abcdefg', rrn: '1' } };
    expect(() => validator.assert('generateDQRCMerchant', body)).toThrow(OneLinkValidationError);
    try {
      validator.assert('generateDQRCMerchant', body);
    } catch (error) {
      const fields = (error as OneLinkValidationError).issues.map((i) => `${i.field} ${i.rule}`);
      expect(fields).toEqual(
        expect.arrayContaining(['info.stan maxLength', 'info.stan pattern', 'info.rrn pattern']),
      );
    }
  });

  it('knows every operation with a request body, and refuses others by name', () => {
    expect(validator.operationIds.sort()).toEqual([
      'generateDQRCAggregator',
      'generateDQRCMerchant',
      'requestToken',
    ]);
    expect(() => validator.validate('nope', {})).toThrow(/no request body schema for operation "nope"/);
  });

  it('works on any spec document, not just 1LINK', () => {
    const doc = {
      openapi: '3.1.0',
      paths: {
        '/x': {
          post: {
            operationId: 'x',
            requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/X' } } } },
          },
        },
      },
      components: {
        schemas: {
          X: { type: 'object', required: ['a'], properties: { a: { type: 'string', maxLength: 2 } } },
        },
      },
    };
    const v = new RequestValidator(doc, 'test:x');
    expect(v.validate('x', { a: 'abc' })).toEqual([
      { field: 'a', rule: 'maxLength', message: 'must NOT have more than 2 characters' },
    ]);
  });
});

describe('qrRequestIssues combines domain, schema and expiry rules', () => {
  const now = Date.UTC(2026, 10, 22, 5, 0, 0);
  it.each([
    {
      given: 'a valid merchant body',
      body: { ...merchantBody(now), info: { stan: '1', rrn: '633010123456' } },
      want: [],
    },
    { given: 'no info', body: merchantBody(now), want: [] },
    {
      given: 'no merchantDetails',
      body: { paymentDetails: merchantBody(now).paymentDetails },
      want: ['merchantDetails required'],
    },
  ])('$given → $want', ({ body, want }) => {
    expect(qrRequestIssues('generateDQRCMerchant', body, { now }).map((i) => `${i.field} ${i.rule}`)).toEqual(
      want,
    );
  });
});
