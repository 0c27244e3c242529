import { availableParallelism, hostname } from 'node:os';
import {
  AMOUNT_UNITS,
  type AmountUnit,
  DEFAULT_AMOUNT_UNIT,
  DEFAULT_TRANSACTION_TYPE,
  fromEnv,
  isAmountUnit,
  readEnvSecret,
  type SecretProvider,
  SecretUnavailableError,
} from '@onelink-kit/core';
import { type ApiKeySet, parseApiKeys } from './api-keys.js';
import { combineCallerKeys, parseCallerKeys } from './callers.js';
import { ConfigError } from './config-error.js';
import { parseCorsOrigins } from './cors-origins.js';
import { type DatabaseTarget, parseDatabaseTarget, parseDatabaseUrl } from './database-target.js';
import { parseIdempotencyTtl } from './idempotency-ttl.js';
import { type PlanRate, parsePlanRate } from './plan-rate.js';

export { ConfigError };

/** Sequence numbers an instance reserves at a time (see storage/rrn-allocator.ts). */
export const DEFAULT_RRN_BLOCK_SIZE = 100;

/**
 * Log lines wait up to this long (or until 4 KiB gather) before they are written: one write for many
 * lines instead of one per line, each handed to a libuv thread and its completion back (README,
 * Performance). Exit writes what is buffered; a process killed outright loses at most this long's lines.
 */
export const DEFAULT_LOG_FLUSH_MS = 100;

export type { DatabaseTarget };
export { parseDatabaseUrl };

export interface GatewayConfig {
  host: string;
  port: number;
  mockPort: number;
  database: DatabaseTarget;
  apiKeys: ApiKeySet;
  upstream: {
    baseUrl: string;
    tokenUrl: string;
    clientId: string;
    /**
     * Reads ONELINK_CLIENT_SECRET(_FILE) afresh on each call, so the client picks up a rotated
     * secret after 1LINK refuses the old one, without a restart. Non-enumerable (see parseConfig).
     */
    readonly clientSecret: SecretProvider;
    timeoutMs: number;
    /** True when the target is the local Prism mock (the default). */
    isMock: boolean;
    /** The unit 1LINK reads instructedAmount in (ONELINK_AMOUNT_UNIT); callers always give rupees. */
    amountUnit: AmountUnit;
    /** paymentDetails.transactionType sent to 1LINK (ONELINK_TRANSACTION_TYPE). */
    transactionType: string;
  };
  /** Pending rows older than this are treated as orphaned by a crashed process. */
  recoveryGraceMs: number;
  recoverySweepMs: number;
  /**
   * Stable name of this gateway instance across restarts (GATEWAY_INSTANCE_ID, else host:PORT);
   * undefined with PORT=0, where no later run can be told apart from another process.
   */
  instanceId: string | undefined;
  publicBaseUrl: string | undefined;
  logLevel: string;
  /** How long a log line may wait in a buffer before it is written to stdout (LOG_FLUSH_MS; 0: at once). */
  logFlushMs: number;
  /**
   * The 1LINK plan's rate limit (ONELINK_RATE_LIMIT), how long a create may wait for it
   * (GATEWAY_RATE_LIMIT_WAIT_MS) and, when set, the Redis that counts it for every instance
   * (ONELINK_RATE_LIMIT_REDIS_URL, non-enumerable: it may hold a password). Undefined: no limit.
   */
  planLimit: { rate: PlanRate; waitMs: number; readonly redisUrl?: string } | undefined;
  /** How long an Idempotency-Key replays (GATEWAY_IDEMPOTENCY_TTL). */
  idempotencyTtlMs: number;
  /** STAN/RRN sequence numbers reserved per database round trip (GATEWAY_RRN_BLOCK_SIZE). */
  rrnBlockSize: number;
  /** Worker processes sharing the port (GATEWAY_WORKERS: a number, or `auto` for one per core). */
  workers: number;
  /** Browser origins allowed by CORS (GATEWAY_CORS_ORIGINS); empty: CORS off. */
  corsOrigins: string[];
}

type Env = Readonly<Record<string, string | undefined>>;

const MOCK_CLIENT_ID = 'mock-client-id';
// Not a secret: the Prism mock accepts any client credentials.
const MOCK_CLIENT_SECRET = 'mock-client-secret';

/**
 * `NAME` or `NAME_FILE` by the toolkit's one rule (@onelink-kit/core: blank is unset, both is an
 * error, file trimmed and never empty), read now; core's error becomes a ConfigError naming the variable.
 */
function secretVar(env: Env, name: string, cwd: string): string | undefined {
  try {
    return readEnvSecret(name, env, { cwd });
  } catch (error) {
    if (error instanceof SecretUnavailableError) throw new ConfigError(error.variable ?? name, error.rule);
    throw error;
  }
}

