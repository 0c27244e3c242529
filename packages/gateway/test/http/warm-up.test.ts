import { describe, expect, it } from 'vitest';
import { parseApiKeys } from '../../src/api-keys.js';
import { warmUpRequests, withWarmUpKey } from '../../src/http/warm-up.js';
import { API_KEY, gatewayForTests } from '../support/gateway-harness.js';

const REGULAR = 'regular-key-0123456789abcdef';

describe('withWarmUpKey', () => {
  const cases = [
    { given: { key: 'regular', done: false }, want: 'regular' },
    { given: { key: 'regular', done: true }, want: 'regular' },
    { given: { key: 'warm-up', done: false }, want: 'warmup' },
    // After warm-up the throw-away key opens nothing.
    { given: { key: 'warm-up', done: true }, want: undefined },
    { given: { key: 'other', done: false }, want: undefined },
  ] as const;
  it.each(cases)('$given.key key, done=$given.done → $want', ({ given, want }) => {
    const regular = parseApiKeys(REGULAR);
    const warm = withWarmUpKey(regular);
    if (given.done) warm.done();
    const presented = { regular: REGULAR, 'warm-up': warm.key, other: 'other-key-0123456789abcdef' }[
      given.key
    ];
    const caller = warm.keys.verify(presented);
    const regularId = regular.verify(REGULAR)?.id;
    expect(caller?.id).toBe(want === 'regular' ? regularId : want);
  });

  it('is a fresh random key each time and does not change the configured key count', () => {
    const regular = parseApiKeys(REGULAR);
    const [a, b] = [withWarmUpKey(regular), withWarmUpKey(regular)];
    expect(a.key).not.toBe(b.key);
    expect(a.key).toMatch(/^warmup_[A-Za-z0-9_-]{32}$/);
    expect(a.keys.size).toBe(1);
    // One warm-up's key is not valid for another.
    expect(b.keys.verify(a.key)).toBeUndefined();
  });
});

// The library compiles a route's response validators on the first answer the route itself gives, so
// each warm-up request must get past the OpenAPI check to its route; none may write a row or call 1LINK.

/** The create routes' own refusal of a body without an expiry (warm-up.ts, refusedByRoute). */
const refusedByTheRoute = {
  status: 400,
  check: (body: unknown) =>
    expect(body).toMatchObject({ errors: [{ field: 'body.expiresAt', rule: 'exactly-one-of' }] }),
};

/** What only the route answers (the OpenAPI check names schema rules, never these). */
const routeAnswers: Record<string, { status: number; check?: (body: unknown) => void }> = {
  '/v1/qr/merchant': refusedByTheRoute,
  '/v1/qr/aggregator': refusedByTheRoute,
  '/v1/transactions?limit=1': { status: 200, check: (body) => expect(body).toMatchObject({ items: [] }) },
  '/healthz': { status: 200 },
  '/readyz': { status: 200 },
};

describe('warm-up requests', () => {
  const started = gatewayForTests();

  it('each reaches its route, and none writes a row or calls 1LINK', async () => {
    const { fake, gw } = started;
    const requests = warmUpRequests(API_KEY);
    expect(requests.length).toBeGreaterThanOrEqual(8);
    for (const [path, init] of requests) {
      const res = await fetch(`${gw.url}${path}`, init);
      const text = await res.text();
      const want = routeAnswers[path] ?? { status: 404 };
      expect({ path, status: res.status }).toEqual({ path, status: want.status });
      if (want.status === 404) {
        expect(JSON.parse(text)).toMatchObject({ status: 404, type: expect.stringMatching(/not-found$/) });
      }
      want.check?.(JSON.parse(text));
    }
    expect(fake.journal).toEqual([]);
    const [count] = await gw.db('gateway_transactions').count({ n: '*' });
    expect(Number(count?.n)).toBe(0);
  });
});
