import { describe, expect, it } from 'vitest';
import { rejectedBy, thrownBy } from '../src/index.js';

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

describe('rejectedBy', () => {
  it('returns what the promise rejects with, typed', async () => {
    const error = await rejectedBy(Promise.reject(new RuleError('pattern')), RuleError);
    expect(error.rule).toBe('pattern');
  });

  it.each([
    { name: 'the promise resolves', given: () => Promise.resolve('fine') },
    { name: 'the promise rejects with another type', given: () => Promise.reject(new TypeError('other')) },
  ])('fails the test when $name', async ({ given }) => {
    await expect(rejectedBy(given(), RuleError)).rejects.toThrow(/instance of/);
  });
});
