import { OneLinkValidationError, type ValidationIssue } from './errors.js';

/** System trace audit number (1–6 digits) and retrieval reference number (exactly 12 digits). */
export interface StanRrn {
  stan: string;
  rrn: string;
}

/**
 * Source of stan/rrn for requests that do not carry their own. Implementations must never hand out the
 * same RRN twice for the same 1LINK application (1LINK rejects it as a duplicate transmission).
 */
export interface StanRrnAllocator {
  allocate(): StanRrn | Promise<StanRrn>;
}

export const STAN_PATTERN = /^[0-9]{1,6}$/;
export const RRN_PATTERN = /^[0-9]{12}$/;

/** Checks stan/rrn shape; returns issues naming `info.stan` / `info.rrn` (or the given prefix). */
export function stanRrnIssues(ids: Partial<StanRrn>, prefix = 'info'): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (typeof ids.stan !== 'string' || !STAN_PATTERN.test(ids.stan)) {
    issues.push({ field: `${prefix}.stan`, rule: 'pattern', message: 'stan must be 1–6 digits' });
  }
  if (typeof ids.rrn !== 'string' || !RRN_PATTERN.test(ids.rrn)) {
    issues.push({ field: `${prefix}.rrn`, rule: 'pattern', message: 'rrn must be exactly 12 digits' });
  }
  return issues;
}

export function assertStanRrn(ids: Partial<StanRrn>, prefix = 'info'): asserts ids is StanRrn {
  const issues = stanRrnIssues(ids, prefix);
  if (issues.length > 0) throw new OneLinkValidationError(issues);
}

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
