// The worker pool's primary (GATEWAY_WORKERS > 1), apart from server.ts so that the primary loads
// only what it runs: the database migration, the plan count and the metrics sum for its workers,
// and node:cluster. It never serves a request, so Express, the validator and the 1LINK client stay
// out of it (measured on dist/ until the pool listens: 0.64 → 0.45 s of CPU, RSS 100 → 84 MB).
import type { GatewayConfig } from './config.js';
import type { Logger } from './logger.js';
import { closeDatabase } from './storage/database.js';
import { openDatabase } from './storage/open-database.js';
import { planLimitStoreKind, startPlanLimitPrimary } from './upstream/plan-limit.js';
import { serveWorkerMetrics } from './worker-metrics.js';
import { startWorkerPool, type WorkerPool } from './workers.js';

/**
 * GATEWAY_WORKERS > 1, in the primary process: migrates the database once (so workers never race
 * the migrations), holds the plan count and the metrics sum for the workers, and forks them. Each
 * worker runs `startGateway` on the shared port. Resolves with the pool once every worker listens.
 */
export async function startGatewayWorkers(
  config: GatewayConfig,
  logger: Logger,
): Promise<WorkerPool & { url: string }> {
  const db = await openDatabase(config.database, logger);
  await closeDatabase(db);
  if (config.planLimit !== undefined && planLimitStoreKind(config, true) === 'cluster')
    startPlanLimitPrimary();
  serveWorkerMetrics();
  const pool = startWorkerPool({ count: config.workers, logger });
  const url = await pool.ready.catch(async (error: unknown) => {
    await pool.stop();
    throw error;
  });
  logger.info(
    { url, workers: config.workers, database: config.database.client },
    'gateway workers listening',
  );
  return { ...pool, url };
}