/**
 * Validates the environment once at start-up. Every error names the variable and the rule.
 * Names: PORT, MOCK_PORT, DATABASE_URL, GATEWAY_API_KEYS(_FILE), ONELINK_BASE_URL,
 * ONELINK_TOKEN_URL, ONELINK_CLIENT_ID, ONELINK_CLIENT_SECRET(_FILE); optional extras:
 * HOST, LOG_LEVEL, LOG_FLUSH_MS, ONELINK_TIMEOUT_MS, ONELINK_AMOUNT_UNIT, ONELINK_TRANSACTION_TYPE, GATEWAY_PUBLIC_URL, GATEWAY_RECOVERY_GRACE_MS,
 * GATEWAY_RECOVERY_SWEEP_MS, GATEWAY_INSTANCE_ID, GATEWAY_ADMIN_KEYS(_FILE), ONELINK_RATE_LIMIT,
 * GATEWAY_RATE_LIMIT_WAIT_MS, ONELINK_RATE_LIMIT_REDIS_URL(_FILE), GATEWAY_IDEMPOTENCY_TTL,
 * GATEWAY_CORS_ORIGINS, GATEWAY_RRN_BLOCK_SIZE, GATEWAY_SQLITE_SYNCHRONOUS, GATEWAY_SQLITE_CHECKPOINTS,
 * GATEWAY_PG_STATEMENTS, GATEWAY_WORKERS.
 */
export function parseConfig(env: Env = process.env, cwd = process.cwd()): GatewayConfig {
  const port = intVar(env, 'PORT', 8080, 0, 65535);
  const mockPort = intVar(env, 'MOCK_PORT', 4010, 1, 65535);
  const host = nonEmpty(env.HOST) ?? '127.0.0.1';
  const database = parseDatabaseTarget(env, cwd);

  // Read once: keys are hashed at start-up, and a change of keys is a deliberate restart.
  const rawKeys = secretVar(env, 'GATEWAY_API_KEYS', cwd);
  const rawAdminKeys = secretVar(env, 'GATEWAY_ADMIN_KEYS', cwd);
  const apiKeys: ApiKeySet = combineCallerKeys(
    parseApiKeys(rawKeys ?? '', 'GATEWAY_API_KEYS'),
    parseCallerKeys(rawAdminKeys ?? '', 'GATEWAY_ADMIN_KEYS', { admin: true }),
  );

  const baseUrlRaw = nonEmpty(env.ONELINK_BASE_URL);
  const isMock = baseUrlRaw === undefined;
  const baseUrl = urlVar('ONELINK_BASE_URL', baseUrlRaw ?? `http://127.0.0.1:${mockPort}`);
  const tokenUrl = urlVar(
    'ONELINK_TOKEN_URL',
    nonEmpty(env.ONELINK_TOKEN_URL) ??
      (isMock ? `http://127.0.0.1:${mockPort}/oauth2/token` : missing('ONELINK_TOKEN_URL', baseUrlRaw)),
  );
  const clientId =
    nonEmpty(env.ONELINK_CLIENT_ID) ?? (isMock ? MOCK_CLIENT_ID : missing('ONELINK_CLIENT_ID', baseUrlRaw));
  // Checked now, so a missing or unreadable secret fails start-up naming the variable; read again by
  // the client whenever 1LINK refuses it (rotation).
  const configured = secretVar(env, 'ONELINK_CLIENT_SECRET', cwd) !== undefined;
  if (!configured && !isMock) missing('ONELINK_CLIENT_SECRET', baseUrlRaw);
  const clientSecret: SecretProvider = configured
    ? fromEnv('ONELINK_CLIENT_SECRET', { ...env }, { cwd })
    : () => MOCK_CLIENT_SECRET;
  const timeoutMs = intVar(env, 'ONELINK_TIMEOUT_MS', 10_000, 100, 120_000);
  // Public integrations disagree on both (whole rupees or paisa; "P2M" or "064"): one setting each,
  // which the first real capture settles.
  const amountUnit = nonEmpty(env.ONELINK_AMOUNT_UNIT) ?? DEFAULT_AMOUNT_UNIT;
  if (!isAmountUnit(amountUnit)) {
    throw new ConfigError('ONELINK_AMOUNT_UNIT', `must be one of ${AMOUNT_UNITS.join(', ')}`);
  }
  const transactionType = nonEmpty(env.ONELINK_TRANSACTION_TYPE) ?? DEFAULT_TRANSACTION_TYPE;
  if (!/^[\x21-\x7E]{1,35}$/.test(transactionType)) {
    throw new ConfigError('ONELINK_TRANSACTION_TYPE', 'must be 1 to 35 printable characters without spaces');
  }

  const publicBaseUrl = nonEmpty(env.GATEWAY_PUBLIC_URL);
  if (publicBaseUrl !== undefined) urlVar('GATEWAY_PUBLIC_URL', publicBaseUrl);

  const logLevel = nonEmpty(env.LOG_LEVEL) ?? 'info';
  const levels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
  if (!levels.includes(logLevel)) throw new ConfigError('LOG_LEVEL', `must be one of ${levels.join(', ')}`);

  const upstream = {
    baseUrl,
    tokenUrl,
    clientId,
    timeoutMs,
    isMock,
    amountUnit,
    transactionType,
  } as GatewayConfig['upstream'];
  // Non-enumerable: the secret stays out of JSON.stringify(config) and pino's serialisers.
  Object.defineProperty(upstream, 'clientSecret', { value: clientSecret, enumerable: false });

  return {
    host,
    port,
    mockPort,
    database,
    apiKeys,
    upstream,
    // A live process ends every create within about three timeouts (token call, first attempt,
    // one retry); anything pending for longer than that plus a margin was left by a crash.
    recoveryGraceMs: intVar(env, 'GATEWAY_RECOVERY_GRACE_MS', 3 * timeoutMs + 5_000, 0, 3_600_000),
    recoverySweepMs: intVar(env, 'GATEWAY_RECOVERY_SWEEP_MS', 30_000, 100, 3_600_000),
    instanceId: nonEmpty(env.GATEWAY_INSTANCE_ID) ?? (port === 0 ? undefined : `${hostname()}:${port}`),
    publicBaseUrl: publicBaseUrl?.replace(/\/+$/, ''),
    logLevel,
    logFlushMs: intVar(env, 'LOG_FLUSH_MS', DEFAULT_LOG_FLUSH_MS, 0, 1_000),
    planLimit: parsePlanLimit(env, cwd),
    idempotencyTtlMs: parseIdempotencyTtl(nonEmpty(env.GATEWAY_IDEMPOTENCY_TTL)),
    rrnBlockSize: intVar(env, 'GATEWAY_RRN_BLOCK_SIZE', DEFAULT_RRN_BLOCK_SIZE, 1, 100_000),
    workers:
      nonEmpty(env.GATEWAY_WORKERS)?.toLowerCase() === 'auto'
        ? availableParallelism()
        : intVar(env, 'GATEWAY_WORKERS', 1, 1, 64),
    corsOrigins: parseCorsOrigins(env.GATEWAY_CORS_ORIGINS),
  };
}

