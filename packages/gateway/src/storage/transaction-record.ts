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

/** A stored transaction, as the rest of the gateway sees it (JSON columns parsed). */
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

function parse(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : (value ?? null);
}

/** A JSON column parsed on first read, once: a GET never parses the request it does not show. */
function lazyJson(value: unknown): () => unknown {
  let parsed: { value: unknown } | undefined;
  return () => {
    parsed ??= { value: parse(value) };
    return parsed.value;
  };
}

/**
 * The record of a row. JSON columns are parsed when first read (request and response bodies are a
 * few kilobytes each; a GET or a replay reads only some of them); each stays one object once read.
 */
export function fromRow(row: Row): TransactionRecord {
  const mismatch = row.qr_mismatch;
  const request = lazyJson(row.request);
  const upstreamResponse = lazyJson(row.upstream_response);
  const qrDecoded = lazyJson(row.qr_decoded);
  const qrCheck = lazyJson(row.qr_check);
  const responseBody = lazyJson(row.response_body);
  const error = lazyJson(row.error);
  return {
    id: row.id as string,
    kind: row.kind as QrKind,
    status: row.status as TransactionStatus,
    caller: row.caller as string,
    idempotencyKey: (row.idempotency_key as string | null) ?? null,
    requestHash: row.request_hash as string,
    callerReference: (row.caller_reference as string | null) ?? null,
    stan: row.stan as string,
    rrn: row.rrn as string,
    amount: Number(row.amount),
    merchantId: row.merchant_id as string,
    expiryDateTime: row.expiry_date_time as string,
    get request() {
      return request();
    },
    upstreamStatus: row.upstream_status == null ? null : Number(row.upstream_status),
    responseCode: (row.response_code as string | null) ?? null,
    get upstreamResponse() {
      return upstreamResponse();
    },
    qrString: (row.qr_string as string | null) ?? null,
    get qrDecoded() {
      return qrDecoded();
    },
    get qrCheck() {
      return qrCheck();
    },
    // SQLite hands back 0/1, Postgres true/false.
    qrMismatch: mismatch == null ? null : Boolean(mismatch),
    responseStatus: row.response_status == null ? null : Number(row.response_status),
    get responseBody() {
      return responseBody();
    },
    get error() {
      return error();
    },
    createdAt: row.created_at as string,
    updatedAt: row.updated_at as string,
    completedAt: (row.completed_at as string | null) ?? null,
    recoveredAt: (row.recovered_at as string | null) ?? null,
    owner: (row.owner as string | null) ?? null,
  };
}
