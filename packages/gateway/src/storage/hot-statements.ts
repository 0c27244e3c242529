import { type Database, isRefusedForItsData } from './database.js';
import { TRANSACTIONS } from './migrations.js';
import { pooledStatements, type StatementValue } from './pooled-statement.js';
import { REPLAY_COLUMNS } from './replay-record.js';
import { nextTurn, statementGroups } from './statement-groups.js';

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
  /** Stores the outcome if the row is still open (OPEN_STATUSES); the number of rows changed (0 or 1). */
  storeOutcome(id: string, update: ColumnValues): Promise<number>;
  /** The row's RECORD_COLUMNS. */
  byId(id: string): Promise<Row | undefined>;
  /** The row's REPLAY_COLUMNS (replay-record.ts): what a replay uses, not the whole record. */
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

/**
 * The columns an outcome writes, in binding order, each with the SQL type a grouped update casts its
 * value to (the migrations' types; a test compares them with the table's own on both databases).
 */
export const OUTCOME_COLUMN_TYPES = {
  status: 'text',
  upstream_status: 'integer',
  response_code: 'text',
  upstream_response: 'text',
  qr_string: 'text',
  qr_decoded: 'text',
  qr_check: 'text',
  qr_mismatch: 'boolean',
  response_status: 'integer',
  response_body: 'text',
  error: 'text',
  updated_at: 'text',
  completed_at: 'text',
} as const;

export const OUTCOME_COLUMNS = Object.keys(OUTCOME_COLUMN_TYPES) as Array<keyof typeof OUTCOME_COLUMN_TYPES>;

/**
 * The statuses an outcome may still land on: pending, and `unknown`, since a row a recovery sweep marked
 * in doubt still takes the real outcome when it arrives late (recovered_at keeps the evidence).
 */
export const OPEN_STATUSES = ['pending', 'unknown'] as const;

/** The most rows one grouped statement writes or reads (statement-groups.ts). */
export const MAX_GROUP = 32;
/** Groups of one kind in flight at once over a socket (statement-groups.ts). */
const SOCKET_LANES = 2;

/**
 * The columns a record is made from (transaction-record.ts reads these and no others): what a create
 * writes, but the live key claim, and `recovered_at`. Reads name them rather than `*`: a Postgres
 * statement prepared as `select *` fails once a migration adds a column ("cached plan must not change
 * result type"), as another instance's newer migration may while this one runs.
 */
export const RECORD_COLUMNS: readonly string[] = [
  ...new Set([...INSERT_COLUMNS, ...OUTCOME_COLUMNS, 'recovered_at']),
].filter((column) => column !== 'idempotency_key_live');

/** A SQL text for each size, made once. */
function bySize(make: (n: number) => string): (n: number) => string {
  const made = new Map<number, string>();
  return (n) => {
    let sql = made.get(n);
    if (sql === undefined) {
      sql = make(n);
      made.set(n, sql);
    }
    return sql;
  };
}

const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/** Inserts `rows` pending rows in one statement. */
const insertSql = bySize(
  (rows) =>
    `insert into ${TRANSACTIONS} (${INSERT_COLUMNS.join(', ')}) values ${Array.from(
      { length: rows },
      () => `(${placeholders(INSERT_COLUMNS.length)})`,
    ).join(', ')}`,
);

/** Stores one outcome if the row is still open. */
const updateSql = `update ${TRANSACTIONS} set ${OUTCOME_COLUMNS.map((c) => `${c} = ?`).join(', ')} where id = ? and status in (${placeholders(OPEN_STATUSES.length)})`;

/**
 * Stores `rows` outcomes in one statement and returns the ids it changed. The rows travel as a
 * `select … union all select …` (both databases read it; SQLite names no columns of a bare VALUES),
 * each value cast to its column's type, since a derived table's values are not typed by the table.
 */
const groupUpdateSql = bySize((rows) => {
  const cast = (type: string) => `cast(? as ${type})`;
  const first = `select ${cast('text')} as for_id, ${OUTCOME_COLUMNS.map((c) => `${cast(OUTCOME_COLUMN_TYPES[c])} as ${c}`).join(', ')}`;
  const next = `select ${[cast('text'), ...OUTCOME_COLUMNS.map((c) => cast(OUTCOME_COLUMN_TYPES[c]))].join(', ')}`;
  const outcomes = [first, ...Array.from({ length: rows - 1 }, () => next)].join(' union all ');
  return `update ${TRANSACTIONS} set ${OUTCOME_COLUMNS.map((c) => `${c} = v.${c}`).join(', ')} from (${outcomes}) as v where ${TRANSACTIONS}.id = v.for_id and ${TRANSACTIONS}.status in (${placeholders(OPEN_STATUSES.length)}) returning id`;
});

interface Outcome {
  id: string;
  update: ColumnValues;
}

