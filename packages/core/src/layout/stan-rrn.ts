import type { components } from '@onelink-kit/generated/1link-p2m-qr';
import { OneLinkValidationError, type ValidationIssue } from '../errors/one-link-error.js';

/**
 * System trace audit number (1–6 digits) and retrieval reference number (exactly 12 digits): the
 * spec's TransactionInfo, which the merchant body carries as `info` and the aggregator body as
 * `payerDetails.info`.
 */
export type StanRrn = components['schemas']['TransactionInfo'];

/**
 * Source of stan/rrn for requests that do not carry their own. Implementations must never hand out the
 * same RRN twice for the same 1LINK application (1LINK rejects it as a duplicate transmission).
 */
export interface StanRrnAllocator {
  allocate(): StanRrn | Promise<StanRrn>;
}

/**
 * Shape-valid stand-ins, so a body can be checked by every 1LINK rule before a real STAN/RRN is
 * allocated (an RRN is never spent on a request that would be refused).
 */
export const PLACEHOLDER_STAN_RRN: StanRrn = Object.freeze({ stan: '000000', rrn: '000000000000' });

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
