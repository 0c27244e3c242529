import type { QrKind } from '@onelink-kit/core';
import { parsed, type ReplayRecord, StoredReplay } from './replay-record.js';

export { TRANSACTION_STATUSES, type TransactionStatus } from './transaction-status.js';
export type { QrKind };

/**
 * A stored transaction, as the rest of the gateway sees it (JSON columns parsed): the members a replay
 * reads (ReplayRecord: id, status, STAN, RRN, request hash, created_at, the stored answer and its error)
 * and the rest of the row. The store hands back records whose JSON members (request, upstreamResponse,
 * qrDecoded, qrCheck, responseBody, error) are getters parsed on first read: copy those by name, since a
 * spread (`{ ...record }`) leaves them out.
 */
export interface TransactionRecord extends ReplayRecord {
  kind: QrKind;
  caller: string;
  idempotencyKey: string | null;
  callerReference: string | null;
  amount: number;
  merchantId: string;
  expiryDateTime: string;
  /** The upstream request body as sent (it carries no secrets: those live in headers). */
  request: unknown;
  upstreamStatus: number | null;
  responseCode: string | null;
  upstreamResponse: unknown;
  qrString: string | null;
  qrDecoded: unknown;
  qrCheck: unknown;
  qrMismatch: boolean | null;
  updatedAt: string;
  completedAt: string | null;
  recoveredAt: string | null;
  /** The gateway instance that wrote the row. */
  owner: string | null;
}

type Row = Record<string, unknown>;

/** A value for a JSON column: its text, or NULL. */
export function json(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

/**
 * A stored row as the rest of the gateway sees it. Plain columns are fields of the object; the JSON
 * columns are parsed when first read (request and response bodies are a few kilobytes each; a GET or a
 * replay reads only some of them), and each stays one object once read.
 *
 * A class, not an object literal with getters: V8 gave every such literal a shape of its own (the
 * getters were new closures each time), at ~2.5 µs against ~0.3 µs for this class in a loop, and the
 * young collections kept every record's closures alive into the old generation (`--trace-gc-nvp`).
 * Being getters of the class, the JSON members are not copied by a spread (`{ ...record }`).
 * It builds on the replay record (replay-record.ts): the members a replay reads are read from a row
 * in one place, whichever of the two reads made it.
 */
class StoredTransaction extends StoredReplay implements TransactionRecord {
  // The replay record's members (id, status, STAN, RRN, request hash, created_at, response status, the
  // stored answer and its error) are set by super() and not declared again: an ES2022 class field
  // declared again here would reset them to undefined.
  readonly kind: QrKind;
  readonly caller: string;
  readonly idempotencyKey: string | null;
  readonly callerReference: string | null;
  readonly amount: number;
  readonly merchantId: string;
  readonly expiryDateTime: string;
  readonly upstreamStatus: number | null;
  readonly responseCode: string | null;
  readonly qrString: string | null;
  readonly qrMismatch: boolean | null;
  readonly updatedAt: string;
  readonly completedAt: string | null;
  readonly recoveredAt: string | null;
  readonly owner: string | null;
  readonly #row: Row;
  #request: { value: unknown } | undefined;
  #upstreamResponse: { value: unknown } | undefined;
  #qrDecoded: { value: unknown } | undefined;
  #qrCheck: { value: unknown } | undefined;

  constructor(row: Row) {
    super(row);
    this.#row = row;
    this.kind = row.kind as QrKind;
    this.caller = row.caller as string;
    this.idempotencyKey = (row.idempotency_key as string | null) ?? null;
    this.callerReference = (row.caller_reference as string | null) ?? null;
    this.amount = Number(row.amount);
    this.merchantId = row.merchant_id as string;
    this.expiryDateTime = row.expiry_date_time as string;
    this.upstreamStatus = row.upstream_status == null ? null : Number(row.upstream_status);
    this.responseCode = (row.response_code as string | null) ?? null;
    this.qrString = (row.qr_string as string | null) ?? null;
    // SQLite hands back 0/1, Postgres true/false.
    this.qrMismatch = row.qr_mismatch == null ? null : Boolean(row.qr_mismatch);
    this.updatedAt = row.updated_at as string;
    this.completedAt = (row.completed_at as string | null) ?? null;
    this.recoveredAt = (row.recovered_at as string | null) ?? null;
    this.owner = (row.owner as string | null) ?? null;
  }

  get request(): unknown {
    this.#request ??= parsed(this.#row.request);
    return this.#request.value;
  }
  get upstreamResponse(): unknown {
    this.#upstreamResponse ??= parsed(this.#row.upstream_response);
    return this.#upstreamResponse.value;
  }
  get qrDecoded(): unknown {
    this.#qrDecoded ??= parsed(this.#row.qr_decoded);
    return this.#qrDecoded.value;
  }
  get qrCheck(): unknown {
    this.#qrCheck ??= parsed(this.#row.qr_check);
    return this.#qrCheck.value;
  }
}

/** The record of a row (see StoredTransaction). */
export function fromRow(row: Row): TransactionRecord {
  return new StoredTransaction(row);
}
