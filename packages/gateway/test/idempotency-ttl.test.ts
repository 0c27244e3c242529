import { describe, expect, it } from 'vitest';
import { ConfigError } from '../src/config-error.js';
import {
  DEFAULT_IDEMPOTENCY_TTL_MS,
  idempotencyKeyExpired,
  parseIdempotencyTtl,
} from '../src/idempotency-ttl.js';

describe('parseIdempotencyTtl', () => {
  const good: Array<[string | undefined, number]> = [
    [undefined, DEFAULT_IDEMPOTENCY_TTL_MS],
    ['', 86_400_000],
    ['24h', 86_400_000],
    ['90s', 90_000],
    ['30m', 1_800_000],
    [' 7d ', 7 * 86_400_000],
    ['365d', 365 * 86_400_000],
  ];
  for (const [given, want] of good) {
    it(`given ${JSON.stringify(given)} → ${want} ms`, () => {
      expect(parseIdempotencyTtl(given)).toBe(want);
    });
  }
  for (const given of ['24', '59s', '366d', '1.5h', '-1h', '24 hours', 'h', '1w']) {
    it(`refuses ${JSON.stringify(given)} naming the variable`, () => {
      expect(() => parseIdempotencyTtl(given)).toThrow(ConfigError);
      expect(() => parseIdempotencyTtl(given)).toThrow(/^GATEWAY_IDEMPOTENCY_TTL: must be a duration/);
    });
  }
});

describe('idempotencyKeyExpired', () => {
  const created = '2026-11-22T00:00:00.000Z';
  const at = (iso: string) => Date.parse(iso);
  it('holds until the TTL has passed, then expires', () => {
    expect(idempotencyKeyExpired(created, 86_400_000, at('2026-11-22T23:59:59.999Z'))).toBe(false);
    expect(idempotencyKeyExpired(created, 86_400_000, at('2026-11-23T00:00:00.000Z'))).toBe(true);
    expect(idempotencyKeyExpired(created, 60_000, at('2026-11-22T00:00:59.000Z'))).toBe(false);
    expect(idempotencyKeyExpired(created, 60_000, at('2026-11-22T00:01:00.000Z'))).toBe(true);
  });
});
