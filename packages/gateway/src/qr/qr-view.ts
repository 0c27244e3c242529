import { parseOneLinkDateTime } from '@onelink-kit/core';
import type { components, SuccessResponse } from '@onelink-kit/generated/gateway';
import type { TransactionRecord } from '../storage/transactions-store.js';

export type QrView = SuccessResponse<'getQr'>;
export type TransactionExport = components['schemas']['TransactionExport'];

type Identity = Pick<QrView, 'id' | 'kind' | 'status' | 'stan' | 'rrn' | 'amount'>;

/**
 * What names a transaction, first in both its view and its export row, then `rest`. The rest is spread
 * last on purpose: V8 gives an object literal that starts with a spread and goes on with properties
 * (`{ ...a, b }`) a shape of its own each time, ~19 µs against ~1 µs for this order in a loop, and its
 * JSON.stringify slows with it.
 */
function identified<T extends object>(row: ViewedRecord, rest: T): Identity & T {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    stan: row.stan,
    rrn: row.rrn,
    amount: row.amount,
    ...rest,
  };
}

/** What a view is made from: a record without the bodies it never shows. */
export type ViewedRecord = Omit<TransactionRecord, 'request' | 'responseBody' | 'error'>;

/** The public view of a stored transaction (`QrTransaction` in spec/gateway.yaml). */
export function toQrView(row: ViewedRecord, baseUrl = ''): QrView {
  const self = `${baseUrl}/v1/qr/${row.id}`;
  const expiresMs = parseOneLinkDateTime(row.expiryDateTime);
  const upstreamBody = (row.upstreamResponse ?? {}) as { responseDescription?: unknown };
  const view: QrView = identified(row, {
    currency: 'PKR',
    merchantId: row.merchantId,
    reference: row.callerReference,
    expiresAt: row.expiryDateTime,
    expiresAtUtc: expiresMs === undefined ? row.createdAt : new Date(expiresMs).toISOString(),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    links: { self },
  });
  if (row.upstreamStatus !== null) {
    view.upstream = {
      httpStatus: row.upstreamStatus,
      responseCode: row.responseCode,
      responseDescription:
        typeof upstreamBody.responseDescription === 'string' ? upstreamBody.responseDescription : null,
    };
  }
  if (row.qrString !== null && row.qrDecoded !== null && row.qrCheck !== null) {
    view.qr = {
      payload: row.qrString,
      decoded: row.qrDecoded as NonNullable<QrView['qr']>['decoded'],
      check: row.qrCheck as NonNullable<QrView['qr']>['check'],
    };
    // Images only for a QR that may be shown; a mismatched one is kept as evidence, not drawn.
    if (row.status === 'succeeded') {
      const pay = `${baseUrl}/pay/${row.id}`;
      view.links = { self, png: `${self}/image.png`, svg: `${self}/image.svg`, pay };
    }
  }
  return view;
}

/** One row of the reconciliation export (`TransactionExport`). */
export function toExport(row: TransactionRecord): TransactionExport {
  return identified(row, {
    merchantId: row.merchantId,
    reference: row.callerReference,
    caller: row.caller,
    idempotencyKey: row.idempotencyKey,
    responseCode: row.responseCode,
    upstreamStatus: row.upstreamStatus,
    qrMismatch: row.qrMismatch,
    expiresAt: row.expiryDateTime,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    completedAt: row.completedAt,
    recoveredAt: row.recoveredAt,
    request: row.request,
    upstreamResponse: row.upstreamResponse,
  });
}

export const CSV_COLUMNS = [
  'id',
  'kind',
  'status',
  'stan',
  'rrn',
  'amount',
  'merchantId',
  'reference',
  'caller',
  'idempotencyKey',
  'responseCode',
  'upstreamStatus',
  'qrMismatch',
  'expiresAt',
  'createdAt',
  'updatedAt',
  'completedAt',
  'recoveredAt',
] as const;

/** RFC 4180 quoting; a leading =, +, - or @ is prefixed with ' so spreadsheets never run it as a formula. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text) && typeof value === 'string') text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(row: TransactionExport): string {
  return `${CSV_COLUMNS.map((c) => csvCell(row[c])).join(',')}\r\n`;
}
