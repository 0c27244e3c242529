import type { Database } from './database.js';
import { isUniqueViolation, violatedConstraint } from './database.js';
import { type ColumnValues, hotStatements } from './hot-statements.js';
import { TRANSACTIONS } from './migrations.js';

// The record's shape lives with its row mapping; importers keep using this module.
export type { ReplayRecord } from './replay-record.js';
export {
  type QrKind,
  TRANSACTION_STATUSES,
  type TransactionRecord,
  type TransactionStatus,
} from './transaction-record.js';

import { type ReplayRecord, replayFromRow } from './replay-record.js';
import { fromRow, json, type TransactionRecord, type TransactionStatus } from './transaction-record.js';

export type PendingTransaction = Pick<
  TransactionRecord,
  | 'id'
  | 'kind'
  | 'caller'
  | 'idempotencyKey'
  | 'requestHash'
  | 'callerReference'
  | 'stan'
  | 'rrn'
  | 'amount'
  | 'merchantId'
  | 'expiryDateTime'
  | 'request'
>;

export interface TransactionOutcome {
  status: Exclude<TransactionStatus, 'pending'>;
  upstreamStatus?: number | null;
  responseCode?: string | null;
  upstreamResponse?: unknown;
  qrString?: string | null;
  qrDecoded?: unknown;
  qrCheck?: unknown;
  qrMismatch?: boolean | null;
  responseStatus: number;
  responseBody: unknown;
  error?: unknown;
  /** When the outcome was decided, if the response already shows it (kept as updated/completed time). */
  completedAt?: string;
}

export interface ListFilter {
  from?: string;
  to?: string;
  status?: TransactionStatus;
  /** Only this caller's rows (a caller's own export); undefined lists every caller's (an admin's). */
  caller?: string;
  /** Creation order: oldest first (default) or newest first. */
  order?: 'asc' | 'desc';
}

/** One page of a listing: at most `limit` rows after the row numbered `after` (in the filter's order). */
export interface PageRequest {
  limit: number;
  after?: number;
}

export interface TransactionsPage {
  rows: TransactionRecord[];
  /** The `after` of the next page; undefined after the last. */
  next: number | undefined;
}

/** The pending insert lost the idempotency race: another row already holds caller + key. */
export class IdempotencyConflict extends Error {
  override readonly name = 'IdempotencyConflict';
}

export interface TransactionsStore {
  /** Write-ahead: commits the pending row before anything is sent upstream. */
  insertPending(row: PendingTransaction): Promise<TransactionRecord>;
  /** Stores the outcome; reads the row back unless `readBack` is false (the hot path skips it). */
  complete(
    id: string,
    outcome: TransactionOutcome,
    options?: { readBack?: boolean; at?: string },
  ): Promise<TransactionRecord | undefined>;
  findById(id: string): Promise<TransactionRecord | undefined>;
  /** What a replay uses of the row this caller's live key holds (replay-record.ts); findById has all. */
  findByIdempotencyKey(caller: string, key: string): Promise<ReplayRecord | undefined>;
  /** The key stops holding this row (it expired): the same key can claim a new row. */
  releaseIdempotencyKey(id: string, key: string): Promise<void>;
  /**
   * Pending rows created before `olderThan`, and every pending row of `owner` (an instance's own
   * rows at its start-up), become `unknown`; returns the rows changed.
   */
  recoverPending(olderThan: Date, owner?: string): Promise<TransactionRecord[]>;
  /** Keyset-paged iteration in creation order, so an export of any size streams in batches. */
  list(filter: ListFilter, batchSize?: number): AsyncGenerator<TransactionRecord>;
  /** One keyset page, so a console can walk thousands of rows without loading them all. */
  page(filter: ListFilter, request: PageRequest): Promise<TransactionsPage>;
}

type Row = Record<string, unknown>;

