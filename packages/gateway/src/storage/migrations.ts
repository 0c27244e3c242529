import type { Knex } from 'knex';
import { idempotencyExpiryMigration, planRateLimitsMigration } from './retention-migrations.js';

export const MIGRATIONS_TABLE = 'gateway_knex_migrations';
export const TRANSACTIONS = 'gateway_transactions';
export const RRN_COUNTERS = 'gateway_rrn_counters';
export const RATE_LIMITS = 'gateway_rate_limits';

interface Migration {
  up(db: Knex): Promise<void>;
  down(db: Knex): Promise<void>;
}

// Migrations live in code (not files) so they work the same from TypeScript sources, tsx and
// any bundle; the names are the stable record knex keeps in its migrations table.
const migrations: Record<string, Migration> = {
  '001_transactions': {
    async up(db) {
      await db.schema.createTable(RRN_COUNTERS, (t) => {
        // One row per PKT day (yyDDD); value is the last sequence number handed out that day.
        t.string('day', 6).primary();
        t.integer('value').notNullable();
      });
      await db.schema.createTable(TRANSACTIONS, (t) => {
        t.increments('seq').primary();
        t.string('id', 40).notNullable().unique({ indexName: 'gateway_transactions_id_unique' });
        t.string('kind', 16).notNullable();
        t.string('status', 16).notNullable();
        t.string('caller', 32).notNullable();
        t.string('idempotency_key', 255).nullable();
        t.string('request_hash', 64).notNullable();
        t.string('caller_reference', 64).nullable();
        t.string('stan', 6).notNullable();
        t.string('rrn', 12).notNullable().unique({ indexName: 'gateway_transactions_rrn_unique' });
        t.integer('amount').notNullable();
        t.string('merchant_id', 35).notNullable();
        t.string('expiry_date_time', 19).notNullable();
        t.text('request').notNullable();
        t.integer('upstream_status').nullable();
        t.string('response_code', 8).nullable();
        t.text('upstream_response').nullable();
        t.text('qr_string').nullable();
        t.text('qr_decoded').nullable();
        t.text('qr_check').nullable();
        t.boolean('qr_mismatch').nullable();
        t.integer('response_status').nullable();
        t.text('response_body').nullable();
        t.text('error').nullable();
        // ISO-8601 UTC text: sorts and compares identically on SQLite and Postgres.
        t.string('created_at', 24).notNullable();
        t.string('updated_at', 24).notNullable();
        t.string('completed_at', 24).nullable();
        t.string('recovered_at', 24).nullable();
        // The idempotency claim: the insert of the pending row either wins or hits this.
        t.unique(['caller', 'idempotency_key'], { indexName: 'gateway_transactions_idempotency_unique' });
        t.index(['created_at'], 'gateway_transactions_created_at');
        t.index(['status', 'created_at'], 'gateway_transactions_status_created_at');
      });
    },
    async down(db) {
      await db.schema.dropTableIfExists(TRANSACTIONS);
      await db.schema.dropTableIfExists(RRN_COUNTERS);
    },
  },
  '002_transaction_owner': {
    async up(db) {
      await db.schema.alterTable(TRANSACTIONS, (t) => {
        // Which gateway instance wrote the row: at start-up an instance recovers its own pending
        // rows at once (its previous run crashed), other instances' only after the grace period.
        t.string('owner', 128).nullable();
      });
    },
    async down(db) {
      await db.schema.alterTable(TRANSACTIONS, (t) => {
        t.dropColumn('owner');
      });
    },
  },
  '003_idempotency_expiry': idempotencyExpiryMigration(TRANSACTIONS),
  '004_plan_rate_limits': planRateLimitsMigration(RATE_LIMITS),
};

export const migrationSource: Knex.MigrationSource<string> = {
  async getMigrations() {
    return Object.keys(migrations).sort();
  },
  getMigrationName(name) {
    return name;
  },
  async getMigration(name) {
    const migration = migrations[name];
    if (migration === undefined) throw new Error(`unknown migration ${name}`);
    return migration;
  },
};
