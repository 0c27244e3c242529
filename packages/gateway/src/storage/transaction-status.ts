/**
 * `mismatched`: 1LINK answered 00 but its QR disagrees with the request on a field a payer pays by, is
 * missing or unreadable; never shown, kept for reconciliation (1LINK did issue something).
 */
export const TRANSACTION_STATUSES = [
  'pending',
  'succeeded',
  'mismatched',
  'rejected',
  'failed',
  'unknown',
] as const;
export type TransactionStatus = (typeof TRANSACTION_STATUSES)[number];
