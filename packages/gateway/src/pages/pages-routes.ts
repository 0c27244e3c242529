import { Router } from 'express';
import type { TransactionsStore } from '../storage/transactions-store.js';
import { assetsRoutes } from './assets.js';
import { consoleRoutes } from './console-routes.js';
import { docsRoutes } from './docs-routes.js';
import { payRoutes } from './pay-routes.js';

/**
 * Everything people look at, all without an API key: the API reference and the OpenAPI document,
 * the console's pages (its script calls the API with the operator's key), the payer's page (the
 * unguessable id is the secret) and the files they load. Mounted before the key check.
 */
export function pagesRoutes(deps: { store: TransactionsStore; now: () => number }): Router {
  const router = Router();
  router.use(assetsRoutes());
  router.use(docsRoutes());
  router.use(consoleRoutes());
  router.use(payRoutes(deps));
  router.get('/', (_req, res) => {
    res.redirect(302, '/docs');
  });
  // Browsers ask for it on every page; without this it would be a 401 problem in their console.
  router.get('/favicon.ico', (_req, res) => {
    res.status(204).end();
  });
  return router;
}
