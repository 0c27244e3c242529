import type { TransactionRecord } from '../storage/transactions-store.js';

/**
 * Headers of a create answer, fresh or replayed: Location of a created QR, and the Retry-After
 * 1LINK gave (kept in the row's error) so a replay says the same as the first answer.
 */
export function responseHeaders(
  row: Pick<TransactionRecord, 'id' | 'responseStatus' | 'error'>,
  baseUrl: string,
): Record<string, string> {
  const headers: Record<string, string> = {};
  if (row.responseStatus === 201) headers.Location = `${baseUrl}/v1/qr/${row.id}`;
  const retryAfter = (row.error as { retryAfter?: unknown } | null)?.retryAfter;
  if (typeof retryAfter === 'number') headers['Retry-After'] = String(retryAfter);
  return headers;
}
