import type { RequestHandler } from 'express';
import { type ApiKeySet, presentedKey } from '../api-keys.js';
import { ProblemError } from '../problems.js';

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
    // Fingerprint of the caller's key (never the key), for idempotency scope and the store.
    res.locals.caller = caller.id;
    next();
  };
}
