import { document } from '@onelink-kit/generated/snap-card-binding';
import { describe, expect, it } from 'vitest';
import { ParameterValidator } from '../src/parameter-validator.js';

const valid = {
  query: {
    scopes: 'CARD_REGISTRATION',
    state: '0123456789abcdef0123456789abcdef',
    merchantId: '216620',
    seamlessData: '{"mobileNumber":"628123456789"}',
  },
  header: {
    'X-TIMESTAMP': '2026-11-22T05:30:00+07:00',
    'X-PARTNER-ID': '216620',
    'X-EXTERNAL-ID': '5e0f8c1a2b3c4d5e6f708192a3b4c5d6',
    'CHANNEL-ID': '95221',
  },
};

describe('ParameterValidator on spec/snap-card-binding.yaml', () => {
  const v = new ParameterValidator(document, '/v1.0/get-auth-code', 'get');
  const cases = [
    { name: 'valid request (X-SIGNATURE skipped)', given: valid, want: [] as string[] },
    {
      name: 'state shorter than 32',
      given: { ...valid, query: { ...valid.query, state: 'abc' } },
      want: ['state|minLength'],
    },
    {
      name: 'scopes outside the enum',
      given: { ...valid, query: { ...valid.query, scopes: 'PAYMENT' } },
      want: ['scopes|enum'],
    },
    {
      name: 'seamlessData mobile too short and unknown key (contentSchema checked)',
      given: { ...valid, query: { ...valid.query, seamlessData: '{"mobileNumber":"12345678","x":"1"}' } },
      want: ['seamlessData.x|additionalProperties', 'seamlessData.mobileNumber|pattern'],
    },
    {
      name: 'seamlessData not JSON',
      given: { ...valid, query: { ...valid.query, seamlessData: '{mobileNumber}' } },
      want: ['seamlessData|contentMediaType'],
    },
    {
      name: 'additionalInfo value with a forbidden character',
      given: { ...valid, query: { ...valid.query, additionalInfo: '{"additionalInfo1":"a#b"}' } },
      want: ['additionalInfo.additionalInfo1|pattern'],
    },
    {
      name: 'CHANNEL-ID not 5 digits, X-EXTERNAL-ID missing',
      given: { ...valid, header: { ...valid.header, 'CHANNEL-ID': '9522a', 'X-EXTERNAL-ID': undefined } },
      want: ['CHANNEL-ID|pattern', 'X-EXTERNAL-ID|required'],
    },
  ];
  for (const { name, given, want } of cases) {
    it(name, () => {
      const got = v.validate(given, ['X-SIGNATURE']).map((i) => `${i.field}|${i.rule}`);
      expect(got.sort()).toEqual([...want].sort());
    });
  }
  it('requires X-SIGNATURE unless skipped', () => {
    expect(v.validate(valid).map((i) => `${i.field}|${i.rule}`)).toEqual(['X-SIGNATURE|required']);
  });
});
