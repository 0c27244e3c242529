import type { TransactionStatus } from './transaction-status.js';

/**
 * What a read by idempotency key gives: the members a replay uses (the request hash it compares, the
 * age the key's lifetime is counted from, the status it waits on, the stored answer and the ids its
 * problems carry), and no others. Every create with a key and every replay makes this read; the whole
 * record's other columns (the 1LINK request and answer, the decoded QR and its check) were over half of
 * a row's bytes, copied out of the database and into strings on each one. A record read by id
 * (`findById`, full: TransactionRecord extends this) has every one of these members, so a replay
 * waiting on a pending row re-reads it that way.
 */
export interface ReplayRecord {
  id: string;
  status: TransactionStatus;
  stan: string;
  rrn: string;
  requestHash: string;
  createdAt: string;
  /** What the caller was told, replayed verbatim for a repeated idempotency key. */
  responseStatus: number | null;
  responseBody: unknown;
  error: unknown;
}

/** The columns a replay record is made from (replayFromRow reads these and no others). */
export const REPLAY_COLUMNS = [
  'id',
  'status',
  'stan',
  'rrn',
  'request_hash',
  'created_at',
  'response_status',
  'response_body',
  'error',
] as const;

type Row = Record<string, unknown>;

/** A JSON column's value, parsed: its text read as JSON, or NULL as null. */
export function parsed(value: unknown): { value: unknown } {
  return { value: typeof value === 'string' ? JSON.parse(value) : (value ?? null) };
}

/**
 * The replay record of a row: plain fields, and the JSON columns parsed when first read. The full
 * record (StoredTransaction, transaction-record.ts) extends it, so these members are read from a row
 * in this one place.
 */
export class StoredReplay implements ReplayRecord {
  readonly id: string;
  readonly status: TransactionStatus;
  readonly stan: string;
  readonly rrn: string;
  readonly requestHash: string;
  readonly createdAt: string;
  readonly responseStatus: number | null;
  readonly #row: Row;
  #responseBody: { value: unknown } | undefined;
  #error: { value: unknown } | undefined;

  constructor(row: Row) {
    this.#row = row;
    this.id = row.id as string;
    this.status = row.status as TransactionStatus;
    this.stan = row.stan as string;
    this.rrn = row.rrn as string;
    this.requestHash = row.request_hash as string;
    this.createdAt = row.created_at as string;
    this.responseStatus = row.response_status == null ? null : Number(row.response_status);
  }

  get responseBody(): unknown {
    this.#responseBody ??= parsed(this.#row.response_body);
    return this.#responseBody.value;
  }
  get error(): unknown {
    this.#error ??= parsed(this.#row.error);
    return this.#error.value;
  }
}

/** The replay record of a row read with REPLAY_COLUMNS. */
export function replayFromRow(row: Row): ReplayRecord {
  return new StoredReplay(row);
}