/** ONELINK_RATE_LIMIT, GATEWAY_RATE_LIMIT_WAIT_MS and ONELINK_RATE_LIMIT_REDIS_URL(_FILE). */
function parsePlanLimit(env: Env, cwd: string): GatewayConfig['planLimit'] {
  const rateText = nonEmpty(env.ONELINK_RATE_LIMIT);
  const redisUrl = secretVar(env, 'ONELINK_RATE_LIMIT_REDIS_URL', cwd);
  if (rateText === undefined) {
    if (redisUrl !== undefined)
      throw new ConfigError('ONELINK_RATE_LIMIT_REDIS_URL', 'needs ONELINK_RATE_LIMIT (e.g. 50/s)');
    return undefined;
  }
  const limit = {
    rate: parsePlanRate(rateText),
    waitMs: intVar(env, 'GATEWAY_RATE_LIMIT_WAIT_MS', 2_000, 0, 60_000),
  };
  if (redisUrl !== undefined) {
    let protocol = '';
    try {
      protocol = new URL(redisUrl).protocol;
    } catch {
      // The value may hold a password: the rule is named, the value never.
    }
    if (protocol !== 'redis:' && protocol !== 'rediss:') {
      throw new ConfigError('ONELINK_RATE_LIMIT_REDIS_URL', 'must be a redis:// or rediss:// URL');
    }
    // Non-enumerable: a password in the URL stays out of JSON.stringify(config) and the logs.
    Object.defineProperty(limit, 'redisUrl', { value: redisUrl, enumerable: false });
  }
  return limit;
}

function missing(name: string, baseUrl: string | undefined): never {
  throw new ConfigError(name, `is required when ONELINK_BASE_URL is set (${baseUrl})`);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function intVar(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = nonEmpty(env[name]);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `must be an integer between ${min} and ${max}`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(name, `must be between ${min} and ${max}`);
  return value;
}

function urlVar(name: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(name, 'must be an absolute http(s) URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(name, 'must use http or https');
  }
  return value.replace(/\/+$/, '');
}
