import type { Knex } from 'knex';

interface Migration {
  up(db: Knex): Promise<void>;
  down(db: Knex): Promise<void>;
}

const IDEMPOTENCY_UNIQUE = 'gateway_transactions_idempotency_unique';
const CALLER_CREATED_AT = 'gateway_transactions_caller_created_at';

/**
 * Idempotency keys that expire and bodies that can be purged (migrations.ts lists it with the table
 * name). The claim moves from `idempotency_key` (kept for the export: which key created the row) to
 * `idempotency_key_live`, which an expired key or a purge clears so the same key can claim a new row;
 * the unique constraint keeps its name. `purged_at` records when the bodies were removed.
 * `(caller, created_at)` serves a caller's own export.
 */
export function idempotencyExpiryMigration(transactions: string): Migration {
  return {
    async up(db) {
      await db.schema.alterTable(transactions, (t) => {
        t.string('idempotency_key_live', 255).nullable();
        t.string('purged_at', 24).nullable();
      });
      await db(transactions)
        .whereNotNull('idempotency_key')
        .update({ idempotency_key_live: db.ref('idempotency_key') });
      await db.schema.alterTable(transactions, (t) => {
        t.dropUnique(['caller', 'idempotency_key'], IDEMPOTENCY_UNIQUE);
      });
      await db.schema.alterTable(transactions, (t) => {
        t.unique(['caller', 'idempotency_key_live'], { indexName: IDEMPOTENCY_UNIQUE });
        t.index(['caller', 'created_at'], CALLER_CREATED_AT);
      });
    },
    async down(db) {
      await db.schema.alterTable(transactions, (t) => {
        t.dropIndex(['caller', 'created_at'], CALLER_CREATED_AT);
        t.dropUnique(['caller', 'idempotency_key_live'], IDEMPOTENCY_UNIQUE);
      });
      await db.schema.alterTable(transactions, (t) => {
        t.unique(['caller', 'idempotency_key'], { indexName: IDEMPOTENCY_UNIQUE });
      });
      await db.schema.alterTable(transactions, (t) => {
        t.dropColumn('idempotency_key_live');
        t.dropColumn('purged_at');
      });
    },
  };
}

/**
 * The plan limit's shared counters (rate-limiter-flexible's Postgres table layout), Postgres only:
 * SQLite runs one instance, which counts in memory. Made by a migration rather than by the library at
 * start-up, so instances starting together do not race to create it.
 */
export function planRateLimitsMigration(rateLimits: string): Migration {
  const isPostgres = (db: Knex) => db.client.config.client === 'pg';
  return {
    async up(db) {
      if (!isPostgres(db)) return;
      await db.schema.createTable(rateLimits, (t) => {
        t.string('key', 255).primary();
        t.integer('points').notNullable().defaultTo(0);
        t.bigInteger('expire').nullable();
      });
    },
    async down(db) {
      if (isPostgres(db)) await db.schema.dropTableIfExists(rateLimits);
    },
  };
}
