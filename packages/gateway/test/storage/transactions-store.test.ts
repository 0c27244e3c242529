import { afterEach, describe, expect, it } from 'vitest';
import {
  createTransactionsStore,
  IdempotencyConflict,
  type TransactionOutcome,
} from '../../src/storage/transactions-store.js';
import { storageBackends } from './backends.js';
import { pendingTransaction } from './pending-transaction.js';

const backends = await storageBackends();

const pending = pendingTransaction;

const succeeded: TransactionOutcome = {
  status: 'succeeded',
  upstreamStatus: 200,
  responseCode: '00',
  upstreamResponse: { responseCode: '00', responseDescription: 'Processed OK' },
  qrString: '000201010212',
  qrDecoded: { amount: '101.00' },
  qrCheck: { ok: false, mismatches: [{ field: 'rrn' }] },
  qrMismatch: true,
  responseStatus: 201,
  responseBody: { id: 'qr_test_1', status: 'succeeded' },
};

for (const { backend, skip } of backends) {
  describe.skipIf(skip !== undefined)(`transactions store on ${backend.name}`, () => {
    const cleanups: Array<() => Promise<void>> = [];
    afterEach(async () => {
      while (cleanups.length > 0) await cleanups.pop()!();
    });
    async function open(now?: () => Date) {
      const opened = await backend.open();
      cleanups.push(opened.close);
      return { ...opened, store: createTransactionsStore(opened.db, now) };
    }

    it('commits a pending row and reads it back with JSON columns parsed', async () => {
      const { store } = await open(() => new Date('2026-01-01T06:00:00.000Z'));
      await store.insertPending(pending(1));
      const got = await store.findById('qr_test_1');
      expect(got).toMatchObject({
        id: 'qr_test_1',
        status: 'pending',
        stan: '000001',
        rrn: '260101000001',
        amount: 101,
        request: { merchantDetails: { merchantID: 'M0001' }, n: 1 },
        createdAt: '2026-01-01T06:00:00.000Z',
        qrMismatch: null,
        responseBody: null,
      });
      expect(await store.findById('qr_missing')).toBeUndefined();
    });

    it('stores the outcome once, with booleans and JSON identical on both databases', async () => {
      const { store } = await open();
      await store.insertPending(pending(1));
      const done = await store.complete('qr_test_1', succeeded);
      expect(done).toMatchObject({
        status: 'succeeded',
        upstreamStatus: 200,
        responseCode: '00',
        qrMismatch: true,
        qrCheck: { ok: false, mismatches: [{ field: 'rrn' }] },
        responseStatus: 201,
        responseBody: { id: 'qr_test_1', status: 'succeeded' },
      });
      expect(done?.completedAt).not.toBeNull();
      await expect(store.complete('qr_test_1', succeeded)).rejects.toThrow(/not pending/);
    });

    it("a read by idempotency key carries a replay's members, each as the full record has it", async () => {
      const { store } = await open();
      await store.insertPending(pending(1, { idempotencyKey: 'k-1' }));
      await store.complete('qr_test_1', { ...succeeded, error: { retryAfter: 7 } });
      const full = await store.findById('qr_test_1');
      const replay = await store.findByIdempotencyKey('key_aaaa0001', 'k-1');
      const members = [
        'id',
        'status',
        'stan',
        'rrn',
        'requestHash',
        'createdAt',
        'responseStatus',
        'responseBody',
        'error',
      ] as const;
      expect(replay).toBeDefined();
      for (const member of members) expect(replay?.[member], member).toEqual(full?.[member]);
      expect(replay).toMatchObject({ status: 'succeeded', responseStatus: 201, error: { retryAfter: 7 } });
      expect(await store.findByIdempotencyKey('key_aaaa0001', 'k-2')).toBeUndefined();
    });

    const claims = [
      { given: 'same caller, same key', second: { idempotencyKey: 'k-1' }, want: 'conflict' },
      {
        given: 'other caller, same key',
        second: { idempotencyKey: 'k-1', caller: 'key_bbbb0002' },
        want: 'ok',
      },
      { given: 'same caller, other key', second: { idempotencyKey: 'k-2' }, want: 'ok' },
    ] as const;
    it.each(claims)('idempotency claim: $given → $want', async ({ second, want }) => {
      const { store } = await open();
      await store.insertPending(pending(1, { idempotencyKey: 'k-1' }));
      const attempt = store.insertPending(pending(2, second));
      if (want === 'conflict') await expect(attempt).rejects.toBeInstanceOf(IdempotencyConflict);
      else await expect(attempt).resolves.toMatchObject({ id: 'qr_test_2' });
    });

    it('rows without an idempotency key never conflict with each other', async () => {
      const { store } = await open();
      await store.insertPending(pending(1));
      await store.insertPending(pending(2));
      expect((await store.findById('qr_test_2'))?.idempotencyKey).toBeNull();
    });

    it('concurrent claims of one key: exactly one insert wins', async () => {
      const { store } = await open();
      const results = await Promise.allSettled(
        Array.from({ length: 20 }, (_, i) => store.insertPending(pending(i + 1, { idempotencyKey: 'same' }))),
      );
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r) => r.status === 'rejected');
      expect(won).toHaveLength(1);
      for (const r of lost) expect((r as PromiseRejectedResult).reason).toBeInstanceOf(IdempotencyConflict);
    });

    it('the RRN is unique: a second row with the same RRN is refused', async () => {
      const { store } = await open();
      await store.insertPending(pending(1));
      await expect(store.insertPending(pending(2, { rrn: '260101000001' }))).rejects.toThrow();
      await expect(store.insertPending(pending(2, { rrn: '260101000001' }))).rejects.not.toBeInstanceOf(
        IdempotencyConflict,
      );
    });

    it('recovery turns only old pending rows into unknown and lists them', async () => {
      let now = new Date('2026-01-01T06:00:00.000Z');
      const { store } = await open(() => now);
      await store.insertPending(pending(1));
      await store.insertPending(pending(2));
      await store.complete('qr_test_2', succeeded);
      now = new Date('2026-01-01T06:00:30.000Z');
      await store.insertPending(pending(3));
      now = new Date('2026-01-01T06:00:40.000Z');

      const recovered = await store.recoverPending(new Date('2026-01-01T06:00:20.000Z'));
      expect(recovered.map((r) => [r.id, r.status])).toEqual([['qr_test_1', 'unknown']]);
      expect(recovered[0]?.recoveredAt).toBe('2026-01-01T06:00:40.000Z');
      expect((await store.findById('qr_test_2'))?.status).toBe('succeeded');
      expect((await store.findById('qr_test_3'))?.status).toBe('pending');
      expect(await store.recoverPending(new Date('2026-01-01T06:00:20.000Z'))).toEqual([]);
    });

    it('at start-up an instance recovers its own pending rows at once, others only after the grace', async () => {
      const opened = await backend.open();
      cleanups.push(opened.close);
      const at = () => new Date('2026-01-01T06:00:00.000Z');
      const mine = createTransactionsStore(opened.db, at, 'host-a:8080');
      const theirs = createTransactionsStore(opened.db, at, 'host-b:8080');
      await mine.insertPending(pending(1));
      await theirs.insertPending(pending(2));
      // Both rows are young (the cutoff is before them): only the owner's is recovered.
      const recovered = await mine.recoverPending(new Date('2026-01-01T05:00:00.000Z'), 'host-a:8080');
      expect(recovered.map((r) => [r.id, r.owner, r.status])).toEqual([
        ['qr_test_1', 'host-a:8080', 'unknown'],
      ]);
      expect((await mine.findById('qr_test_2'))?.status).toBe('pending');
    });

    it('a late outcome still lands on a row recovery marked unknown', async () => {
      let now = new Date('2026-01-01T06:00:00.000Z');
      const { store } = await open(() => now);
      await store.insertPending(pending(1));
      now = new Date('2026-01-01T07:00:00.000Z');
      await store.recoverPending(now);
      const done = await store.complete('qr_test_1', succeeded);
      expect(done?.status).toBe('succeeded');
      expect(done?.recoveredAt).toBe('2026-01-01T07:00:00.000Z');
    });

    const filters = [
      { given: {}, want: ['qr_test_1', 'qr_test_2', 'qr_test_3', 'qr_test_4', 'qr_test_5'] },
      { given: { status: 'succeeded' as const }, want: ['qr_test_2', 'qr_test_4'] },
      { given: { from: '2026-01-01T00:02:00.000Z' }, want: ['qr_test_3', 'qr_test_4', 'qr_test_5'] },
      { given: { to: '2026-01-01T00:02:00.000Z' }, want: ['qr_test_1', 'qr_test_2'] },
      {
        given: {
          from: '2026-01-01T00:01:00.000Z',
          to: '2026-01-01T00:04:00.000Z',
          status: 'pending' as const,
        },
        want: ['qr_test_3'],
      },
    ];
    it.each(filters)('list $given in creation order across batches', async ({ given, want }) => {
      let minute = 0;
      const { store } = await open(() => new Date(Date.UTC(2026, 0, 1, 0, minute)));
      for (let n = 1; n <= 5; n++) {
        minute = n - 1;
        await store.insertPending(pending(n));
        if (n % 2 === 0) await store.complete(`qr_test_${n}`, succeeded);
      }
      const got: string[] = [];
      for await (const row of store.list(given, 2)) got.push(row.id);
      expect(got).toEqual(want);
    });
  });
}