export function createTransactionsStore(
  db: Database,
  now: () => Date = () => new Date(),
  /** Written on every pending row this store inserts (see recoverPending). */
  owner: string | null = null,
): TransactionsStore {
  const table = () => db<Row>(TRANSACTIONS);
  const hot = hotStatements(db);

  return {
    async insertPending(row) {
      const at = now().toISOString();
      const record: ColumnValues = {
        id: row.id,
        kind: row.kind,
        status: 'pending',
        caller: row.caller,
        idempotency_key: row.idempotencyKey,
        // The live claim; an expired key or a purge clears it (idempotency_key stays for the export).
        idempotency_key_live: row.idempotencyKey,
        request_hash: row.requestHash,
        caller_reference: row.callerReference,
        stan: row.stan,
        rrn: row.rrn,
        amount: row.amount,
        merchant_id: row.merchantId,
        expiry_date_time: row.expiryDateTime,
        request: JSON.stringify(row.request),
        created_at: at,
        updated_at: at,
        owner,
      };
      try {
        await hot.insert(record);
      } catch (error) {
        if (isUniqueViolation(error) && /idempotency/.test(violatedConstraint(error))) {
          throw new IdempotencyConflict(`idempotency key already used by caller ${row.caller}`);
        }
        throw error;
      }
      return fromRow(record);
    },

    async complete(id, outcome, options = {}) {
      // The caller may fix the time so the response it builds shows the stored updatedAt.
      const at = options.at ?? now().toISOString();
      const update: ColumnValues = {
        status: outcome.status,
        upstream_status: outcome.upstreamStatus ?? null,
        response_code: outcome.responseCode ?? null,
        upstream_response: json(outcome.upstreamResponse),
        qr_string: outcome.qrString ?? null,
        qr_decoded: json(outcome.qrDecoded),
        qr_check: json(outcome.qrCheck),
        qr_mismatch: outcome.qrMismatch ?? null,
        response_status: outcome.responseStatus,
        response_body: json(outcome.responseBody),
        error: json(outcome.error),
        updated_at: at,
        completed_at: at,
      };
      // Only onto a row still open: pending, or marked `unknown` by a recovery sweep (OPEN_STATUSES).
      const changed = await hot.storeOutcome(id, update);
      if (changed !== 1) throw new Error(`transaction ${id} is not pending (outcome not stored twice)`);
      if (options.readBack === false) return undefined;
      const stored = await this.findById(id);
      if (stored === undefined) throw new Error(`transaction ${id} vanished`);
      return stored;
    },

    async findById(id) {
      const row = await hot.byId(id);
      return row === undefined ? undefined : fromRow(row);
    },

    async findByIdempotencyKey(caller, key) {
      const row = await hot.byIdempotencyKey(caller, key);
      return row === undefined ? undefined : replayFromRow(row);
    },

    async releaseIdempotencyKey(id, key) {
      // Conditional on the key, so two requests releasing the same expired row do it once.
      await table().where({ id, idempotency_key_live: key }).update({ idempotency_key_live: null });
    },

    async recoverPending(olderThan, owner) {
      // Update first, then read back by the marker: one statement does the state change, so two
      // processes recovering at once cannot both claim a row, and no read-then-write upgrade
      // is needed inside a SQLite transaction.
      const at = now().toISOString();
      const changed = await table()
        .where({ status: 'pending' })
        .andWhere((q) => {
          q.where('created_at', '<', olderThan.toISOString());
          if (owner !== undefined) q.orWhere({ owner });
        })
        .update({ status: 'unknown', recovered_at: at, updated_at: at });
      if (changed === 0) return [];
      const rows = await table().where({ status: 'unknown', recovered_at: at }).orderBy('seq');
      return rows.map(fromRow);
    },

    async *list(filter, batchSize = 500) {
      let after: number | undefined;
      for (;;) {
        const { rows, next } = await this.page(filter, {
          limit: batchSize,
          ...(after === undefined ? {} : { after }),
        });
        for (const row of rows) yield row;
        if (next === undefined) return;
        after = next;
      }
    },

    async page(filter, request) {
      const order = filter.order ?? 'asc';
      // One row more than asked tells whether another page exists without a count query.
      const query = table()
        .orderBy('seq', order)
        .limit(request.limit + 1);
      if (request.after !== undefined) query.where('seq', order === 'asc' ? '>' : '<', request.after);
      if (filter.from !== undefined) query.andWhere('created_at', '>=', filter.from);
      if (filter.to !== undefined) query.andWhere('created_at', '<', filter.to);
      if (filter.status !== undefined) query.andWhere({ status: filter.status });
      if (filter.caller !== undefined) query.andWhere({ caller: filter.caller });
      const rows = await query;
      const kept = rows.slice(0, request.limit);
      const last = kept[kept.length - 1];
      return {
        rows: kept.map(fromRow),
        next: rows.length > request.limit && last !== undefined ? Number(last.seq) : undefined,
      };
    },
  };
}
