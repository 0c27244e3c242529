/**
 * knex's better-sqlite3 dialect prepares every query's SQL afresh (`connection.prepare(sql)` on each
 * call), which a CPU profile of `pnpm bench:gateway` showed as about 4% of a create. The gateway's
 * statements come from a handful of query shapes, so the connection keeps the prepared statements by
 * their SQL text and hands back the same one. better-sqlite3 statements are reusable once a call
 * returns (knex never iterates them), and SQLite re-prepares one itself after a schema change.
 */

/** The few methods of a better-sqlite3 connection this touches. */
interface PreparingConnection {
  prepare(sql: string): unknown;
}

/** Enough for every query shape the gateway writes; a listing filter set adds a few each. */
export const STATEMENT_CACHE_SIZE = 256;

/** Makes `connection.prepare` return a cached statement for SQL it has seen (least recently used out). */
export function cachePreparedStatements(connection: PreparingConnection, size = STATEMENT_CACHE_SIZE): void {
  const prepare = connection.prepare.bind(connection);
  const cache = new Map<string, unknown>();
  connection.prepare = (sql: string) => {
    const cached = cache.get(sql);
    if (cached !== undefined) {
      // Most recently used last, so eviction takes the oldest.
      cache.delete(sql);
      cache.set(sql, cached);
      return cached;
    }
    const statement = prepare(sql);
    cache.set(sql, statement);
    if (cache.size > size) cache.delete(cache.keys().next().value as string);
    return statement;
  };
}
