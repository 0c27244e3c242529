import knex from 'knex';
import { describe, expect, it } from 'vitest';
import { createTestSchema, findPostgres } from '../src/index.js';

const postgres = await findPostgres();

describe('findPostgres', () => {
  it('gives a url that answers, or a reason naming where it looked', () => {
    if (postgres.url === undefined)
      expect(postgres.reason).toMatch(/^no Postgres answered at .+TEST_DATABASE_URL/);
    else expect(postgres.reason).toBe('');
  });
});

describe.skipIf(postgres.url === undefined)('createTestSchema', () => {
  it('makes a schema that databaseUrl connects into, and drop removes it', async () => {
    const url = postgres.url!;
    const first = await createTestSchema(url, 'testkit_schema');
    const second = await createTestSchema(url, 'testkit_schema');
    expect(first.schema).toMatch(new RegExp(`^testkit_schema_${process.pid}_[0-9a-f]{8}$`));
    expect(second.schema).not.toBe(first.schema);
    const db = knex({ client: 'pg', connection: first.databaseUrl, pool: { min: 0, max: 1 } });
    const exists = async (schema: string) =>
      (await db.raw('select 1 from pg_namespace where nspname = ?', [schema])).rows.length === 1;
    try {
      expect((await db.raw('show search_path')).rows[0].search_path).toBe(first.schema);
      await first.drop();
      await second.drop();
      expect([await exists(first.schema), await exists(second.schema)]).toEqual([false, false]);
    } finally {
      await db.destroy();
    }
  });
});
