import type { StanRrn, StanRrnAllocator } from '@onelink-kit/core';

// RRNs count milliseconds since this epoch: 12 digits last until ~2055, and a restarted process starts
// above anything it issued before unless it had been issuing more than 1,000 RRNs a second.
const RRN_EPOCH_MS = Date.UTC(2024, 0, 1);
const STAN_MODULUS = 1_000_000;

export interface InProcessAllocatorOptions {
  now?: () => number;
  /** First STAN (1–999999); default derived from the clock so restarts do not replay from 1. */
  firstStan?: number;
}

/**
 * SINGLE-PROCESS ONLY. STANs cycle 000001…999999 and RRNs increase monotonically within this process;
 * two processes (cluster workers, replicas) using it with the same 1LINK credentials can collide. Use a
 * shared, database-backed allocator there (the gateway ships one).
 */
export function createInProcessAllocator(options: InProcessAllocatorOptions = {}): StanRrnAllocator {
  const now = options.now ?? Date.now;
  let stan = options.firstStan ?? (Math.floor(now() / 1000) % (STAN_MODULUS - 1)) + 1;
  if (!Number.isInteger(stan) || stan < 1 || stan >= STAN_MODULUS) {
    throw new RangeError('firstStan must be an integer from 1 to 999999');
  }
  stan -= 1; // incremented before use
  let lastRrn = 0;
  return {
    allocate(): StanRrn {
      stan = (stan % (STAN_MODULUS - 1)) + 1; // 1…999999, never 0
      lastRrn = Math.max(lastRrn + 1, now() - RRN_EPOCH_MS);
      if (lastRrn >= 1e12) throw new RangeError('RRN space exhausted for this epoch');
      return { stan: String(stan).padStart(6, '0'), rrn: String(lastRrn).padStart(12, '0') };
    },
  };
}
