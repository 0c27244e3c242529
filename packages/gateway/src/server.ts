import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GatewayConfig } from './config.js';
import { createGatewayApp, type GatewayApp } from './http/app.js';
import { expressServer } from './http/express-server.js';
import { warmUpPrivately, withWarmUpKey } from './http/warm-up.js';
import { createGatewayLogger, type Logger } from './logger.js';
import { createMetrics } from './metrics.js';
import { closeDatabase, type Database } from './storage/database.js';
import { RATE_LIMITS } from './storage/migrations.js';
import { openDatabase } from './storage/open-database.js';
import { createRrnAllocator } from './storage/rrn-allocator.js';
import type { TransactionRecord } from './storage/transactions-store.js';
import { createKeepAliveFetch } from './upstream/keep-alive-fetch.js';
import {
  createPlanLimit,
  type PlanLimit,
  type PlanLimitStore,
  planLimitStoreKind,
} from './upstream/plan-limit.js';
import { createUpstreamAnswers } from './upstream/upstream-answers.js';
import { createUpstreamClient } from './upstream/upstream-client.js';
import { workerMetrics } from './worker-metrics.js';
import { reportListening, workerInstanceId, workerSlot } from './workers.js';

export interface RunningGateway extends GatewayApp {
  url: string;
  port: number;
  server: Server;
  db: Database;
  logger: Logger;
  /** Rows recovered from `pending` to `unknown` at start-up. */
  recovered: TransactionRecord[];
  /** Stop accepting, let in-flight requests finish (up to drainMs), close the database. */
  close(drainMs?: number): Promise<void>;
}

export interface StartOptions {
  logger?: Logger;
  fetch?: typeof fetch;
  upstreamHeaders?: Record<string, string>;
}

/**
 * Start-up order: migrate, recover what a crash left pending, then listen. A periodic sweep
 * recovers rows that were still inside the grace period at start-up (another live process may
 * have owned them).
 */
