import { Router } from 'express';
import { ProblemError } from '../problems.js';
import { checkReady, type Database } from '../storage/database.js';

/** Unauthenticated probes: liveness, readiness (database + migrations) and Prometheus metrics. */
export function operationsRoutes(deps: {
  db: Database;
  metricsText: () => Promise<string>;
  contentType: string;
}): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const ready = await checkReady(deps.db);
    if (!ready.ok) throw new ProblemError('not-ready', ready.reason);
    res.json({ status: 'ready' });
  });
  router.get('/metrics', async (_req, res) => {
    const text = await deps.metricsText();
    res.type(deps.contentType).send(text);
  });
  return router;
}
