import { Redis } from 'ioredis';
import type { Knex } from 'knex';
import {
  type RateLimiterAbstract,
  RateLimiterCluster,
  RateLimiterClusterMaster,
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRedis,
  RateLimiterRes,
} from 'rate-limiter-flexible';
import type { GatewayConfig } from '../config.js';
import type { Logger } from '../logger.js';
import type { PlanRate } from '../plan-rate.js';

/**
 * Where the count lives. The plan limit is per 1LINK application (client id), not per process, so
 * instances sharing a Postgres database count there (or in Redis, where an operator runs one); the
 * memory store counts for this process only (SQLite: one instance).
 */
export type PlanLimitStore =
  | { kind: 'memory' }
  /** Workers of one gateway (GATEWAY_WORKERS): counted in their primary, see startPlanLimitPrimary. */
  | { kind: 'cluster' }
  | { kind: 'postgres'; db: Knex; tableName: string }
  | { kind: 'redis'; url: string };

/** May this create go upstream now? If not, how long until it may. */
export type PlanSlot = { ok: true; waitedMs: number } | { ok: false; retryAfterSeconds: number };

export interface PlanLimit {
  readonly store: PlanLimitStore['kind'];
  /**
   * Takes one call from the plan, waiting (up to the configured bound) for the next window when the
   * current one is used up. Called before a STAN/RRN is allocated, so a refusal spends nothing.
   */
  acquire(): Promise<PlanSlot>;
  /**
   * Settles once the shared store has answered its first connect: ready, or failed (the process
   * then counts in memory until it is back). Awaited at start-up, so the first creates are counted
   * where every instance sees them; at once for the stores that need no connection.
   */
  ready(): Promise<void>;
  close(): Promise<void>;
}

export interface PlanLimitOptions {
  rate: PlanRate;
  /** How long a create may wait for the next window before it is refused (429). */
  waitMs: number;
  store: PlanLimitStore;
  /** The counter's key: the 1LINK client id (not a secret), so applications sharing a store do not mix. */
  key: string;
  logger?: Logger;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

/**
 * rate-limiter-flexible's fixed window (the plan's N calls per window) in the chosen store. When the
 * shared store fails (Redis or Postgres down), a per-process memory limiter with the same rate takes
 * over (the library's insurance limiter), so creates go on at most instances × the plan.
 */
export function createPlanLimit(options: PlanLimitOptions): PlanLimit {
  const { rate, store } = options;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const now = options.now ?? Date.now;
  const base = { points: rate.points, duration: rate.durationSec, keyPrefix: 'onelink_plan' };
  const insurance = new RateLimiterMemory(base);
  let redis: Redis | undefined;
  let connected: Promise<void> = Promise.resolve();
  let limiter: RateLimiterAbstract;
  if (store.kind === 'postgres') {
    // The table is made by the gateway's migrations (tableCreated), so no instance races to create it.
    limiter = new RateLimiterPostgres({
      ...base,
      storeClient: store.db,
      storeType: 'knex',
      tableName: store.tableName,
      tableCreated: true,
      insuranceLimiter: insurance,
    });
  } else if (store.kind === 'redis') {
    redis = new Redis(store.url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false });
    redis.on('error', (error: Error) =>
      options.logger?.warn(
        { err: { message: error.message } },
        'plan rate limit: Redis unavailable, counting in this process',
      ),
    );
    const client = redis;
    connected = new Promise<void>((resolve) => {
      client.once('ready', resolve);
      client.once('error', () => resolve());
      client.once('end', resolve);
    });
    limiter = new RateLimiterRedis({ ...base, storeClient: redis, insuranceLimiter: insurance });
  } else if (store.kind === 'cluster') {
    limiter = new RateLimiterCluster({ ...base, timeoutMs: 5_000 });
  } else {
    limiter = insurance;
  }

  return {
    store: store.kind,
    async acquire() {
      const start = now();
      const deadline = start + options.waitMs;
      for (;;) {
        try {
          await limiter.consume(options.key, 1);
          return { ok: true, waitedMs: now() - start };
        } catch (rejection) {
          if (!(rejection instanceof RateLimiterRes)) throw rejection;
          const waitMs = Math.max(rejection.msBeforeNext, 1);
          if (now() + waitMs > deadline) {
            return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
          }
          // Waiters of all instances wake together at the window's start; a little jitter spreads
          // their retries so the store is not hit by all of them in the same millisecond.
          await sleep(waitMs + Math.floor(Math.random() * 20));
        }
      }
    },
    ready: () => connected,
    async close() {
      if (redis !== undefined) await redis.quit().catch(() => redis?.disconnect());
    },
  };
}

/** In a worker pool's primary: holds the count its workers' `cluster` plan limits share. */
export function startPlanLimitPrimary(): void {
  new RateLimiterClusterMaster();
}

/**
 * Where the plan is counted. `inPool`: this process is a pool's worker or its primary; a gateway
 * started in-process (tests, an embedding service) counts in memory whatever GATEWAY_WORKERS says,
 * since there is no primary to ask.
 */
export function planLimitStoreKind(config: GatewayConfig, inPool: boolean): PlanLimitStore['kind'] {
  if (config.planLimit?.redisUrl !== undefined) return 'redis';
  if (config.database.client === 'postgres') return 'postgres';
  return inPool ? 'cluster' : 'memory';
}
