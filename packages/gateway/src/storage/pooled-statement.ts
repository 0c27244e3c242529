import { checkpointGateOf } from './checkpoint-gate.js';
import type { Database } from './database.js';
import { explainNamedStatementError, preparesByName, statementName } from './pg-named-statements.js';

type Row = Record<string, unknown>;
/** What a binding may be: the store writes text (JSON as text), numbers, booleans and NULL. */
export type StatementValue = string | number | boolean | null;

/**
 * Runs one SQL statement (`?` placeholders, none inside a literal) on a connection from knex's own
 * pool, through the driver's API: the pool, its single SQLite connection and its Postgres connections
 * with their search path stay knex's, only knex's per-query runner is left out. That runner (a query object, binding formatting,
 * events, a promise chain) cost about 40 µs of CPU per statement, a third of the store's two writes per
 * create, measured on SQLite beside `knex.raw` with the same SQL when this was written; `pnpm
 * bench:sqlite` reports the store's CPU per create.
 */
export interface PooledStatements {
  /** The rows a read returns. */
  read(sql: string, bindings: readonly StatementValue[]): Promise<Row[]>;
  /** The number of rows a write changed. */
  write(sql: string, bindings: readonly StatementValue[]): Promise<number>;
  /** The driver runs each statement within the caller's turn (better-sqlite3), not over a socket. */
  readonly inTurn: boolean;
}

/** The few methods of knex's client this uses (public on knex's Client class). */
interface PoolClient {
  config: { client?: unknown };
  acquireConnection(): Promise<unknown>;
  releaseConnection(connection: unknown): Promise<void>;
}

interface SqliteConnection {
  prepare(sql: string): {
    all(bindings: unknown[]): Row[];
    run(bindings: unknown[]): { changes: number };
  };
}

interface PgAnswer {
  rows: Row[];
  rowCount: number | null;
}
type PgDone = (error: Error | null, answer: PgAnswer) => void;

/** pg's callback form (see `query` in pgStatements for why not its promise form). */
interface PgConnection {
  query(text: string, values: readonly StatementValue[], done: PgDone): void;
  query(statement: { name: string; text: string; values: readonly StatementValue[] }, done: PgDone): void;
}

export function pooledStatements(db: Database): PooledStatements {
  const client = db.client as PoolClient;
  async function on<T>(use: (connection: unknown) => T | Promise<T>): Promise<T> {
    const connection = await client.acquireConnection();
    try {
      return await use(connection);
    } finally {
      await client.releaseConnection(connection);
    }
  }
  return client.config.client === 'pg' ? pgStatements(on) : sqliteStatements(on);
}

type On = <T>(use: (connection: unknown) => T | Promise<T>) => Promise<T>;

function sqliteStatements(on: On): PooledStatements {
  // As knex's better-sqlite3 dialect binds them: SQLite has no boolean type.
  const bound = (bindings: readonly StatementValue[]) =>
    bindings.map((value) => (typeof value === 'boolean' ? Number(value) : value));
  // While the checkpoint thread restarts the log, a statement waits for it off the thread
  // (checkpoint-gate.ts); reads too, since a grouped update runs as a read (RETURNING).
  const gated = <T>(c: unknown, use: (connection: SqliteConnection) => T): T | Promise<T> => {
    const connection = c as SqliteConnection;
    const gate = checkpointGateOf(connection)?.whenOpen();
    return gate === undefined ? use(connection) : gate.then(() => use(connection));
  };
  return {
    inTurn: true,
    // The connection caches prepared statements by their SQL (statement-cache.ts).
    read: (sql, bindings) => on((c) => gated(c, (s) => s.prepare(sql).all(bound(bindings)))),
    write: (sql, bindings) => on((c) => gated(c, (s) => s.prepare(sql).run(bound(bindings)).changes)),
  };
}

function pgStatements(on: On): PooledStatements {
  // Postgres numbers its placeholders; each SQL text is rewritten, and named, once.
  const prepared = new Map<string, { text: string; name: string }>();
  const statement = (sql: string) => {
    let found = prepared.get(sql);
    if (found === undefined) {
      let n = 0;
      const text = sql.replace(/\?/g, () => `$${++n}`);
      found = { text, name: statementName(text) };
      prepared.set(sql, found);
    }
    return found;
  };
  // Unnamed, text and values go as two arguments: pg copies a query given as an object property by
  // property (about 25 µs each in the profile). Named (pg-named-statements.ts), the copy is paid for
  // and the server's parse and plan saved, which measured well ahead.
  //
  // With a callback, not pg's promise form: that form builds the query without one and sets it after,
  // and then every answer's rows outlived V8's young collections (a loop of reads of one 4.5 KB row
  // promoted ~750 bytes per read to the old generation, against ~7 with a callback; gateway README,
  // Performance).
  const query = (c: unknown, sql: string, bindings: readonly StatementValue[]) =>
    new Promise<PgAnswer>((resolve, reject) => {
      const connection = c as PgConnection;
      const { text, name } = statement(sql);
      const named = preparesByName(connection);
      const done: PgDone = (error, answer) => {
        if (error === null || error === undefined) resolve(answer);
        else reject(named ? explainNamedStatementError(error) : error);
      };
      if (named) connection.query({ name, text, values: bindings }, done);
      else connection.query(text, bindings, done);
    });
  return {
    inTurn: false,
    read: (sql, bindings) => on(async (c) => (await query(c, sql, bindings)).rows),
    write: (sql, bindings) => on(async (c) => (await query(c, sql, bindings)).rowCount ?? 0),
  };
}
