import { createTestSchema, findPostgres, makeTempDir } from '@onelink-kit/testkit';
import type { DatabaseTarget } from '../../src/config.js';
import { closeDatabase, createDatabase, type Database, migrateToLatest } from '../../src/storage/database.js';

/**
 * The storage suite runs the same tests against SQLite (a temp file) and Postgres
 * (127.0.0.1:5432, database `test`, a fresh schema per run, dropped afterwards). In CI the
 * Postgres run is mandatory; locally it is skipped with a message when no server answers.
 */
export interface Backend {
  name: 'sqlite' | 'postgres';
  /** A fresh, migrated database; `target` lets tests open more connections (other "processes"). */
  open(): Promise<{ db: Database; target: DatabaseTarget; databaseUrl: string; close(): Promise<void> }>;
}

const sqlite: Backend = {
  name: 'sqlite',
  async open() {
    const dir = makeTempDir('gateway-storage-');
    const target: DatabaseTarget = { client: 'sqlite', filename: dir.join('gateway.sqlite') };
    const db = createDatabase(target);
    await migrateToLatest(db);
    return {
      db,
      target,
      databaseUrl: `sqlite:${target.filename}`,
      async close() {
        // Not db.destroy() alone: the checkpoint thread may still be deleting the log as the folder goes.
        await closeDatabase(db);
        dir.remove();
      },
    };
  },
};

function postgres(url: string): Backend {
  return {
    name: 'postgres',
    async open() {
      const { schema, databaseUrl, drop } = await createTestSchema(url, 'gw_test');
      const target: DatabaseTarget = { client: 'postgres', connectionString: url, searchPath: schema };
      const db = createDatabase(target);
      await migrateToLatest(db);
      return {
        db,
        target,
        databaseUrl,
        async close() {
          await db.destroy();
          await drop();
        },
      };
    },
  };
}

/** Resolves the backends for this run; top-level await in the test file calls it once. */
export async function storageBackends(): Promise<Array<{ backend: Backend; skip?: string }>> {
  const pg = await findPostgres();
  if (pg.url !== undefined) return [{ backend: sqlite }, { backend: postgres(pg.url) }];
  const message = pg.reason;
  if (process.env.CI) {
    throw new Error(`CI requires the Postgres storage run: ${message}`);
  }
  console.warn(`[storage] skipping the Postgres run locally: ${message}`);
  return [
    { backend: sqlite },
    { backend: { name: 'postgres', open: () => Promise.reject(new Error(message)) }, skip: message },
  ];
}
