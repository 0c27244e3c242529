import { readEnvSecret, SecretUnavailableError } from '@onelink-kit/core';
import { TEST_LINK_HASH_KEY } from '../synthetic/link-payments.js';
import { TEST_SNAP_CLIENT_SECRET } from '../synthetic/snap.js';

/** `pnpm sim`'s default first port: the mock's 4010 + 10, so Prism and the simulator can run side by side. */
export const DEFAULT_SIM_PORT = 4020;

/**
 * The largest request body the simulator reads: 16 KiB, the same limit as the gateway's JSON parser
 * (`express.json({ limit: '16kb' })`), so a body the gateway would refuse is refused here too.
 */
export const SIM_BODY_LIMIT_BYTES = 16 * 1024;

/** What the simulator is told through its environment, read and checked once at start-up. */
export interface SimConfig {
  /** First port (SIM_PORT); each spec listens on it plus its x-onelink-mock-port-offset. 0 = any free ports. */
  basePort: number;
  /** Lifetime of the OAuth tokens it issues, in seconds (SIM_TOKEN_TTL_S). */
  tokenTtlS: number;
  /** QR requests allowed per second per client id (SIM_RATE_LIMIT); undefined = no limit. */
  rateLimitPerS: number | undefined;
  /** How far X-TIMESTAMP may be from the simulator's clock, in seconds (SIM_SNAP_TIMESTAMP_WINDOW_S). */
  snapTimestampWindowS: number;
  /** Requests the journal keeps (SIM_JOURNAL_SIZE); older ones are dropped. */
  journalSize: number;
  /** When set, a token request with another client secret gets invalid-client (SIM_CLIENT_SECRET(_FILE)). */
  clientSecret: string | undefined;
  /** The key Link Based Payments signatures are checked with (SIM_LINK_HASH_KEY(_FILE)). */
  linkHashKey: string;
  /** When set, only this MID is accepted (SIM_LINK_MERCHANT_ID). */
  linkMerchantId: string | undefined;
  /** When set, only this password is accepted (SIM_LINK_PASSWORD(_FILE)). */
  linkPassword: string | undefined;
  /** The client secret SNAP X-SIGNATUREs are checked with (SIM_SNAP_CLIENT_SECRET(_FILE)). */
  snapClientSecret: string;
}

/** A bad SIM_* variable: names it and the rule it breaks. */
export class SimConfigError extends Error {
  override readonly name = 'SimConfigError';
  constructor(
    readonly variable: string,
    readonly rule: string,
  ) {
    super(`${variable} ${rule}`);
  }
}

type Env = Record<string, string | undefined>;

function intVar(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new SimConfigError(name, `must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return Number(raw);
}

function secretVar(env: Env, name: string): string | undefined {
  try {
    return readEnvSecret(name, env);
  } catch (error) {
    if (error instanceof SecretUnavailableError) throw new SimConfigError(error.variable ?? name, error.rule);
    throw error;
  }
}

/**
 * Reads the SIM_* variables. Every one is optional; the defaults are the test-only keys the synthetic
 * fixtures are signed with, so the recorded requests and the spec's examples verify as they are.
 */
export function parseSimConfig(env: Env): SimConfig {
  const rate = intVar(env, 'SIM_RATE_LIMIT', 0, 0, 1_000_000);
  const merchantId = env.SIM_LINK_MERCHANT_ID?.trim();
  return {
    basePort: intVar(env, 'SIM_PORT', DEFAULT_SIM_PORT, 0, 65535),
    tokenTtlS: intVar(env, 'SIM_TOKEN_TTL_S', 3600, 1, 7 * 24 * 3600),
    rateLimitPerS: rate === 0 ? undefined : rate,
    snapTimestampWindowS: intVar(env, 'SIM_SNAP_TIMESTAMP_WINDOW_S', 300, 1, 24 * 3600),
    journalSize: intVar(env, 'SIM_JOURNAL_SIZE', 200, 1, 10_000),
    clientSecret: secretVar(env, 'SIM_CLIENT_SECRET'),
    linkHashKey: secretVar(env, 'SIM_LINK_HASH_KEY') ?? TEST_LINK_HASH_KEY,
    linkMerchantId: merchantId === '' ? undefined : merchantId,
    linkPassword: secretVar(env, 'SIM_LINK_PASSWORD'),
    snapClientSecret: secretVar(env, 'SIM_SNAP_CLIENT_SECRET') ?? TEST_SNAP_CLIENT_SECRET,
  };
}
