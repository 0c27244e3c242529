import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/storage/database.js';
import { OUTCOME_COLUMN_TYPES, OUTCOME_COLUMNS } from '../../src/storage/hot-statements.js';
import { TRANSACTIONS } from '../../src/storage/migrations.js';
import {
  createTransactionsStore,
  IdempotencyConflict,
  type PendingTransaction,
  type TransactionOutcome,
} from '../../src/storage/transactions-store.js';
import { storageBackends } from './backends.js';
import { pendingTransaction } from './pending-transaction.js';

const backends = await storageBackends();

const pending = (n: number, over: Partial<PendingTransaction> = {}) =>
  pendingTransaction(n, { id: `qr_group_${n}`, idempotencyKey: `key-${n}`, ...over });

/** Each row its own outcome, so a mix-up between the rows of a group shows. */
const outcome = (n: number): TransactionOutcome => ({
  status: n % 2 === 0 ? 'succeeded' : 'failed',
  upstreamStatus: 200 + n,
  responseCode: n % 2 === 0 ? '00' : '51',
  upstreamResponse: { n },
  qrString: n % 2 === 0 ? `0002010102${n}` : null,
  qrDecoded: n % 2 === 0 ? { n } : null,
  qrCheck: { ok: n % 2 === 0 },
  qrMismatch: n % 3 === 0,
  responseStatus: n % 2 === 0 ? 201 : 502,
  responseBody: { id: `qr_group_${n}` },
  completedAt: `2026-01-01T06:00:${String(n).padStart(2, '0')}.000Z`,
});

/** Five calls' outcomes when only the third is refused. */
const ONLY_THE_THIRD_REFUSED = ['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled'];

const numbers = (count: number) => Array.from({ length: count }, (_, i) => i + 1);

/** Counts the statements run, by the connections the pool hands out (one per statement). */
function countStatements(db: Database): { count(): number } {
  const client = db.client as { acquireConnection(): Promise<unknown> };
  const acquire = client.acquireConnection.bind(client);
  let n = 0;
  client.acquireConnection = () => {
    n++;
    return acquire();
  };
  return { count: () => n };
}

