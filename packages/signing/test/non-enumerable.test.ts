import { describe, expect, it } from 'vitest';
import { withNonEnumerable } from '../src/non-enumerable.js';

describe('withNonEnumerable', () => {
  const cases = [
    { given: { target: {}, key: 'stringToSign', value: 'has-secret' }, want: { json: '{}' } },
    {
      given: { target: { signature: 'abc' }, key: 'stringToSign', value: 'has-secret' },
      want: { json: '{"signature":"abc"}' },
    },
  ];
  for (const { given, want } of cases) {
    it(`${want.json}: readable, but not in JSON, keys or spreads`, () => {
      const got = withNonEnumerable({ ...given.target }, given.key, given.value);
      expect(got[given.key as 'stringToSign']).toBe(given.value);
      expect(JSON.stringify(got)).toBe(want.json);
      expect(Object.keys(got)).not.toContain(given.key);
      expect(JSON.stringify({ ...got })).not.toContain(given.value);
    });
  }
});
