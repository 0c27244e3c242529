import { parseOneLinkDateTime, type ValidationIssue } from '@onelink-kit/core';

/**
 * Rules of Create Payment Link that the spec does not enforce. Pure: each returns every issue it finds,
 * naming the field and the rule. (Schema rules — lengths, patterns, required fields — come from the spec.)
 */
export interface CreateRuleInput {
  amount?: unknown;
  deliveryChannel?: unknown;
  customer?: { email?: unknown; mobileNumber?: unknown } | undefined;
  expiryDateTime?: unknown;
}

export function createPaymentLinkIssues(input: CreateRuleInput, now: Date): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (typeof input.amount === 'string' && /^\d+\.\d{2}$/.test(input.amount) && Number(input.amount) <= 0) {
    issues.push({ field: 'amount', rule: 'greater-than-zero', message: 'must be greater than 0.00' });
  }
  const channel = input.deliveryChannel;
  const hasEmail = typeof input.customer?.email === 'string' && input.customer.email !== '';
  const hasMobile = typeof input.customer?.mobileNumber === 'string' && input.customer.mobileNumber !== '';
  if ((channel === 'EMAIL' || channel === 'EMAIL_SMS') && !hasEmail) {
    issues.push({
      field: 'customer.email',
      rule: 'required-for-delivery-channel',
      message: `is required when deliveryChannel is ${channel}`,
    });
  }
  if ((channel === 'SMS' || channel === 'EMAIL_SMS') && !hasMobile) {
    issues.push({
      field: 'customer.mobileNumber',
      rule: 'required-for-delivery-channel',
      message: `is required when deliveryChannel is ${channel}`,
    });
  }
  if (typeof input.expiryDateTime === 'string') {
    const at = parseOneLinkDateTime(input.expiryDateTime);
    if (at === undefined) {
      issues.push({
        field: 'expiryDateTime',
        rule: 'real-date-time',
        message: 'is not a real date and time',
      });
    } else if (at <= now.getTime()) {
      issues.push({ field: 'expiryDateTime', rule: 'in-future', message: 'must be in the future (PKT)' });
    }
  }
  return issues;
}
