import { isAbsolute, resolve } from 'node:path';
import { ConfigError } from './config-error.js';

/**
 * SQLite's `synchronous` setting in WAL mode. `normal`: a commit survives the process being killed
 * (kill -9), and only an operating-system crash or power loss can lose the last commits. `full`: the
 * WAL is synced on every commit, so a commit also survives power loss, at a cost per write that
 * `pnpm bench:gateway` measures.
 */
export const SQLITE_SYNCHRONOUS = ['normal', 'full'] as const;
export type SqliteSynchronous = (typeof SQLITE_SYNCHRONOUS)[number];

/**
 * Where SQLite's WAL checkpoints run. `background` (default): on a thread of the gateway's own, so no
 * request waits for the sync a checkpoint does; `inline`: SQLite's default, on the thread that commits
 * (see storage/sqlite-checkpoints.ts).
 */
export const SQLITE_CHECKPOINTS = ['background', 'inline'] as const;
export type SqliteCheckpoints = (typeof SQLITE_CHECKPOINTS)[number];

/**
 * How the Postgres store sends the statements every create, replay and GET runs. `named` (default):
 * each is prepared once per connection, so the server parses and plans it once, not on every call;
 * `unnamed`: parsed and planned every time, for a pooler in transaction mode that does not carry
 * prepared statements from one transaction to the next (PgBouncer before 1.21, or without
 * `max_prepared_statements`).
 */
export const PG_STATEMENTS = ['named', 'unnamed'] as const;
export type PgStatements = (typeof PG_STATEMENTS)[number];

/** Where the gateway stores transactions. */
export type DatabaseTarget =
  | { client: 'sqlite'; filename: string; synchronous?: SqliteSynchronous; checkpoints?: SqliteCheckpoints }
  | { client: 'postgres'; connectionString: string; searchPath?: string; statements?: PgStatements };

type Env = Readonly<Record<string, string | undefined>>;

/**
 * DATABASE_URL and, for SQLite, GATEWAY_SQLITE_SYNCHRONOUS and GATEWAY_SQLITE_CHECKPOINTS; for
 * Postgres, GATEWAY_PG_STATEMENTS.
 */
export function parseDatabaseTarget(env: Env, cwd = process.cwd()): DatabaseTarget {
  const target = parseDatabaseUrl(env.DATABASE_URL?.trim() || undefined, cwd);
  const synchronous = clientSetting(env, target, 'GATEWAY_SQLITE_SYNCHRONOUS', SQLITE_SYNCHRONOUS, {
    only: 'sqlite',
    elsewhere: "applies to SQLite only (Postgres commits are as durable as the server's synchronous_commit)",
  });
  const checkpoints = clientSetting(env, target, 'GATEWAY_SQLITE_CHECKPOINTS', SQLITE_CHECKPOINTS, {
    only: 'sqlite',
    elsewhere: 'applies to SQLite only (the Postgres server runs its own checkpoints)',
  });
  const statements = clientSetting(env, target, 'GATEWAY_PG_STATEMENTS', PG_STATEMENTS, {
    only: 'postgres',
    elsewhere: 'applies to Postgres only (SQLite keeps its prepared statements by SQL text)',
  });
  if (target.client !== 'sqlite') return statements === undefined ? target : { ...target, statements };
  return {
    ...target,
    ...(synchronous === undefined ? {} : { synchronous }),
    ...(checkpoints === undefined ? {} : { checkpoints }),
  };
}

/** A setting of one database kind: unset, or one of `allowed` (any case); set with the other is an error. */
function clientSetting<T extends string>(
  env: Env,
  target: DatabaseTarget,
  name: string,
  allowed: readonly T[],
  where: { only: DatabaseTarget['client']; elsewhere: string },
): T | undefined {
  const value = env[name]?.trim().toLowerCase() || undefined;
  if (value === undefined) return undefined;
  if (target.client !== where.only) throw new ConfigError(name, where.elsewhere);
  const known = allowed.find((a) => a === value);
  if (known === undefined) throw new ConfigError(name, `must be one of ${allowed.join(', ')}`);
  return known;
}

/** `unset → ./data/gateway.sqlite`, `sqlite:PATH`, `postgres://…` / `postgresql://…`. */
export function parseDatabaseUrl(value: string | undefined, cwd = process.cwd()): DatabaseTarget {
  if (value === undefined) return { client: 'sqlite', filename: resolve(cwd, 'data/gateway.sqlite') };
  if (value.startsWith('sqlite:')) {
    const path = value.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (path === '')
      throw new ConfigError('DATABASE_URL', 'sqlite: needs a file path, e.g. sqlite:./data/gw.sqlite');
    if (path === ':memory:') {
      // Each pooled connection would get its own empty database.
      throw new ConfigError('DATABASE_URL', 'sqlite::memory: is not supported; use a file path');
    }
    return { client: 'sqlite', filename: isAbsolute(path) ? path : resolve(cwd, path) };
  }
  if (/^postgres(ql)?:\/\//.test(value)) {
    try {
      new URL(value);
    } catch {
      throw new ConfigError('DATABASE_URL', 'is not a valid postgres:// URL');
    }
    return { client: 'postgres', connectionString: value };
  }
  throw new ConfigError('DATABASE_URL', 'must be unset, sqlite:PATH or postgres://user@host:port/db');
}
