import { afterEach, describe, expect, it } from 'vitest';
import type { DatabaseTarget } from '../../src/config.js';
import { createDatabase, type Database } from '../../src/storage/database.js';
import {
  explainNamedStatementError,
  preparesByName,
  statementName,
} from '../../src/storage/pg-named-statements.js';
import { createTransactionsStore } from '../../src/storage/transactions-store.js';
import { storageBackends } from './backends.js';
import { pendingTransaction } from './pending-transaction.js';

const postgres = (await storageBackends()).find(({ backend }) => backend.name === 'postgres');

const pending = (n: number) => pendingTransaction(n, { id: `qr_named_${n}`, idempotencyKey: `key-${n}` });

interface RawConnection {
  query(text: string): Promise<{ rows: Array<{ statement: string }> }>;
}
interface PoolClient {
  acquireConnection(): Promise<RawConnection>;
  releaseConnection(connection: RawConnection): Promise<void>;
}

/** The connection the pool hands out next (a sequential test has made only one). */
async function withConnection<T>(db: Database, use: (connection: RawConnection) => Promise<T>): Promise<T> {
  const client = db.client as PoolClient;
  const connection = await client.acquireConnection();
  try {
    return await use(connection);
  } finally {
    await client.releaseConnection(connection);
  }
}

describe.skipIf(postgres === undefined || postgres.skip !== undefined)('Postgres statements by name', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    while (cleanups.length > 0) await cleanups.pop()!();
  });

  /** A migrated schema, opened again with `statements` as GATEWAY_PG_STATEMENTS would set it. */
  async function open(statements: 'named' | 'unnamed' | undefined) {
    const opened = await postgres!.backend.open();
    cleanups.push(opened.close);
    const target = opened.target as Extract<DatabaseTarget, { client: 'postgres' }>;
    const db = createDatabase(statements === undefined ? target : { ...target, statements });
    cleanups.push(() => db.destroy());
    return { db, store: createTransactionsStore(db) };
  }

  const given = [
    { statements: undefined, want: { marked: true, prepared: 4 } },
    { statements: 'named', want: { marked: true, prepared: 4 } },
    { statements: 'unnamed', want: { marked: false, prepared: 0 } },
  ] as const;
  it.each(given)('statements: $statements', async ({ statements, want }) => {
    const { db, store } = await open(statements);
    await store.insertPending(pending(1));
    await store.complete('qr_named_1', { status: 'failed', responseStatus: 502, responseBody: {} });
    expect((await store.findById('qr_named_1'))?.status).toBe('failed');
    expect((await store.findByIdempotencyKey('key_aaaa0001', 'key-1'))?.id).toBe('qr_named_1');
    await withConnection(db, async (connection) => {
      expect(preparesByName(connection)).toBe(want.marked);
      const { rows } = await connection.query(
        "select statement from pg_prepared_statements where name like 'onelink_kit_%'",
      );
      // insert-pending, store-outcome, by id, by idempotency key: each prepared once, used again.
      expect(rows).toHaveLength(want.prepared);
    });
    await store.insertPending(pending(2));
    expect((await store.findById('qr_named_2'))?.status).toBe('pending');
  });

  it('a read prepared before a migration adds a column still reads afterwards', async () => {
    const { db, store } = await open('named');
    await store.insertPending(pending(3));
    expect((await store.findById('qr_named_3'))?.id).toBe('qr_named_3');
    expect((await store.findByIdempotencyKey('key_aaaa0001', 'key-3'))?.id).toBe('qr_named_3');
    // What another instance's newer migration may do while this one runs.
    await db.schema.alterTable('gateway_transactions', (t) => {
      t.text('added_later').nullable();
    });
    expect((await store.findById('qr_named_3'))?.id).toBe('qr_named_3');
    expect((await store.findByIdempotencyKey('key_aaaa0001', 'key-3'))?.id).toBe('qr_named_3');
  });
});

describe('statement names and errors', () => {
  it('a name is made from the text: the same text the same name, another text another', () => {
    const select = 'select 1 where ? = ?';
    expect(statementName(select)).toBe(statementName(`${select}`));
    expect(statementName(select)).not.toBe(statementName('select 2 where ? = ?'));
    expect(statementName(select)).toMatch(/^onelink_kit_[0-9a-f]{16}$/);
  });

  const given = [
    { code: '26000', want: /does not keep prepared statements.*GATEWAY_PG_STATEMENTS=unnamed/ },
    { code: '42P05', want: /does not keep prepared statements.*GATEWAY_PG_STATEMENTS=unnamed/ },
    { code: '23505', want: /^duplicate key$/ },
  ];
  it.each(given)('a $code error', ({ code, want }) => {
    const error = Object.assign(new Error(code === '23505' ? 'duplicate key' : 'prepared statement'), {
      code,
    });
    const explained = explainNamedStatementError(error) as Error;
    expect(explained.message).toMatch(want);
    expect(explained === error).toBe(code === '23505');
  });
});
