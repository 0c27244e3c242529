import type { PendingTransaction } from '../../src/storage/transactions-store.js';

/**
 * The storage tests' pending row number `n`: every field distinct by `n` where the table wants it
 * unique (id, STAN, RRN), no idempotency key unless `over` gives one.
 */
export function pendingTransaction(n: number, over: Partial<PendingTransaction> = {}): PendingTransaction {
  return {
    id: `qr_test_${n}`,
    kind: 'merchant',
    caller: 'key_aaaa0001',
    idempotencyKey: null,
    requestHash: 'a'.repeat(64),
    callerReference: `order-${n}`,
    stan: String(n).padStart(6, '0'),
    rrn: `260101${String(n).padStart(6, '0')}`,
    amount: 100 + n,
    merchantId: 'M0001',
    expiryDateTime: '2026-01-01T12:00:00',
    request: { merchantDetails: { merchantID: 'M0001' }, n },
    ...over,
  };
}
