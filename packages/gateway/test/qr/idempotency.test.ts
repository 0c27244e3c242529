import { describe, expect, it } from 'vitest';
import { canonicalJson, requestHash } from '../../src/qr/idempotency.js';

describe('canonicalJson', () => {
  const cases = [
    { given: { b: 1, a: 2 }, want: '{"a":2,"b":1}' },
    { given: { a: { d: [3, { f: 1, e: 2 }], c: null } }, want: '{"a":{"c":null,"d":[3,{"e":2,"f":1}]}}' },
    { given: { a: undefined, b: 'x' }, want: '{"b":"x"}' },
    { given: 'text', want: '"text"' },
    { given: [], want: '[]' },
  ];
  it.each(cases)('$want', ({ given, want }) => {
    expect(canonicalJson(given)).toBe(want);
  });
});

describe('requestHash', () => {
  it('ignores key order, not values', () => {
    expect(requestHash({ a: 1, b: [1, 2] })).toBe(requestHash({ b: [1, 2], a: 1 }));
    expect(requestHash({ a: 1, b: [1, 2] })).not.toBe(requestHash({ a: 1, b: [2, 1] }));
    expect(requestHash({ a: 1 })).toMatch(/^[0-9a-f]{64}$/);
  });
});
