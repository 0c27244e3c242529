import { thrownBy } from '@onelink-kit/testkit';
import { describe, expect, it } from 'vitest';
import { LinkSignatureInputError, SnapSignatureInputError, signLink, signSnap } from '../src/index.js';

describe('signature input errors', () => {
  const link = { mid: 'M', password: 'p', invoiceNo: 'INV-1' };
  const snap = { method: 'GET', urlPath: '/v1.0/x', accessToken: 't', timestamp: 'now' };
  const cases = [
    {
      given: { run: () => signLink('', link), type: LinkSignatureInputError },
      want: { name: 'LinkSignatureInputError', field: 'hashKey', message: 'hashKey: must not be empty' },
    },
    {
      given: { run: () => signSnap('', snap), type: SnapSignatureInputError },
      want: {
        name: 'SnapSignatureInputError',
        field: 'clientSecret',
        message: 'clientSecret: must not be empty',
      },
    },
  ];
  for (const { given, want } of cases) {
    it(`${want.name} names the field and the rule, and is named after its signature`, () => {
      const error = thrownBy(given.run, given.type);
      expect(error).toBeInstanceOf(Error);
      expect({ name: error.name, field: error.field, message: error.message }).toEqual(want);
      expect(error.rule).toBe('must not be empty');
    });
  }
});
