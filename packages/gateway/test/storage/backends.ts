import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import knex from 'knex';
import type { DatabaseTarget } from '../../src/config.js';
import { createDatabase, type Database, migrateToLatest } from '../../src/storage/database.js';

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

const PG_CANDIDATES = process.env.TEST_DATABASE_URL
  ? [process.env.TEST_DATABASE_URL]
  : ['postgres://postgres@127.0.0.1:5432/test', 'postgres://root@127.0.0.1:5432/test'];

async function probePostgres(): Promise<{ url?: string; reason: string }> {
  const reasons: string[] = [];
  for (const url of PG_CANDIDATES) {
    const probe = knex({
      client: 'pg',
      connection: { connectionString: url, connectionTimeoutMillis: 2_000 },
      pool: { min: 0, max: 1 },
    });
    try {
      await probe.raw('select 1');
      return { url, reason: '' };
    } catch (error) {
      reasons.push(`${new URL(url).username}@: ${(error as Error).message.split('\n')[0]}`);
    } finally {
      await probe.destroy();
    }
  }
  return { reason: reasons.join('; ') };
}

const sqlite: Backend = {
  name: 'sqlite',
  async open() {
    const dir = mkdtempSync(join(tmpdir(), 'gateway-storage-'));
    const target: DatabaseTarget = { client: 'sqlite', filename: join(dir, 'gateway.sqlite') };
    const db = createDatabase(target);
    await migrateToLatest(db);
    return {
      db,
      target,
      databaseUrl: `sqlite:${target.filename}`,
      async close() {
        await db.destroy();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

function postgres(url: string): Backend {
  return {
    name: 'postgres',
    async open() {
      const schema = `gw_test_${process.pid}_${randomBytes(4).toString('hex')}`;
      const admin = knex({ client: 'pg', connection: { connectionString: url }, pool: { min: 0, max: 1 } });
      await admin.raw('create schema ??', [schema]);
      const target: DatabaseTarget = { client: 'postgres', connectionString: url, searchPath: schema };
      const db = createDatabase(target);
      await migrateToLatest(db);
      // The same schema for a whole gateway configured by DATABASE_URL (libpq `options`).
      const databaseUrl = `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
      return {
        db,
        target,
        databaseUrl,
        async close() {
          await db.destroy();
          await admin.raw('drop schema if exists ?? cascade', [schema]);
          await admin.destroy();
        },
      };
    },
  };
}

/** Resolves the backends for this run; top-level await in the test file calls it once. */
export async function storageBackends(): Promise<Array<{ backend: Backend; skip?: string }>> {
  const pg = await probePostgres();
  if (pg.url !== undefined) return [{ backend: sqlite }, { backend: postgres(pg.url) }];
  const where = [...new Set(PG_CANDIDATES.map((u) => new URL(u).host + new URL(u).pathname))].join(', ');
  const message = `no Postgres answered at ${where} (${pg.reason}); set TEST_DATABASE_URL to use another`;
  if (process.env.CI) {
    throw new Error(`CI requires the Postgres storage run: ${message}`);
  }
  console.warn(`[storage] skipping the Postgres run locally: ${message}`);
  return [
    { backend: sqlite },
    { backend: { name: 'postgres', open: () => Promise.reject(new Error(message)) }, skip: message },
  ];
}
