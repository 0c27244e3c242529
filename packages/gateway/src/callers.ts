import { createHash, timingSafeEqual } from 'node:crypto';
import { ConfigError } from './config-error.js';

/**
 * Who is calling: the caller's name (stored on every row it creates, scoping its idempotency keys,
 * labelling its metrics; never the key) and whether its key is an admin key (reads every caller's
 * rows, for reconciliation).
 */
export interface Caller {
  id: string;
  admin: boolean;
}

/** The configured keys; `verify` is constant-time over all of them. */
export interface CallerKeySet {
  readonly size: number;
  verify(presented: string | undefined): Caller | undefined;
}

/**
 * A caller's name: letters, digits, `.`, `_`, `-`, at most 32 characters (the stored column's width).
 * `key_` is reserved for the names derived from unnamed keys, so a name can never pose as one.
 */
export const CALLER_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/;
const DERIVED_PREFIX = 'key_';
const MIN_RAW_KEY_LENGTH = 16;

/** One parsed entry of GATEWAY_API_KEYS or GATEWAY_ADMIN_KEYS. */
interface KeyEntry {
  digest: Buffer;
  caller: Caller;
}

/**
 * Parses GATEWAY_API_KEYS / GATEWAY_ADMIN_KEYS: entries separated by commas or whitespace (a `_FILE`
 * may list one per line), each `[name=]secret` where secret is a raw key (≥ 16 characters) or
 * `sha256:<64 hex>` of one. `name=` is read only when the text before the first `=` is a valid
 * caller name; an unnamed key gets `key_<first 8 hex of its sha256>`, the name every key had before
 * callers were named, so existing rows and idempotency keys keep their owner. Several keys may share
 * a name (rotation: old and new key of one caller). Errors give the entry's position, never its text.
 */
export function parseCallerKeys(list: string, variable: string, role: { admin: boolean }): CallerKeySet {
  const entries = list
    .split(/[,\s]+/)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map((entry, index) => parseEntry(entry, index + 1, variable, role.admin));
  checkDerivedNames(entries, variable);
  return keySet(entries);
}

/** Both lists as one set: a key is compared against every configured digest, admin or not. */
export function combineCallerKeys(...sets: CallerKeySet[]): CallerKeySet {
  return {
    get size() {
      return sets.reduce((n, set) => n + set.size, 0);
    },
    verify(presented) {
      // Every set is asked (no short cut), so timing does not tell which list holds the key.
      const found = sets.map((set) => set.verify(presented));
      return found.find((caller) => caller !== undefined);
    },
  };
}

/** The one rule for reading a stored row: its own caller, or an admin. */
export function canRead(caller: Caller | undefined, rowCaller: string): boolean {
  return caller !== undefined && (caller.admin || caller.id === rowCaller);
}

/** The caller filter of a listing: undefined (everything) for an admin, the caller's own rows otherwise. */
export function listScope(caller: Caller): string | undefined {
  return caller.admin ? undefined : caller.id;
}

function parseEntry(entry: string, position: number, variable: string, admin: boolean): KeyEntry {
  const eq = entry.indexOf('=');
  const named = eq > 0 && CALLER_NAME.test(entry.slice(0, eq));
  const name = named ? entry.slice(0, eq) : undefined;
  const secret = named ? entry.slice(eq + 1) : entry;
  if (name?.startsWith(DERIVED_PREFIX) || name === 'warmup') {
    throw new ConfigError(
      variable,
      `entry ${position}: caller names starting with ${DERIVED_PREFIX}, and warmup (start-up requests), are reserved`,
    );
  }
  const digest = digestOf(secret, position, variable);
  return { digest, caller: { id: name ?? derivedName(digest), admin } };
}

function digestOf(secret: string, position: number, variable: string): Buffer {
  if (secret.startsWith('sha256:')) {
    const hex = secret.slice('sha256:'.length);
    if (!/^[0-9a-fA-F]{64}$/.test(hex)) {
      throw new ConfigError(variable, `entry ${position}: sha256: must be followed by 64 hex digits`);
    }
    return Buffer.from(hex, 'hex');
  }
  if (secret.length < MIN_RAW_KEY_LENGTH) {
    throw new ConfigError(
      variable,
      `entry ${position}: a raw key must be at least ${MIN_RAW_KEY_LENGTH} characters (name=key names its caller)`,
    );
  }
  return sha256(secret);
}

/** Not secret: 32 bits of the key's sha256 name it without helping anyone guess it. */
export function derivedName(digest: Buffer): string {
  return `${DERIVED_PREFIX}${digest.subarray(0, 4).toString('hex')}`;
}

// Derived names scope idempotency keys and own rows, so two different unnamed keys must not share one
// (the same key listed twice is harmless).
function checkDerivedNames(entries: KeyEntry[], variable: string): void {
  entries.forEach((entry, i) => {
    if (!entry.caller.id.startsWith(DERIVED_PREFIX)) return;
    const j = entries.findIndex((other) => other.caller.id === entry.caller.id);
    if (j < i && !entries[j]!.digest.equals(entry.digest)) {
      throw new ConfigError(
        variable,
        `entries ${j + 1} and ${i + 1} have the same fingerprint; name them or replace one key`,
      );
    }
  });
}

function keySet(entries: readonly KeyEntry[]): CallerKeySet {
  return {
    size: entries.length,
    verify(presented) {
      if (presented === undefined || presented === '' || entries.length === 0) return undefined;
      // Hashing first gives equal-length buffers for timingSafeEqual and makes the comparison
      // independent of the presented key's length; every digest is compared, no early exit.
      const candidate = sha256(presented);
      let match = -1;
      for (let i = 0; i < entries.length; i++) {
        if (timingSafeEqual(candidate, entries[i]!.digest) && match === -1) match = i;
      }
      return match === -1 ? undefined : entries[match]!.caller;
    },
  };
}

export function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
