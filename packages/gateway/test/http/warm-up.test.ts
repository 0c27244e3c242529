import { describe, expect, it } from 'vitest';
import { parseApiKeys } from '../../src/api-keys.js';
import { withWarmUpKey } from '../../src/http/warm-up.js';

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
