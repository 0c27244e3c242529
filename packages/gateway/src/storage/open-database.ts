import type { GatewayConfig } from '../config.js';
import type { Logger } from '../logger.js';
import { closeDatabase, createDatabase, type Database, migrateToLatest } from './database.js';

/**
 * Opens and migrates the database. A failure names DATABASE_URL and the target (never a password),
 * since the driver's own message ("connect ECONNREFUSED 127.0.0.1:5432") does not say which setting.
 */
export async function openDatabase(target: GatewayConfig['database'], logger: Logger): Promise<Database> {
  let db: Database | undefined;
  try {
    db = createDatabase(target, logger);
    await migrateToLatest(db);
    return db;
  } catch (error) {
    if (db !== undefined) await closeDatabase(db).catch(() => undefined);
    const reason = (error as Error).message;
    throw new Error(`DATABASE_URL: cannot open ${describeDatabase(target)}: ${reason}`, { cause: error });
  }
}

export function describeDatabase(target: GatewayConfig['database']): string {
  if (target.client === 'sqlite') return `SQLite file ${target.filename}`;
  const url = new URL(target.connectionString);
  const user = url.username ? `${decodeURIComponent(url.username)}@` : '';
  return `Postgres ${user}${url.hostname}:${url.port || '5432'}${url.pathname}`;
}