for (const { backend, skip } of backends) {
  describe.skipIf(skip !== undefined)(`group-committed writes on ${backend.name}`, () => {
    const cleanups: Array<() => Promise<void>> = [];
    afterEach(async () => {
      while (cleanups.length > 0) await cleanups.pop()!();
    });
    // Calls that find a lane free run alone at once (SQLite one lane, Postgres two); the rest, together.
    const lanes = backend.name === 'postgres' ? 2 : 1;
    async function open() {
      const opened = await backend.open();
      cleanups.push(opened.close);
      return { db: opened.db, store: createTransactionsStore(opened.db) };
    }

    it('creates arriving together: those finding a lane free written at once, the rest in one statement, each row its own', async () => {
      const { db, store } = await open();
      const statements = countStatements(db);
      await Promise.all(numbers(10).map((n) => store.insertPending(pending(n))));
      expect(statements.count()).toBe(lanes + 1);
      await Promise.all(
        numbers(10).map((n) =>
          store.complete(`qr_group_${n}`, outcome(n), { readBack: false, at: outcome(n).completedAt }),
        ),
      );
      expect(statements.count()).toBe(2 * (lanes + 1));
      for (const n of numbers(10)) {
        const want = outcome(n);
        const got = await store.findById(`qr_group_${n}`);
        // The record's JSON columns are getters: read each one.
        expect({
          rrn: got?.rrn,
          idempotencyKey: got?.idempotencyKey,
          request: got?.request,
          status: got?.status,
          upstreamStatus: got?.upstreamStatus,
          responseCode: got?.responseCode,
          upstreamResponse: got?.upstreamResponse,
          qrString: got?.qrString,
          qrDecoded: got?.qrDecoded,
          qrCheck: got?.qrCheck,
          qrMismatch: got?.qrMismatch,
          responseStatus: got?.responseStatus,
          responseBody: got?.responseBody,
          completedAt: got?.completedAt,
        }).toEqual({
          rrn: pending(n).rrn,
          idempotencyKey: `key-${n}`,
          request: pending(n).request,
          status: want.status,
          upstreamStatus: want.upstreamStatus,
          responseCode: want.responseCode,
          upstreamResponse: want.upstreamResponse,
          qrString: want.qrString,
          qrDecoded: want.qrDecoded,
          qrCheck: want.qrCheck,
          qrMismatch: want.qrMismatch,
          responseStatus: want.responseStatus,
          responseBody: want.responseBody,
          completedAt: want.completedAt,
        });
      }
    });

    // better-sqlite3 only: a Postgres write is in flight over the socket, so the turn's end does not matter.
    if (backend.name === 'sqlite') {
      it('SQLite writes within the turn: the writes asked for later in the same turn share one statement', async () => {
        const { db, store } = await open();
        const statements = countStatements(db);
        // Two callbacks of one turn, as a turn's I/O callbacks are: better-sqlite3 has written the first
        // row, and its statement group has nothing left, before the second callback asks for the rest.
        // Immediates queued together run in one check phase, microtasks between them. Not two timers: each
        // reads the clock as it is set, so they can fall due a millisecond apart, in two turns.
        const writes: Array<Promise<unknown>> = [];
        await new Promise<void>((resolve) => {
          setImmediate(() => writes.push(store.insertPending(pending(1))));
          setImmediate(() => {
            writes.push(...numbers(9).map((n) => store.insertPending(pending(n + 1))));
            resolve();
          });
        });
        await Promise.all(writes);
        expect(statements.count()).toBe(2);
      });
    }

    // Postgres reads share a round trip; better-sqlite3 reads within the turn, so each runs alone.
    const readStatements = (reads: number) => (backend.name === 'postgres' ? lanes + 1 : reads);

    it('reads by id arriving together: each gets its own row, or none', async () => {
      const { db, store } = await open();
      for (const n of numbers(5)) await store.insertPending(pending(n));
      const statements = countStatements(db);
      const ids = ['qr_group_1', 'qr_group_4', 'qr_group_missing', 'qr_group_2', 'qr_group_4', 'qr_group_5'];
      const got = await Promise.all(ids.map((id) => store.findById(id)));
      expect(statements.count()).toBe(readStatements(ids.length));
      expect(got.map((record) => record?.id)).toEqual(
        ids.map((id) => (id.endsWith('missing') ? undefined : id)),
      );
      expect(got.map((record) => record?.rrn)).toEqual([
        pending(1).rrn,
        pending(4).rrn,
        undefined,
        pending(2).rrn,
        pending(4).rrn,
        pending(5).rrn,
      ]);
    });

    it("reads by idempotency key arriving together: each gets its own caller's row, or none", async () => {
      const { db, store } = await open();
      await store.insertPending(pending(1));
      await store.insertPending(pending(2));
      // The same key held by another caller.
      await store.insertPending(pending(3, { caller: 'key_bbbb0002', idempotencyKey: 'key-1' }));
      const statements = countStatements(db);
      const reads = [
        ['key_aaaa0001', 'key-1'],
        ['key_bbbb0002', 'key-1'],
        ['key_aaaa0001', 'key-3'],
        ['key_aaaa0001', 'key-2'],
        ['key_bbbb0002', 'key-2'],
      ] as const;
      const got = await Promise.all(reads.map(([caller, key]) => store.findByIdempotencyKey(caller, key)));
      expect(statements.count()).toBe(readStatements(reads.length));
      expect(got.map((record) => record?.id)).toEqual([
        'qr_group_1',
        'qr_group_3',
        undefined,
        'qr_group_2',
        undefined,
      ]);
    });

    it('a key already taken, in a group: only that create loses, the others are written', async () => {
      const { db, store } = await open();
      await store.insertPending(pending(1, { idempotencyKey: 'taken' }));
      const statements = countStatements(db);
      const results = await Promise.allSettled(
        [2, 3, 4, 5, 6].map((n) =>
          store.insertPending(pending(n, n === 4 ? { idempotencyKey: 'taken' } : {})),
        ),
      );
      expect(results.map((r) => r.status)).toEqual(ONLY_THE_THIRD_REFUSED);
      expect((results[2] as PromiseRejectedResult).reason).toBeInstanceOf(IdempotencyConflict);
      // Those finding a lane free alone, then the rest as a group, refused, then each of those alone:
      // five creates, six statements on either database.
      expect(statements.count()).toBe(lanes + 1 + (5 - lanes));
      for (const n of [2, 3, 5, 6]) expect((await store.findById(`qr_group_${n}`))?.status).toBe('pending');
      expect(await store.findById('qr_group_4')).toBeUndefined();
    });

    it('an outcome for a row already completed, in a group: only that one is refused', async () => {
      const { store } = await open();
      for (const n of numbers(5)) await store.insertPending(pending(n));
      await store.complete('qr_group_3', outcome(3));
      const results = await Promise.allSettled(
        numbers(5).map((n) => store.complete(`qr_group_${n}`, outcome(n + 10), { readBack: false })),
      );
      expect(results.map((r) => r.status)).toEqual(ONLY_THE_THIRD_REFUSED);
      expect(String((results[2] as PromiseRejectedResult).reason)).toMatch(/qr_group_3 is not pending/);
      expect((await store.findById('qr_group_3'))?.upstreamStatus).toBe(outcome(3).upstreamStatus);
      expect((await store.findById('qr_group_4'))?.upstreamStatus).toBe(outcome(14).upstreamStatus);
    });

    it("a grouped outcome casts each value to its column's own type", async () => {
      const { db } = await open();
      const declared =
        backend.name === 'postgres'
          ? (
              (await db.raw(
                'select column_name as name, data_type as type from information_schema.columns where table_name = ? and table_schema = current_schema()',
                [TRANSACTIONS],
              )) as { rows: Array<{ name: string; type: string }> }
            ).rows
          : ((await db.raw(`pragma table_info(${TRANSACTIONS})`)) as Array<{ name: string; type: string }>);
      const kind = (type: string) => (/char|text/i.test(type) ? 'text' : type.toLowerCase());
      const types = Object.fromEntries(declared.map(({ name, type }) => [name, kind(type)]));
      for (const column of OUTCOME_COLUMNS)
        expect([column, types[column]]).toEqual([column, OUTCOME_COLUMN_TYPES[column]]);
    });
  });
}
