import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import knex, { type Knex } from 'knex';
import type { DatabaseTarget } from '../database-target.js';
import type { Logger } from '../logger.js';
import { setCheckpointGate } from './checkpoint-gate.js';
import { MIGRATIONS_TABLE, migrationSource } from './migrations.js';
import { prepareByName } from './pg-named-statements.js';
import { BACKSTOP_CHECKPOINT_PAGES, startBackgroundCheckpoints } from './sqlite-checkpoints.js';
import { cachePreparedStatements } from './statement-cache.js';

export type Database = Knex;

/**
 * The SQLite checkpoint threads a database's connections started, as they stop: knex closes a
 * connection synchronously, and the thread then folds the log into the file and deletes it, after
 * `destroy()` has resolved. `closeDatabase` waits for them too.
 */
const checkpointThreadsStopping = new WeakMap<Database, Array<Promise<void>>>();

/** Closes the database and waits until nothing of it is left writing its files. */
export async function closeDatabase(db: Database): Promise<void> {
  await db.destroy();
  await Promise.all(checkpointThreadsStopping.get(db) ?? []);
}

/** How long a SQLite writer waits for another process's lock before SQLITE_BUSY. */
export const SQLITE_BUSY_TIMEOUT_MS = 5_000;

/**
 * One knex instance per process. SQLite: WAL so readers never block the writer, a busy timeout
 * so concurrent processes queue instead of failing, one pooled connection because
 * better-sqlite3 is synchronous anyway. Postgres: a small pool; `searchPath` lets tests isolate
 * a run in its own schema.
 */
export function createDatabase(target: DatabaseTarget, logger?: Logger): Database {
  // knex logs through console by default; route it to pino (or drop it when no logger is given).
  const log = {
    warn: (message: unknown) => logger?.warn({ component: 'knex' }, String(message)),
    error: (message: unknown) => logger?.error({ component: 'knex' }, String(message)),
    deprecate: (method: string, alternative: string) =>
      logger?.warn({ component: 'knex' }, `${method} is deprecated, use ${alternative}`),
    debug: (message: unknown) => logger?.debug({ component: 'knex' }, String(message)),
  };
  if (target.client === 'sqlite') {
    mkdirSync(dirname(target.filename), { recursive: true });
    const stopping: Array<Promise<void>> = [];
    const db = knex({
      log,
      client: 'better-sqlite3',
      connection: { filename: target.filename },
      useNullAsDefault: true,
      pool: {
        min: 1,
        max: 1,
        afterCreate(
          conn: { pragma(sql: string): unknown; prepare(sql: string): unknown; close(): unknown },
          done: (err: Error | null, conn: unknown) => void,
        ) {
          try {
            conn.pragma('journal_mode = WAL');
            conn.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
            // NORMAL (the default) is durable in WAL mode across process crashes (only an OS crash
            // can lose the last commits), which is the failure the write-ahead row must survive;
            // FULL (GATEWAY_SQLITE_SYNCHRONOUS=full) syncs every commit, for power-loss durability.
            conn.pragma(`synchronous = ${target.synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
            if (target.checkpoints !== 'inline') {
              // Checkpoints move to a thread of their own; this connection's mark stays as a backstop.
              conn.pragma(`wal_autocheckpoint = ${BACKSTOP_CHECKPOINT_PAGES}`);
              const checkpoints = startBackgroundCheckpoints(target.filename, logger);
              setCheckpointGate(conn, checkpoints.gate);
              const close = conn.close.bind(conn);
              conn.close = () => {
                // This connection first: the thread's, closing last, then folds the log in and deletes it.
                const closed = close();
                stopping.push(checkpoints.stop());
                return closed;
              };
            }
            cachePreparedStatements(conn);
            done(null, conn);
          } catch (error) {
            done(error as Error, conn);
          }
        },
      },
    });
    checkpointThreadsStopping.set(db, stopping);
    return db;
  }
  return knex({
    log,
    client: 'pg',
    connection: { connectionString: target.connectionString },
    ...(target.searchPath === undefined ? {} : { searchPath: [target.searchPath] }),
    pool: {
      min: 0,
      max: 10,
      ...(target.statements === 'unnamed'
        ? {}
        : {
            afterCreate(conn: object, done: (err: Error | null, conn: unknown) => void) {
              prepareByName(conn);
              done(null, conn);
            },
          }),
    },
  });
}

export async function migrateToLatest(db: Database): Promise<void> {
  await db.migrate.latest({ migrationSource, tableName: MIGRATIONS_TABLE });
}

/** For /readyz: the database answers and no migration is pending. */
export async function checkReady(db: Database): Promise<{ ok: boolean; reason?: string }> {
  try {
    await db.raw('select 1');
    const [, pending] = (await db.migrate.list({ migrationSource, tableName: MIGRATIONS_TABLE })) as [
      unknown[],
      unknown[],
    ];
    if (pending.length > 0) return { ok: false, reason: `${pending.length} migration(s) pending` };
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: `database unreachable (${(error as Error).message.split('\n')[0]})` };
  }
}

export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/**
 * The database refused the statement for the data it carried (a constraint, a value out of range or
 * too long, a serialization failure or deadlock), and rolled all of it back: each row of it sent alone may
 * yet succeed. Postgres: severity ERROR in class 22, 23 or 40; SQLite, in this process: a constraint,
 * a type mismatch or a value too big. Not one: a lost connection (the statement may have been committed
 * before the answer was lost), a server shutting down (FATAL), a busy or failing disk: sending the rows
 * again one by one would not help, or might write them twice.
 */
export function isRefusedForItsData(error: unknown): boolean {
  const e = error as { code?: unknown; severity?: unknown } | undefined;
  if (typeof e?.code !== 'string') return false;
  if (e.code.startsWith('SQLITE_')) return /^SQLITE_(CONSTRAINT|MISMATCH|TOOBIG)/.test(e.code);
  return e.severity === 'ERROR' && /^(22|23|40)[0-9A-Z]{3}$/.test(e.code);
}

/** Which unique constraint fired, by our explicit names (Postgres) or column list (SQLite). */
export function violatedConstraint(error: unknown): string {
  const e = error as { constraint?: string; message?: string };
  if (typeof e.constraint === 'string') return e.constraint;
  // knex prefixes the SQL to the message, so read only SQLite's own column list.
  const match = /UNIQUE constraint failed: ([\w., ]+)/.exec(e.message ?? '');
  if (match?.[1]?.includes('idempotency_key')) return 'gateway_transactions_idempotency_unique';
  if (match?.[1]?.includes('.rrn')) return 'gateway_transactions_rrn_unique';
  return match?.[1] ?? '';
}
