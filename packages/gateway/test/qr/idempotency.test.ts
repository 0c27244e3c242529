import { gatewayAggregatorRequest, gatewayMerchantRequest } from '@onelink-kit/testkit';
import { describe, expect, it } from 'vitest';
import { canonicalJson, requestHash } from '../../src/qr/idempotency.js';

describe('canonicalJson', () => {
  const cases = [
    { given: { b: 1, a: 2 }, want: '{"a":2,"b":1}' },
    { given: { a: { d: [3, { f: 1, e: 2 }], c: null } }, want: '{"a":{"c":null,"d":[3,{"e":2,"f":1}]}}' },
    { given: { a: undefined, b: 'x' }, want: '{"b":"x"}' },
    { given: 'text', want: '"text"' },
    { given: [], want: '[]' },
    { given: {}, want: '{}' },
    { given: [1, undefined, 'x'], want: '[1,null,"x"]' },
    { given: { 'a"b': [[], {}], z: [{ y: [true] }] }, want: '{"a\\"b":[[],{}],"z":[{"y":[true]}]}' },
  ];
  it.each(cases)('$want', ({ given, want }) => {
    expect(canonicalJson(given)).toBe(want);
  });

  it('sorts small and large objects alike, leaving out undefined members wherever they sort', () => {
    const many = Object.fromEntries(
      Array.from({ length: 20 }, (_, i) => [`k${String(19 - i).padStart(2, '0')}`, i]),
    );
    const text = canonicalJson({ d: 2, b: undefined, c: 1, a: undefined, many });
    const sortedMany = Object.keys(many)
      .sort()
      .map((key) => `"${key}":${many[key]}`)
      .join(',');
    expect(text).toBe(`{"c":1,"d":2,"many":{${sortedMany}}}`);
  });

  it('writes what JSON.stringify writes when the keys are already sorted', () => {
    const value = { a: [1, 'two', { b: null, c: [false, 2.5] }], d: { e: 'é\u0001' } };
    expect(canonicalJson(value)).toBe(JSON.stringify(value));
  });

  it('handles 100,000-deep nesting without overflowing the stack', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = i % 2 === 0 ? { x: deep } : [deep];
    const text = canonicalJson(deep);
    expect(text.length).toBe(1 + 50_000 * '{"x":}'.length + 50_000 * '[]'.length);
    expect(text.startsWith('[{"x":[{"x":')).toBe(true);
  });
});

/** The reference: keys sorted recursively, then JSON.stringify (recursive; fine for these bodies). */
function sortedDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedDeep);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
  return Object.fromEntries(entries.map(([key, member]) => [key, sortedDeep(member)]));
}

describe('canonicalJson of request bodies', () => {
  const cases = [
    { given: { kind: 'merchant', input: gatewayMerchantRequest() } },
    { given: { kind: 'aggregator', input: gatewayAggregatorRequest() } },
  ];
  it.each(cases)(
    '$given.kind: the key-sorted JSON.stringify text, so stored hashes still match',
    ({ given }) => {
      expect(canonicalJson(given)).toBe(JSON.stringify(sortedDeep(given)));
    },
  );
});

describe('requestHash', () => {
  it('ignores key order, not values', () => {
    expect(requestHash({ a: 1, b: [1, 2] })).toBe(requestHash({ b: [1, 2], a: 1 }));
    expect(requestHash({ a: 1, b: [1, 2] })).not.toBe(requestHash({ a: 1, b: [2, 1] }));
    expect(requestHash({ a: 1 })).toMatch(/^[0-9a-f]{64}$/);
  });
});