const RECORD = RECORD_COLUMNS.join(', ');
const byIdSql = `select ${RECORD} from ${TRANSACTIONS} where id = ? limit 1`;
const REPLAY = REPLAY_COLUMNS.join(', ');
const byKeySql = `select ${REPLAY} from ${TRANSACTIONS} where caller = ? and idempotency_key_live = ? limit 1`;
/**
 * `n` single-row reads as one statement: each `select … limit 1` as it is alone, joined by `union all`,
 * so each is answered from its unique index however the planner sees the table. Written as one `where`
 * (`id in (…)`, or an OR of caller and key pairs), Postgres 15 planned a scan of the whole table when
 * its statistics were missing (EXPLAIN of the prepared statement), and the bench's replays, one run after
 * another on the same growing table, slowed from 4,840 to 3,118 to 2,039 a second.
 */
const unionOf = (single: string, n: number) =>
  Array.from({ length: n }, (_, i) => `select * from (${single}) as pick_${i}`).join(' union all ');
const byIdsSql = bySize((n) => unionOf(byIdSql, n));
/** The caller and live key come back too, to tell the rows apart. */
const byKeysSql = bySize((n) =>
  unionOf(
    `select ${REPLAY}, caller, idempotency_key_live from ${TRANSACTIONS} where caller = ? and idempotency_key_live = ? limit 1`,
    n,
  ),
);

interface KeyRead {
  caller: string;
  key: string;
}
const keyOf = (caller: unknown, key: unknown) => `${String(caller)}\u0000${String(key)}`;

export function hotStatements(db: Database): HotStatements {
  // A missing value is SQL NULL.
  const values = (row: ColumnValues, columns: readonly string[]) => columns.map((c) => row[c] ?? null);
  const run = pooledStatements(db);
  // Within the turn (SQLite), one lane that gathers the rest of the turn; over a socket (Postgres), two
  // lanes, so that a statement that hangs (a lock wait) does not hold up every later one of its kind
  // (four kinds, two lanes each: 8 of the pool's 10 connections at most).
  const grouping = {
    max: MAX_GROUP,
    again: isRefusedForItsData,
    ...(run.inTurn ? { pause: nextTurn } : { lanes: SOCKET_LANES }),
  };

  // Inserts and outcomes are group-committed (statement-groups.ts): the pending row is still committed
  // before its create goes on, in a statement shared with the creates that arrived meanwhile.
  const inserts = statementGroups<ColumnValues, void>({
    ...grouping,
    async one(row) {
      await run.write(insertSql(1), values(row, INSERT_COLUMNS));
    },
    async group(rows) {
      await run.write(
        insertSql(rows.length),
        rows.flatMap((row) => values(row, INSERT_COLUMNS)),
      );
      return rows.map(() => undefined);
    },
  });
  const outcomes = statementGroups<Outcome, number>({
    ...grouping,
    one: ({ id, update }) => run.write(updateSql, [...values(update, OUTCOME_COLUMNS), id, ...OPEN_STATUSES]),
    async group(group) {
      const ids = group.map(({ id }) => id);
      // One row twice in a statement would count as changed twice: then each runs alone, as without
      // groups (the store completes a row once, so this does not happen in a create).
      if (new Set(ids).size !== ids.length) return undefined;
      const changed = await run.read(groupUpdateSql(group.length), [
        ...group.flatMap(({ id, update }) => [id, ...values(update, OUTCOME_COLUMNS)]),
        ...OPEN_STATUSES,
      ]);
      const changedIds = new Set(changed.map((row) => row.id));
      return ids.map((id) => (changedIds.has(id) ? 1 : 0));
    },
  });

  const storeOutcome = (id: string, update: ColumnValues) => outcomes.run({ id, update });
  // Reads over a socket (Postgres) share round trips the same way. better-sqlite3 reads within the
  // caller's turn, in microseconds: there a read runs alone, and waits for nothing.
  const readById = async (id: string) => (await run.read(byIdSql, [id]))[0];
  const readByKey = async ({ caller, key }: KeyRead) => (await run.read(byKeySql, [caller, key]))[0];
  if (run.inTurn) {
    return {
      insert: (row) => inserts.run(row),
      storeOutcome,
      byId: readById,
      byIdempotencyKey: (caller, key) => readByKey({ caller, key }),
    };
  }
  const readsById = statementGroups<string, Row | undefined>({
    ...grouping,
    one: readById,
    async group(ids) {
      const found = new Map((await run.read(byIdsSql(ids.length), ids)).map((row) => [row.id, row]));
      return ids.map((id) => found.get(id));
    },
  });
  const readsByKey = statementGroups<KeyRead, Row | undefined>({
    ...grouping,
    one: readByKey,
    async group(reads) {
      const rows = await run.read(
        byKeysSql(reads.length),
        reads.flatMap(({ caller, key }) => [caller, key]),
      );
      const found = new Map(rows.map((row) => [keyOf(row.caller, row.idempotency_key_live), row]));
      return reads.map(({ caller, key }) => found.get(keyOf(caller, key)));
    },
  });

  return {
    insert: (row) => inserts.run(row),
    storeOutcome,
    byId: (id) => readsById.run(id),
    byIdempotencyKey: (caller, key) => readsByKey.run({ caller, key }),
  };
}
