import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Compares two strings in time independent of where they differ and of their lengths.
 * timingSafeEqual throws on unequal lengths (and an early length check would leak the expected
 * length), so both sides are first hashed to fixed-size SHA-512 digests and those are compared.
 */
export function constantTimeEqual(actual: string, expected: string): boolean {
  const a = createHash('sha512').update(actual, 'utf8').digest();
  const b = createHash('sha512').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}

/**
 * Whether a presented signature equals the one `compute` derives, in constant time. A presented value
 * that is not a string (a missing header or field) and any error from `compute` (bad input) count as
 * a mismatch: a verifier answers yes or no, it never throws.
 */
export function signatureMatches(presented: unknown, compute: () => string): boolean {
  if (typeof presented !== 'string') return false;
  let expected: string;
  try {
    expected = compute();
  } catch {
    return false;
  }
  return constantTimeEqual(presented, expected);
}
