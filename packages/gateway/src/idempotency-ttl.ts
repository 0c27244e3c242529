import { ConfigError } from './config-error.js';

/** How long an Idempotency-Key holds by default: 24 hours, as Stripe keeps them. */
export const DEFAULT_IDEMPOTENCY_TTL_MS = 24 * 3_600_000;

const UNITS_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * GATEWAY_IDEMPOTENCY_TTL: a whole number with a unit, `90s`, `30m`, `24h` or `7d` (at least one
 * minute, at most 365 days); the error names the variable and the rule.
 */
export function parseIdempotencyTtl(value: string | undefined, variable = 'GATEWAY_IDEMPOTENCY_TTL'): number {
  if (value === undefined || value.trim() === '') return DEFAULT_IDEMPOTENCY_TTL_MS;
  const match = /^\s*(\d{1,9})\s*([smhd])\s*$/.exec(value);
  const ms = match === null ? Number.NaN : Number(match[1]) * UNITS_MS[match[2]!]!;
  if (!(ms >= 60_000 && ms <= 365 * 86_400_000)) {
    throw new ConfigError(
      variable,
      'must be a duration such as 90s, 30m, 24h or 7d, between 1 minute and 365 days',
    );
  }
  return ms;
}

/**
 * Whether a stored row's key has expired: created more than `ttlMs` ago. After that the same key
 * creates a new QR (the old row keeps the key in its export column; only the claim is released).
 */
export function idempotencyKeyExpired(createdAt: string, ttlMs: number, nowMs: number): boolean {
  return Date.parse(createdAt) + ttlMs <= nowMs;
}
