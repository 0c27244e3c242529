import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { ConfigError } from './config-error.js';

/** The caller a key belongs to: a short fingerprint of the key's hash, safe to log and store. */
export interface ApiKeyCaller {
  id: string;
}

export interface ApiKeySet {
  readonly size: number;
  /** Constant-time over all configured keys; returns the caller or undefined. */
  verify(presented: string | undefined): ApiKeyCaller | undefined;
}

const MIN_RAW_KEY_LENGTH = 16;

/**
 * Parses a list separated by commas or whitespace (a `_FILE` with one key per line works too)
 * where each entry is a raw key or `sha256:<64 hex>` of one. A key cannot contain whitespace: it
 * could never be presented as `Bearer <key>`. Raw keys are hashed immediately, so only digests
 * stay in memory. Errors give the entry's position, never its content.
 */
export function parseApiKeys(list: string, variable = 'GATEWAY_API_KEYS'): ApiKeySet {
  const digests: Buffer[] = [];
  const entries = list
    .split(/[,\s]+/)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  entries.forEach((entry, index) => {
    if (entry.startsWith('sha256:')) {
      const hex = entry.slice('sha256:'.length);
      if (!/^[0-9a-fA-F]{64}$/.test(hex)) {
        throw new ConfigError(variable, `entry ${index + 1}: sha256: must be followed by 64 hex digits`);
      }
      digests.push(Buffer.from(hex, 'hex'));
    } else {
      if (entry.length < MIN_RAW_KEY_LENGTH) {
        throw new ConfigError(
          variable,
          `entry ${index + 1}: a raw key must be at least ${MIN_RAW_KEY_LENGTH} characters`,
        );
      }
      digests.push(sha256(entry));
    }
  });
  return createApiKeySet(digests, variable);
}

function createApiKeySet(digests: readonly Buffer[], variable = 'GATEWAY_API_KEYS'): ApiKeySet {
  const callers = digests.map((digest) => ({ id: `key_${digest.subarray(0, 4).toString('hex')}` }));
  // The fingerprint scopes idempotency keys and names the caller in the store, so two different
  // keys must not share one (the same key listed twice is harmless).
  callers.forEach((caller, i) => {
    const j = callers.findIndex((other) => other.id === caller.id);
    if (j < i && !digests[j]!.equals(digests[i]!)) {
      throw new ConfigError(
        variable,
        `entries ${j + 1} and ${i + 1} have the same fingerprint; replace one key`,
      );
    }
  });
  return {
    size: digests.length,
    verify(presented) {
      if (presented === undefined || presented === '' || digests.length === 0) return undefined;
      // Hashing first gives equal-length buffers for timingSafeEqual and makes the comparison
      // independent of the presented key's length; every digest is compared, no early exit.
      const candidate = sha256(presented);
      let match = -1;
      for (let i = 0; i < digests.length; i++) {
        if (timingSafeEqual(candidate, digests[i]!) && match === -1) match = i;
      }
      return match === -1 ? undefined : callers[match];
    },
  };
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

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
