/**
 * Postgres connections on which the store's hot statements are prepared by name (GATEWAY_PG_STATEMENTS,
 * `named` by default): the pool marks each connection as it makes it (database.ts), and
 * pooled-statement.ts sends a marked connection `{ name, text, values }`, which pg prepares on that
 * connection the first time and afterwards only binds and executes. The server then parses and plans
 * each statement once per connection instead of on every call: measured with the Postgres processes'
 * CPU times over 8-second loads, 0.73–0.90 → 0.55–0.64 ms per create and 0.21–0.23 → 0.10–0.11 ms per `GET`.
 */
import { hash } from 'node:crypto';

const NAMED = Symbol('onelink-kit: statements prepared by name');

/** Marks a pg connection: the hot statements run on it prepared by name. */
export function prepareByName(connection: object): void {
  Object.defineProperty(connection, NAMED, { value: true });
}

export function preparesByName(connection: object): boolean {
  return NAMED in connection;
}

/**
 * The name of a SQL text, made from the text itself: the same in every process and on every connection,
 * and never one name for two texts (pg refuses that on one connection), whichever runs first.
 */
export function statementName(text: string): string {
  return `onelink_kit_${hash('sha1', text).slice(0, 16)}`;
}

/**
 * A named statement's error that means the connection does not keep prepared statements (a pooler in
 * transaction mode handing each transaction another server session) becomes one that names the
 * setting: 26000 (no such prepared statement) or 42P05 (one by that name exists already).
 */
export function explainNamedStatementError(error: unknown): unknown {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (code !== '26000' && code !== '42P05') return error;
  return new Error(
    `${(error as Error).message}: this connection does not keep prepared statements (a pooler in transaction mode?); set GATEWAY_PG_STATEMENTS=unnamed`,
    { cause: error },
  );
}
