import { describe, expect, it } from 'vitest';
import { thrownBy } from '../src/index.js';

class RuleError extends Error {
  constructor(readonly rule: string) {
    super(`broke ${rule}`);
  }
}

describe('thrownBy', () => {
  it('returns what the call throws, typed', () => {
    const error = thrownBy(() => {
      throw new RuleError('max-length');
    }, RuleError);
    expect(error.rule).toBe('max-length');
  });

  it.each([
    { name: 'the call returns', given: () => 'fine' },
    { name: 'the call throws another type', given: () => JSON.parse('{') },
  ])('fails the test when $name', ({ given }) => {
    expect(() => thrownBy(given, RuleError)).toThrow(/instance of/);
  });
});
