import type { Database } from './database.js';
import { TRANSACTIONS } from './migrations.js';

/**
 * What a purge removes: the bodies (the 1LINK request and answer, the QR and its decoding, the answer
 * the caller got, error details), which carry payer and merchant data. Everything reconciliation needs
 * stays: id, kind, status, caller, idempotency key, reference, STAN, RRN, amount, merchant id, expiry,
 * HTTP status and 1LINK response code, QR mismatch flag and every time.
 */
export const PURGED_COLUMNS = [
  'request',
  'upstream_response',
  'qr_string',
  'qr_decoded',
  'qr_check',
  'response_body',
  'error',
] as const;

export interface PurgeResult {
  /** Rows whose bodies were removed by this run (with dryRun: would be). */
  purged: number;
  /** Rows created before this instant were eligible. */
  before: string;
}

/**
 * Removes the bodies of finished rows created more than `olderThanDays` days before `now`. `pending`
 * rows are left alone (a create may still be running). A purged row's idempotency key is released: its
 * stored answer is gone, so the same key would create a new QR. Running it twice purges nothing more.
 */
export async function purgeBodies(
  db: Database,
  olderThanDays: number,
  options: { now?: Date; dryRun?: boolean } = {},
): Promise<PurgeResult> {
  const now = options.now ?? new Date();
  if (!Number.isInteger(olderThanDays) || olderThanDays < 1) {
    throw new RangeError('olderThanDays must be a whole number of days, at least 1');
  }
  const before = new Date(now.getTime() - olderThanDays * 86_400_000).toISOString();
  const cleared: Record<string, unknown> = Object.fromEntries(PURGED_COLUMNS.map((c) => [c, null]));
  // `request` is NOT NULL: JSON null reads back as null like the other bodies.
  cleared.request = 'null';
  const eligible = () =>
    db(TRANSACTIONS).where('created_at', '<', before).whereNot('status', 'pending').whereNull('purged_at');
  if (options.dryRun) {
    const [row] = await eligible().count({ n: '*' });
    return { purged: Number(row?.n ?? 0), before };
  }
  const purged = await eligible().update({
    ...cleared,
    idempotency_key_live: null,
    purged_at: now.toISOString(),
  });
  return { purged, before };
}
