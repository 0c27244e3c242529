import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { isAbsolute, resolve } from 'node:path';
import { ConfigError } from './config-error.js';
import { type ApiKeySet, parseApiKeys } from './http/api-keys.js';

export { ConfigError };

/** Where the gateway stores transactions. */
export type DatabaseTarget =
  | { client: 'sqlite'; filename: string }
  | { client: 'postgres'; connectionString: string; searchPath?: string };

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
    /** Never logged; kept off JSON.stringify by the getter in parseConfig. */
    readonly clientSecret: string;
    timeoutMs: number;
    /** True when the target is the local Prism mock (the default). */
    isMock: boolean;
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
}

type Env = Readonly<Record<string, string | undefined>>;

const MOCK_CLIENT_ID = 'mock-client-id';
// Not a secret: the Prism mock accepts any client credentials.
const MOCK_CLIENT_SECRET = 'mock-client-secret';

/**
 * Reads `NAME` or `NAME_FILE` (file contents, trailing newline trimmed). Setting both is an
 * error, so a stale env value can never silently win over the mounted secret.
 */
export function readSecret(env: Env, name: string, cwd = process.cwd()): string | undefined {
  const direct = nonEmpty(env[name]);
  const file = nonEmpty(env[`${name}_FILE`]);
  if (direct !== undefined && file !== undefined) {
    throw new ConfigError(name, `set either ${name} or ${name}_FILE, not both`);
  }
  if (file === undefined) return direct;
  const path = isAbsolute(file) ? file : resolve(cwd, file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'read error';
    throw new ConfigError(`${name}_FILE`, `cannot read file ${path} (${code})`);
  }
  const value = text.replace(/\r?\n$/, '');
  if (value.trim() === '') throw new ConfigError(`${name}_FILE`, `file ${path} is empty`);
  return value;
}

/**
 * Validates the environment once at start-up. Every error names the variable and the rule.
 * Names: PORT, MOCK_PORT, DATABASE_URL, GATEWAY_API_KEYS(_FILE), ONELINK_BASE_URL,
 * ONELINK_TOKEN_URL, ONELINK_CLIENT_ID, ONELINK_CLIENT_SECRET(_FILE); optional extras:
 * HOST, LOG_LEVEL, ONELINK_TIMEOUT_MS, GATEWAY_PUBLIC_URL, GATEWAY_RECOVERY_GRACE_MS,
 * GATEWAY_RECOVERY_SWEEP_MS, GATEWAY_INSTANCE_ID.
 */
export function parseConfig(env: Env = process.env, cwd = process.cwd()): GatewayConfig {
  const port = intVar(env, 'PORT', 8080, 0, 65535);
  const mockPort = intVar(env, 'MOCK_PORT', 4010, 1, 65535);
  const host = nonEmpty(env.HOST) ?? '127.0.0.1';
  const database = parseDatabaseUrl(nonEmpty(env.DATABASE_URL), cwd);

  const rawKeys = readSecret(env, 'GATEWAY_API_KEYS', cwd);
  const apiKeys: ApiKeySet = parseApiKeys(rawKeys ?? '', 'GATEWAY_API_KEYS');

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
  const clientSecret =
    readSecret(env, 'ONELINK_CLIENT_SECRET', cwd) ??
    (isMock ? MOCK_CLIENT_SECRET : missing('ONELINK_CLIENT_SECRET', baseUrlRaw));
  const timeoutMs = intVar(env, 'ONELINK_TIMEOUT_MS', 10_000, 100, 120_000);

  const publicBaseUrl = nonEmpty(env.GATEWAY_PUBLIC_URL);
  if (publicBaseUrl !== undefined) urlVar('GATEWAY_PUBLIC_URL', publicBaseUrl);

  const logLevel = nonEmpty(env.LOG_LEVEL) ?? 'info';
  const levels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
  if (!levels.includes(logLevel)) throw new ConfigError('LOG_LEVEL', `must be one of ${levels.join(', ')}`);

  const upstream = { baseUrl, tokenUrl, clientId, timeoutMs, isMock } as GatewayConfig['upstream'];
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
  };
}

/** `unset → ./data/gateway.sqlite`, `sqlite:PATH`, `postgres://…` / `postgresql://…`. */
export function parseDatabaseUrl(value: string | undefined, cwd = process.cwd()): DatabaseTarget {
  if (value === undefined) return { client: 'sqlite', filename: resolve(cwd, 'data/gateway.sqlite') };
  if (value.startsWith('sqlite:')) {
    const path = value.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (path === '')
      throw new ConfigError('DATABASE_URL', 'sqlite: needs a file path, e.g. sqlite:./data/gw.sqlite');
    if (path === ':memory:') {
      // Each pooled connection would get its own empty database.
      throw new ConfigError('DATABASE_URL', 'sqlite::memory: is not supported; use a file path');
    }
    return { client: 'sqlite', filename: isAbsolute(path) ? path : resolve(cwd, path) };
  }
  if (/^postgres(ql)?:\/\//.test(value)) {
    try {
      new URL(value);
    } catch {
      throw new ConfigError('DATABASE_URL', 'is not a valid postgres:// URL');
    }
    return { client: 'postgres', connectionString: value };
  }
  throw new ConfigError('DATABASE_URL', 'must be unset, sqlite:PATH or postgres://user@host:port/db');
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
