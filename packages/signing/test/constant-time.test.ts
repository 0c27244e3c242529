import { describe, expect, it } from 'vitest';
import { constantTimeEqual } from '../src/constant-time.js';

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
