import { afterEach, describe, expect, it } from 'vitest';
import { TRANSACTIONS } from '../../src/storage/migrations.js';
import { PURGED_COLUMNS, purgeBodies } from '../../src/storage/purge.js';
import { storageBackends } from './backends.js';

const backends = await storageBackends();

const NOW = new Date('2026-03-31T00:00:00.000Z');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000).toISOString();

/** A finished (or pending) row as the store writes it, created `days` ago. */
function row(n: number, days: number, status = 'succeeded') {
  const at = daysAgo(days);
  return {
    id: `qr_${String(n).padStart(32, '0')}`,
    kind: 'merchant',
    status,
    caller: 'shop-a',
    idempotency_key: `order-${n}`,
    idempotency_key_live: `order-${n}`,
    request_hash: 'a'.repeat(64),
    caller_reference: `ref-${n}`,
    stan: String(n).padStart(6, '0'),
    rrn: `260010${String(n).padStart(6, '0')}`,
    amount: 100 + n,
    merchant_id: 'MER0000123',
    expiry_date_time: '2026-01-01T12:00:00',
    request: JSON.stringify({ payerDetails: { identificationDetails: { loyaltyNo: 'LOY12345' } } }),
    upstream_status: status === 'pending' ? null : 200,
    response_code: status === 'pending' ? null : '00',
    upstream_response: status === 'pending' ? null : JSON.stringify({ qrString: '000201' }),
    qr_string: status === 'pending' ? null : '000201',
    qr_decoded: status === 'pending' ? null : JSON.stringify({ loyaltyNumber: 'LOY12345' }),
    qr_check: status === 'pending' ? null : JSON.stringify({ ok: true, mismatches: [] }),
    qr_mismatch: status === 'pending' ? null : false,
    response_status: status === 'pending' ? null : 201,
    response_body: status === 'pending' ? null : JSON.stringify({ id: n }),
    error: null,
    created_at: at,
    updated_at: at,
    completed_at: status === 'pending' ? null : at,
  };
}

const KEPT = [
  'id',
  'kind',
  'status',
  'caller',
  'idempotency_key',
  'caller_reference',
  'stan',
  'rrn',
  'amount',
  'merchant_id',
  'expiry_date_time',
  'upstream_status',
  'response_code',
  'response_status',
  'created_at',
  'updated_at',
  'completed_at',
] as const;

for (const { backend, skip } of backends) {
  describe.skipIf(skip !== undefined)(`purge on ${backend.name}`, () => {
    const cleanups: Array<() => Promise<void>> = [];
    afterEach(async () => {
      while (cleanups.length > 0) await cleanups.pop()!();
    });

    it('removes the bodies of finished rows older than N days and keeps the reconciliation columns', async () => {
      const opened = await backend.open();
      cleanups.push(opened.close);
      const { db } = opened;
      await db(TRANSACTIONS).insert([
        row(1, 40),
        row(2, 31),
        row(3, 29),
        row(4, 45, 'pending'),
        row(5, 35, 'unknown'),
      ]);
      const before = await db(TRANSACTIONS).orderBy('seq');

      expect(await purgeBodies(db, 30, { now: NOW, dryRun: true })).toEqual({
        purged: 3,
        before: daysAgo(30),
      });
      expect(await db(TRANSACTIONS).whereNotNull('purged_at')).toHaveLength(0);

      expect(await purgeBodies(db, 30, { now: NOW })).toEqual({ purged: 3, before: daysAgo(30) });
      const after = await db(TRANSACTIONS).orderBy('seq');
      const byId = (rows: Record<string, unknown>[], n: number) => rows.find((r) => r.id === row(n, 0).id)!;
      for (const n of [1, 2, 5]) {
        const purged = byId(after, n);
        for (const column of PURGED_COLUMNS)
          expect(purged[column] ?? 'null', `${column} of row ${n}`).toBe('null');
        expect(purged.purged_at).toBe(NOW.toISOString());
        // Its answer is gone, so its key no longer replays.
        expect(purged.idempotency_key_live).toBeNull();
        for (const column of KEPT)
          expect(purged[column], `${column} of row ${n}`).toEqual(byId(before, n)[column]);
      }
      // Younger than N days, or still pending: untouched.
      for (const n of [3, 4]) expect(byId(after, n)).toEqual(byId(before, n));

      // A second run finds nothing more.
      expect((await purgeBodies(db, 30, { now: NOW })).purged).toBe(0);
    });

    it('refuses a number of days below 1', async () => {
      const opened = await backend.open();
      cleanups.push(opened.close);
      await expect(purgeBodies(opened.db, 0)).rejects.toThrow(/at least 1/);
      await expect(purgeBodies(opened.db, 1.5)).rejects.toThrow(/whole number/);
    });
  });
}
