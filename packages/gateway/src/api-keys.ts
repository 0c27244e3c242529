import { randomBytes } from 'node:crypto';
import { type Caller, type CallerKeySet, parseCallerKeys, sha256 } from './callers.js';

/** The caller a key belongs to: its name (never the key) and whether it is an admin (see callers.ts). */
export type ApiKeyCaller = Caller;

/** Configured keys, verified in constant time (see callers.ts). */
export type ApiKeySet = CallerKeySet;

/**
 * GATEWAY_API_KEYS (or a `_FILE` of them): callers' keys, `[name=]key` or `[name=]sha256:<64 hex>`,
 * separated by commas or whitespace. The format and its rules live in callers.ts, shared with
 * GATEWAY_ADMIN_KEYS.
 */
export function parseApiKeys(list: string, variable = 'GATEWAY_API_KEYS'): ApiKeySet {
  return parseCallerKeys(list, variable, { admin: false });
}

/** Extracts the key from `Authorization: Bearer <key>` or `X-API-Key: <key>`. */
export function presentedKey(headers: {
  authorization?: string | undefined;
  'x-api-key'?: string | string[] | undefined;
}): string | undefined {
  const auth = headers.authorization;
  if (auth !== undefined) {
    const match = /^Bearer[ ]+(\S+)\s*$/i.exec(auth);
    if (match) return match[1];
  }
  const header = headers['x-api-key'];
  const value = Array.isArray(header) ? header[0] : header;
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

/** A fresh random key (for the demo) and the `sha256:` form to configure instead of the raw key. */
export function generateApiKey(): { key: string; hashed: string } {
  const key = `olk_${randomBytes(24).toString('base64url')}`;
  return { key, hashed: `sha256:${sha256(key).toString('hex')}` };
}
