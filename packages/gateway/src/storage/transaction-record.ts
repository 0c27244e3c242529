import type { QrKind } from '@onelink-kit/core';

export type { QrKind };

/**
 * `mismatched`: 1LINK answered 00 but its QR disagrees with the request on a field a payer pays by, is
 * missing or unreadable; never shown, kept for reconciliation (1LINK did issue something).
 */
export const TRANSACTION_STATUSES = [
  'pending',
  'succeeded',
  'mismatched',
  'rejected',
  'failed',
  'unknown',
] as const;
export type TransactionStatus = (typeof TRANSACTION_STATUSES)[number];

/**
 * A stored transaction, as the rest of the gateway sees it (JSON columns parsed). The store hands back
 * records whose JSON members (request, upstreamResponse, qrDecoded, qrCheck, responseBody, error) are
 * getters parsed on first read: copy those by name, since a spread (`{ ...record }`) leaves them out.
 */
export interface TransactionRecord {
  id: string;
  kind: QrKind;
  status: TransactionStatus;
  caller: string;
  idempotencyKey: string | null;
  requestHash: string;
  callerReference: string | null;
  stan: string;
  rrn: string;
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
  /** What the caller was told, replayed verbatim for a repeated idempotency key. */
  responseStatus: number | null;
  responseBody: unknown;
  error: unknown;
  createdAt: string;
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

/** A JSON column's value, parsed: its text read as JSON, or NULL as null. */
export function parsed(value: unknown): { value: unknown } {
  return { value: typeof value === 'string' ? JSON.parse(value) : (value ?? null) };
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
 */
class StoredTransaction implements TransactionRecord {
  readonly id: string;
  readonly kind: QrKind;
  readonly status: TransactionStatus;
  readonly caller: string;
  readonly idempotencyKey: string | null;
  readonly requestHash: string;
  readonly callerReference: string | null;
  readonly stan: string;
  readonly rrn: string;
  readonly amount: number;
  readonly merchantId: string;
  readonly expiryDateTime: string;
  readonly upstreamStatus: number | null;
  readonly responseCode: string | null;
  readonly qrString: string | null;
  readonly qrMismatch: boolean | null;
  readonly responseStatus: number | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly completedAt: string | null;
  readonly recoveredAt: string | null;
  readonly owner: string | null;
  readonly #row: Row;
  #request: { value: unknown } | undefined;
  #upstreamResponse: { value: unknown } | undefined;
  #qrDecoded: { value: unknown } | undefined;
  #qrCheck: { value: unknown } | undefined;
  #responseBody: { value: unknown } | undefined;
  #error: { value: unknown } | undefined;

  constructor(row: Row) {
    this.#row = row;
    this.id = row.id as string;
    this.kind = row.kind as QrKind;
    this.status = row.status as TransactionStatus;
    this.caller = row.caller as string;
    this.idempotencyKey = (row.idempotency_key as string | null) ?? null;
    this.requestHash = row.request_hash as string;
    this.callerReference = (row.caller_reference as string | null) ?? null;
    this.stan = row.stan as string;
    this.rrn = row.rrn as string;
    this.amount = Number(row.amount);
    this.merchantId = row.merchant_id as string;
    this.expiryDateTime = row.expiry_date_time as string;
    this.upstreamStatus = row.upstream_status == null ? null : Number(row.upstream_status);
    this.responseCode = (row.response_code as string | null) ?? null;
    this.qrString = (row.qr_string as string | null) ?? null;
    // SQLite hands back 0/1, Postgres true/false.
    this.qrMismatch = row.qr_mismatch == null ? null : Boolean(row.qr_mismatch);
    this.responseStatus = row.response_status == null ? null : Number(row.response_status);
    this.createdAt = row.created_at as string;
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
  get responseBody(): unknown {
    this.#responseBody ??= parsed(this.#row.response_body);
    return this.#responseBody.value;
  }
  get error(): unknown {
    this.#error ??= parsed(this.#row.error);
    return this.#error.value;
  }
}

/** The record of a row (see StoredTransaction). */
export function fromRow(row: Row): TransactionRecord {
  return new StoredTransaction(row);
}