export async function startGateway(
  config: GatewayConfig,
  options: StartOptions = {},
): Promise<RunningGateway> {
  const logger = options.logger ?? createGatewayLogger(config.logLevel, undefined, config.logFlushMs);
  const db = await openDatabase(config.database, logger);
  const metrics = createMetrics();
  // In a worker pool (GATEWAY_WORKERS) each worker is an instance of its own.
  const slot = workerSlot();
  const instanceId = workerInstanceId(config.instanceId, slot);

  const answers = createUpstreamAnswers();
  // One allocator for the process: the client's (bodies without a STAN/RRN) and the QR service's.
  const allocator = createRrnAllocator(db, undefined, { blockSize: config.rrnBlockSize });
  // 1LINK is called over keep-alive node:http(s) agents unless the caller brings its own fetch.
  const transport = createKeepAliveFetch();
  const client = createUpstreamClient(config.upstream, {
    logger,
    metrics,
    answers,
    allocator,
    // The transport's Request class goes only with the transport: another fetch gets the platform's.
    ...(options.fetch ? { fetch: options.fetch } : { fetch: transport.fetch, Request: transport.Request }),
  });
  const planLimit =
    config.planLimit === undefined ? undefined : startPlanLimit(config, db, logger, slot !== undefined);
  await planLimit?.ready();
  const warm = withWarmUpKey(config.apiKeys);
  const gateway = createGatewayApp({
    db,
    apiKeys: warm.keys,
    upstream: client,
    logger,
    metrics,
    publicBaseUrl: config.publicBaseUrl,
    idempotencyWaitMs: 3 * config.upstream.timeoutMs,
    answers,
    instanceId,
    mockUpstream: config.upstream.isMock,
    idempotencyTtlMs: config.idempotencyTtlMs,
    corsOrigins: config.corsOrigins,
    allocator,
    ...(slot === undefined ? {} : { metricsText: workerMetrics(metrics.registry) }),
    ...(planLimit ? { planLimit } : {}),
    ...(options.upstreamHeaders ? { upstreamHeaders: options.upstreamHeaders } : {}),
  });

  // At start-up this instance's own pending rows can only be left by its previous run (a crash), so
  // they are recovered at once; other instances' rows only once older than the grace period, since
  // those instances may still be waiting for 1LINK. The periodic sweep applies the grace period only.
  const recover = async (ownRows: boolean): Promise<TransactionRecord[]> => {
    const rows = await gateway.store.recoverPending(
      new Date(Date.now() - config.recoveryGraceMs),
      ownRows ? instanceId : undefined,
    );
    if (rows.length > 0) {
      gateway.metrics.recoveredTransactions.inc(rows.length);
      logger.warn(
        {
          count: rows.length,
          transactions: rows.map((r) => ({ id: r.id, stan: r.stan, rrn: r.rrn, createdAt: r.createdAt })),
        },
        'pending transactions left by a crash are now unknown: reconcile them by RRN (GET /v1/transactions?status=unknown)',
      );
    }
    return rows;
  };
  const recovered = await recover(true);
  const sweep = setInterval(() => {
    recover(false).catch((error) => logger.error({ err: error }, 'recovery sweep failed'));
  }, config.recoverySweepMs);
  sweep.unref();

  // Validators compile on a route's first request: warm them up before the port opens, on a listener
  // of this process's own (a worker pool shares its port, so a request there may reach another worker).
  try {
    await warmUpPrivately(gateway.app, warm.key);
  } finally {
    warm.done();
    // Warm-up traffic is not traffic: start the request metrics from zero.
    gateway.metrics.httpRequests.reset();
    gateway.metrics.httpDuration.reset();
  }

  const server = expressServer(gateway.app).listen(config.port, config.host);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve);
      server.once('error', reject);
    });
  } catch (error) {
    // e.g. EADDRINUSE: release what start-up acquired before reporting.
    clearInterval(sweep);
    transport.close();
    await planLimit?.close();
    await closeDatabase(db);
    throw error;
  }
  // Keep-alive sockets longer than typical load balancer idle timeouts, so they close the socket first.
  server.keepAliveTimeout = 65_000;
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  logger.info(
    {
      url,
      database: config.database.client,
      upstream: config.upstream.baseUrl,
      planLimit: planLimit?.store ?? 'none',
      ...(slot === undefined ? {} : { worker: slot, instanceId }),
    },
    'gateway listening',
  );
  reportListening(url);

  let closing: Promise<void> | undefined;
  const close = (drainMs = 10_000): Promise<void> => {
    closing ??= (async () => {
      clearInterval(sweep);
      logger.info('shutting down: no new connections, draining in-flight requests');
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Keep-alive sockets turn idle when their in-flight response ends; close them as they do.
      server.closeIdleConnections();
      const reaper = setInterval(() => server.closeIdleConnections(), 50);
      const timer = setTimeout(() => {
        logger.warn({ drainMs }, 'drain timeout: closing remaining connections');
        server.closeAllConnections();
      }, drainMs);
      timer.unref();
      await closed;
      clearTimeout(timer);
      clearInterval(reaper);
      transport.close();
      await planLimit?.close();
      await closeDatabase(db);
      logger.info('gateway stopped');
    })();
    return closing;
  };

  return { ...gateway, url, port, server, db, logger, recovered, close };
}

/**
 * The plan's limit counted where every instance sees it: Redis when ONELINK_RATE_LIMIT_REDIS_URL is
 * set, else the Postgres database the instances share, else the worker pool's primary (SQLite with
 * GATEWAY_WORKERS), else this process (SQLite runs one instance).
 * Keyed by the 1LINK client id, since the plan belongs to the application.
 */
function startPlanLimit(config: GatewayConfig, db: Database, logger: Logger, inPool: boolean): PlanLimit {
  const limit = config.planLimit!;
  const kind = planLimitStoreKind(config, inPool);
  const store: PlanLimitStore =
    kind === 'redis'
      ? { kind, url: limit.redisUrl! }
      : kind === 'postgres'
        ? { kind, db, tableName: RATE_LIMITS }
        : { kind };
  return createPlanLimit({
    rate: limit.rate,
    waitMs: limit.waitMs,
    store,
    key: config.upstream.clientId,
    logger,
  });
}
