import type { Database } from './database.js';
import { TRANSACTIONS } from './migrations.js';
import { pooledStatements, type StatementValue } from './pooled-statement.js';

type Row = Record<string, unknown>;
/** Column values to write, by column name. */
export type ColumnValues = Record<string, StatementValue | undefined>;

/**
 * The statements every create, replay and GET runs, as SQL written once when the store is made and
 * run on a connection of knex's pool through the driver (pooled-statement.ts: same pool, same
 * drivers, none of them inside a transaction). knex's builder compiled each of them afresh on every
 * call: a read by id took about 70 µs of CPU through the builder and 25 µs as raw SQL, measured on
 * SQLite when this was written; `pnpm bench:sqlite` reports the store's CPU per create and per read
 * today. Column names are the migrations', unquoted (lower snake case in both dialects); values always
 * travel as bindings.
 */
export interface HotStatements {
  insert(record: ColumnValues): Promise<void>;
  /** Updates the row if its status is one of `from`; the number of rows changed (0 or 1). */
  updateIfStatus(id: string, from: readonly string[], update: ColumnValues): Promise<number>;
  byId(id: string): Promise<Row | undefined>;
  byIdempotencyKey(caller: string, key: string): Promise<Row | undefined>;
}

/** The columns a pending row is inserted with, in binding order. */
export const INSERT_COLUMNS = [
  'id',
  'kind',
  'status',
  'caller',
  'idempotency_key',
  'idempotency_key_live',
  'request_hash',
  'caller_reference',
  'stan',
  'rrn',
  'amount',
  'merchant_id',
  'expiry_date_time',
  'request',
  'created_at',
  'updated_at',
  'owner',
] as const;

/** The columns an outcome writes, in binding order. */
export const OUTCOME_COLUMNS = [
  'status',
  'upstream_status',
  'response_code',
  'upstream_response',
  'qr_string',
  'qr_decoded',
  'qr_check',
  'qr_mismatch',
  'response_status',
  'response_body',
  'error',
  'updated_at',
  'completed_at',
] as const;

/**
 * The columns a record is made from (transaction-record.ts reads these and no others): what a create
 * writes, but the live key claim, and `recovered_at`. Reads name them rather than `*`: a Postgres
 * statement prepared as `select *` fails once a migration adds a column ("cached plan must not change
 * result type"), as another instance's newer migration may while this one runs.
 */
export const RECORD_COLUMNS: readonly string[] = [
  ...new Set([...INSERT_COLUMNS, ...OUTCOME_COLUMNS, 'recovered_at']),
].filter((column) => column !== 'idempotency_key_live');

export function hotStatements(db: Database): HotStatements {
  const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');
  const insertSql = `insert into ${TRANSACTIONS} (${INSERT_COLUMNS.join(', ')}) values (${placeholders(INSERT_COLUMNS.length)})`;
  const setOutcome = OUTCOME_COLUMNS.map((c) => `${c} = ?`).join(', ');
  // By the number of statuses allowed (the store asks with one list, so this holds one entry).
  const updateSqls = new Map<number, string>();
  const updateSql = (from: number) => {
    let sql = updateSqls.get(from);
    if (sql === undefined) {
      sql = `update ${TRANSACTIONS} set ${setOutcome} where id = ? and status in (${placeholders(from)})`;
      updateSqls.set(from, sql);
    }
    return sql;
  };
  const record = RECORD_COLUMNS.join(', ');
  const byIdSql = `select ${record} from ${TRANSACTIONS} where id = ? limit 1`;
  const byKeySql = `select ${record} from ${TRANSACTIONS} where caller = ? and idempotency_key_live = ? limit 1`;
  // A missing value is SQL NULL.
  const values = (row: ColumnValues, columns: readonly string[]) => columns.map((c) => row[c] ?? null);
  const run = pooledStatements(db);

  return {
    async insert(record) {
      await run.write(insertSql, values(record, INSERT_COLUMNS));
    },
    updateIfStatus(id, from, update) {
      return run.write(updateSql(from.length), [...values(update, OUTCOME_COLUMNS), id, ...from]);
    },
    async byId(id) {
      return (await run.read(byIdSql, [id]))[0];
    },
    async byIdempotencyKey(caller, key) {
      return (await run.read(byKeySql, [caller, key]))[0];
    },
  };
}
