import type { RequestHandler, Response } from 'express';
import { type ApiKeySet, presentedKey } from '../api-keys.js';
import { type Caller, canRead } from '../callers.js';
import { ProblemError } from '../problems.js';
import type { TransactionRecord, TransactionsStore } from '../storage/transactions-store.js';

/** GET routes that answer without an API key (probes and scraping). */
export const PUBLIC_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

/** Bearer or X-API-Key, compared in constant time against hashes; 401 problem otherwise. */
export function apiKeyAuth(keys: ApiKeySet): RequestHandler {
  return (req, res, next) => {
    if ((req.method === 'GET' || req.method === 'HEAD') && PUBLIC_PATHS.has(req.path)) return next();
    const caller = keys.verify(presentedKey(req.headers));
    if (caller === undefined) {
      return next(
        new ProblemError(
          'unauthenticated',
          'Send a gateway API key as Authorization: Bearer <key> or X-API-Key: <key>.',
          {},
          { 'WWW-Authenticate': 'Bearer realm="onelink-gateway"' },
        ),
      );
    }
    // The caller's name (never the key), for idempotency scope, the store and metrics; admin keys
    // read every caller's rows (see callers.ts).
    res.locals.caller = caller.id;
    res.locals.admin = caller.admin;
    next();
  };
}

/** The caller apiKeyAuth found for this request. */
export function callerOf(res: Response): Caller {
  return { id: String(res.locals.caller), admin: res.locals.admin === true };
}

/**
 * A transaction this request's caller may read. Another caller's answers exactly as one that does not
 * exist (404 not-found), so a caller cannot even learn that an id is in use.
 */
export async function findReadable(
  store: Pick<TransactionsStore, 'findById'>,
  id: string,
  res: Response,
): Promise<TransactionRecord> {
  const row = await store.findById(id);
  if (row === undefined || !canRead(callerOf(res), row.caller)) {
    throw new ProblemError('not-found', `No transaction ${id}.`);
  }
  return row;
}
