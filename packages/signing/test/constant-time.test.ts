import { describe, expect, it } from 'vitest';
import { constantTimeEqual, signatureMatches } from '../src/constant-time.js';

describe('constantTimeEqual', () => {
  const cases = [
    { given: ['abc', 'abc'], want: true },
    { given: ['abc', 'abd'], want: false },
    { given: ['abc', 'abcd'], want: false },
    { given: ['', 'a'], want: false },
    { given: ['', ''], want: true },
    { given: ['é', 'e\u0301'], want: false },
  ] as const;
  for (const { given, want } of cases) {
    it(`${JSON.stringify(given)} -> ${want}`, () => {
      expect(constantTimeEqual(given[0], given[1])).toBe(want);
    });
  }
});

describe('signatureMatches', () => {
  const boom = () => {
    throw new Error('bad input');
  };
  const cases = [
    { name: 'equal', given: { presented: 'sig', compute: () => 'sig' }, want: true },
    { name: 'different', given: { presented: 'sig', compute: () => 'sih' }, want: false },
    { name: 'prefix of the expected', given: { presented: 'si', compute: () => 'sig' }, want: false },
    { name: 'null presented', given: { presented: null, compute: () => 'sig' }, want: false },
    { name: 'number presented', given: { presented: 42, compute: () => '42' }, want: false },
    { name: 'compute throws', given: { presented: 'sig', compute: boom }, want: false },
  ];
  for (const { name, given, want } of cases) {
    it(`${name} -> ${want}`, () => {
      expect(signatureMatches(given.presented, given.compute)).toBe(want);
    });
  }
});
