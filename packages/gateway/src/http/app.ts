import type { StanRrnAllocator } from '@onelink-kit/core';
import { document } from '@onelink-kit/generated/gateway';
import express, { type Express, type RequestHandler } from 'express';
import type { ApiKeySet } from '../api-keys.js';
import type { Logger } from '../logger.js';
import { createMetrics, type GatewayMetrics } from '../metrics.js';
import { pagesRoutes } from '../pages/pages-routes.js';
import { createQrService, type QrService, type QrUpstream } from '../qr/qr-service.js';
import type { Database } from '../storage/database.js';
import { createRrnAllocator } from '../storage/rrn-allocator.js';
import { createTransactionsStore, type TransactionsStore } from '../storage/transactions-store.js';
import type { PlanLimit } from '../upstream/plan-limit.js';
import type { UpstreamAnswers } from '../upstream/upstream-answers.js';
import { apiKeyAuth } from './auth.js';
import { notFound, problemHandler } from './error-handler.js';
import { inSequence } from './in-sequence.js';
import { openApiValidator } from './openapi-validator.js';
import { operationsRoutes } from './operations-routes.js';
import { qrRoutes } from './qr-routes.js';
import { requestLog } from './request-log.js';
import { securityHeaders } from './security-headers.js';
import { transactionsRoutes } from './transactions-routes.js';

export interface GatewayAppOptions {
  db: Database;
  apiKeys: ApiKeySet;
  upstream: QrUpstream;
  logger: Logger;
  metrics?: GatewayMetrics;
  publicBaseUrl?: string | undefined;
  now?: () => number;
  /** How long a repeated Idempotency-Key waits for the first request (default 30 s). */
  idempotencyWaitMs?: number;
  /** Extra headers on every upstream call (tests select a Prism scenario with them). */
  upstreamHeaders?: Record<string, string>;
  /** Raw 1LINK answers recorded by the client's hook, stored with error outcomes. */
  answers?: UpstreamAnswers;
  /** This instance's stable name, written on its pending rows (see config.instanceId). */
  instanceId?: string | undefined;
  /** The upstream is the default local mock, which replays one recorded QR (see qr/qr-acceptance.ts). */
  mockUpstream?: boolean;
  /** How long an Idempotency-Key replays (default 24 h). */
  idempotencyTtlMs?: number;
  /** The 1LINK plan's rate limit, shared by every instance through its store. */
  planLimit?: PlanLimit;
  /** Browser origins CORS allows (none: CORS off). */
  corsOrigins?: readonly string[];
  /** The STAN/RRN allocator (default: one over `db`, a counter write per allocation). */
  allocator?: StanRrnAllocator;
  /** What /metrics serves (default: this process's registry; a worker pool's worker: the pool's sum). */
  metricsText?: () => Promise<string>;
}

export interface GatewayApp {
  app: Express;
  store: TransactionsStore;
  allocator: StanRrnAllocator;
  service: QrService;
  metrics: GatewayMetrics;
}

/** The spec's path templates as matchers, for metric labels with bounded values. */
const SPEC_ROUTES = Object.keys(document.paths).map((template) => ({
  template,
  pattern: new RegExp(`^${template.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '[^/]+')}$`),
}));

function specRoute(path: string): string {
  return SPEC_ROUTES.find((r) => r.pattern.test(path))?.template ?? 'unmatched';
}

/**
 * `routes` (pages, probes: none of their paths is under /v1/) asked only for requests outside the API,
 * so an API request skips matching their layers one by one (express's router was about 5% of a GET's
 * CPU in a `pnpm bench:gateway` profile, walking those routers included).
 */
function outsideApi(routes: RequestHandler): RequestHandler {
  return (req, res, next) => {
    if (req.path.startsWith('/v1/')) next();
    else routes(req, res, next);
  };
}

export function createGatewayApp(options: GatewayAppOptions): GatewayApp {
  const { db, logger } = options;
  const metrics = options.metrics ?? createMetrics();
  const nowMs = options.now ?? Date.now;
  const store = createTransactionsStore(db, () => new Date(nowMs()), options.instanceId ?? null);
  const allocator = options.allocator ?? createRrnAllocator(db, () => new Date(nowMs()));
  const publicBaseUrl = options.publicBaseUrl ?? '';
  const service = createQrService({
    store,
    allocator,
    upstream: options.upstream,
    logger,
    metrics,
    publicBaseUrl,
    now: nowMs,
    ...(options.idempotencyWaitMs === undefined ? {} : { idempotencyWaitMs: options.idempotencyWaitMs }),
    ...(options.upstreamHeaders === undefined ? {} : { upstreamHeaders: options.upstreamHeaders }),
    ...(options.answers === undefined ? {} : { answers: options.answers }),
    ...(options.mockUpstream === undefined ? {} : { mockUpstream: options.mockUpstream }),
    ...(options.idempotencyTtlMs === undefined ? {} : { idempotencyTtlMs: options.idempotencyTtlMs }),
    ...(options.planLimit === undefined ? {} : { planLimit: options.planLimit }),
  });

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);

  const countRequest: RequestHandler = (req, res, next) => {
    const end = metrics.httpDuration.startTimer();
    res.on('finish', () => {
      // The spec's path template (bounded label values), not the raw URL.
      const openapi = (req as { openapi?: { openApiRoute?: string } }).openapi;
      // Requests refused before the validator ran (401) are matched against the spec's paths here.
      const route = openapi?.openApiRoute ?? specRoute(req.path);
      const labels = { method: req.method, route, status: String(res.statusCode) };
      metrics.httpRequests.inc(labels);
      end(labels);
      // By the caller's name (never its key); requests without a valid key count as `none`.
      const caller = typeof res.locals.caller === 'string' ? res.locals.caller : 'none';
      if (caller !== 'warmup') metrics.callerRequests.inc({ caller, route, status: labels.status });
    });
    next();
  };

  // What every request passes, in this order, as one router layer (see in-sequence.ts).
  app.use(
    inSequence([
      // Every request is logged once it is answered (or aborted); req.log carries only the request
      // id, and the QR service binds the same id to its lines, so every line a request causes can be
      // found by its X-Request-Id.
      requestLog(logger),
      countRequest,
      ...securityHeaders(options.corsOrigins ?? []),
      // Pages people look at answer without a key (see pages/pages-routes.ts).
      outsideApi(pagesRoutes({ store, now: nowMs })),
      apiKeyAuth(options.apiKeys),
      express.json({ limit: '16kb' }),
      ...openApiValidator(),
      outsideApi(
        operationsRoutes({
          db,
          contentType: metrics.registry.contentType,
          metricsText: options.metricsText ?? (() => metrics.registry.metrics()),
        }),
      ),
    ]),
  );
  app.use(qrRoutes({ service, store, publicBaseUrl }));
  app.use(transactionsRoutes({ store, logger }));
  app.use(notFound);
  app.use(problemHandler(logger));

  return { app, store, allocator, service, metrics };
}
