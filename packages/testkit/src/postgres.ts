import { randomBytes } from 'node:crypto';
import knex from 'knex';

// Where tests look for Postgres: TEST_DATABASE_URL, else database `test` on 127.0.0.1:5432 as the
// `postgres` user (CI's service) or `root` (a developer's local server).
const CANDIDATES = process.env.TEST_DATABASE_URL
  ? [process.env.TEST_DATABASE_URL]
  : ['postgres://postgres@127.0.0.1:5432/test', 'postgres://root@127.0.0.1:5432/test'];

function connect(url: string) {
  return knex({
    client: 'pg',
    connection: { connectionString: url, connectionTimeoutMillis: 2_000 },
    pool: { min: 0, max: 1 },
  });
}

/**
 * The first candidate Postgres that answers `select 1`; otherwise no url and a reason naming where it
 * looked and what each user got, for a skip message (or a CI failure).
 */
export async function findPostgres(): Promise<{ url?: string; reason: string }> {
  const reasons: string[] = [];
  for (const url of CANDIDATES) {
    const probe = connect(url);
    try {
      await probe.raw('select 1');
      return { url, reason: '' };
    } catch (error) {
      reasons.push(`${new URL(url).username}@: ${(error as Error).message.split('\n')[0]}`);
    } finally {
      await probe.destroy();
    }
  }
  const where = [...new Set(CANDIDATES.map((u) => new URL(u).host + new URL(u).pathname))].join(', ');
  return {
    reason: `no Postgres answered at ${where} (${reasons.join('; ')}); set TEST_DATABASE_URL to use another`,
  };
}

/** A schema of its own in a test database; `databaseUrl` points a whole gateway (DATABASE_URL) at it. */
export interface TestSchema {
  schema: string;
  databaseUrl: string;
  /** Drops the schema with everything in it. */
  drop(): Promise<void>;
}

/** Creates `<prefix>_<pid>_<random>` in the database at `url`, so parallel runs never share tables. */
export async function createTestSchema(url: string, prefix: string): Promise<TestSchema> {
  const schema = `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = connect(url);
  try {
    await admin.raw('create schema ??', [schema]);
  } finally {
    await admin.destroy();
  }
  // libpq's `options` sets the search path for every connection the URL opens.
  const options = encodeURIComponent(`-c search_path=${schema}`);
  return {
    schema,
    databaseUrl: `${url}${url.includes('?') ? '&' : '?'}options=${options}`,
    async drop() {
      const cleanup = connect(url);
      try {
        await cleanup.raw('drop schema if exists ?? cascade', [schema]);
      } finally {
        await cleanup.destroy();
      }
    },
  };
}
