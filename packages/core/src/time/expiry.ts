import { OneLinkValidationError, type ValidationIssue } from '../errors/one-link-error.js';
import { formatOneLinkDateTime, parseOneLinkDateTime } from './one-link-date-time.js';

/** How far ahead a QR's expiry may be set. */
export interface ExpiryPolicy {
  /** expiryDateTime must be at least this far in the future when the request is sent. */
  minLeadMs: number;
  /** …and at most this far. */
  maxWindowMs: number;
}

export const DEFAULT_EXPIRY_POLICY: Readonly<ExpiryPolicy> = {
  minLeadMs: 60_000,
  maxWindowMs: 24 * 60 * 60_000,
};

export interface ExpiryFields {
  expiryDateTime?: unknown;
  executionDateTime?: unknown;
}

/**
 * Expiry rules of the 1LINK document: expiry in the future by at least `minLeadMs`, no further than `maxWindowMs`,
 * execution not after expiry, both in 1LINK's format. `prefix` is the path of the paymentDetails object.
 * A missing expiryDateTime is left to schema validation (rule `required`).
 */
export function expiryIssues(
  details: ExpiryFields,
  options: { now: number; policy?: Partial<ExpiryPolicy>; prefix?: string },
): ValidationIssue[] {
  const policy = { ...DEFAULT_EXPIRY_POLICY, ...options.policy };
  const prefix = options.prefix ?? 'paymentDetails';
  const issues: ValidationIssue[] = [];
  const expiry = readDateTime(details.expiryDateTime, `${prefix}.expiryDateTime`, issues);
  const execution = readDateTime(details.executionDateTime, `${prefix}.executionDateTime`, issues);
  if (expiry !== undefined) {
    if (expiry < options.now + policy.minLeadMs) {
      issues.push({
        field: `${prefix}.expiryDateTime`,
        rule: 'min-lead',
        message: `must be at least ${policy.minLeadMs / 1000}s in the future (now ${formatOneLinkDateTime(options.now)} PKT)`,
      });
    } else if (expiry > options.now + policy.maxWindowMs) {
      issues.push({
        field: `${prefix}.expiryDateTime`,
        rule: 'max-window',
        message: `must be within ${policy.maxWindowMs / 1000}s from now (latest ${formatOneLinkDateTime(options.now + policy.maxWindowMs)} PKT)`,
      });
    }
    if (execution !== undefined && execution > expiry) {
      issues.push({
        field: `${prefix}.executionDateTime`,
        rule: 'not-after-expiry',
        message: 'must not be after expiryDateTime',
      });
    }
  }
  return issues;
}

export function assertExpiry(
  details: ExpiryFields,
  options: { now: number; policy?: Partial<ExpiryPolicy>; prefix?: string },
): void {
  const issues = expiryIssues(details, options);
  if (issues.length > 0) throw new OneLinkValidationError(issues);
}

function readDateTime(value: unknown, field: string, issues: ValidationIssue[]): number | undefined {
  if (value === undefined) return undefined;
  const parsed = typeof value === 'string' ? parseOneLinkDateTime(value) : undefined;
  if (parsed === undefined) {
    issues.push({ field, rule: 'format', message: 'must be a real date-time as yyyy-MM-ddTHH:mm:ss (PKT)' });
  }
  return parsed;
}
