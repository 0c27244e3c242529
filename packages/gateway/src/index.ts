// Public entry of @onelink-kit/gateway.

export { type ApiKeySet, generateApiKey, parseApiKeys, presentedKey } from './api-keys.js';
export { type Caller, type CallerKeySet, canRead, combineCallerKeys, parseCallerKeys } from './callers.js';
export { PURGE_USAGE, type PurgeIo, runPurge } from './cli/purge.js';
export {
  type DatabaseTarget,
  type GatewayConfig,
  parseConfig,
  parseDatabaseUrl,
} from './config.js';
export { ConfigError } from './config-error.js';
export { createGatewayApp, type GatewayApp, type GatewayAppOptions } from './http/app.js';
export { createGatewayLogger } from './logger.js';
export { createMetrics, type GatewayMetrics } from './metrics.js';
export { type DocsPageOptions, docsAssetFiles, docsHtml, STATIC_DOCS_CSP } from './pages/docs-routes.js';
export { PROBLEM_CATALOGUE, ProblemError, type ProblemName } from './problems.js';
export { decodeAndCheck } from './qr/qr-decode.js';
export { type QrView, toQrView } from './qr/qr-view.js';
export { type RunningGateway, type StartOptions, startGateway } from './server.js';
export { checkReady, createDatabase, type Database, migrateToLatest } from './storage/database.js';
export { describeDatabase } from './storage/open-database.js';
export { PURGED_COLUMNS, type PurgeResult, purgeBodies } from './storage/purge.js';
export { createRrnAllocator, pktDay } from './storage/rrn-allocator.js';
export {
  createTransactionsStore,
  type TransactionRecord,
  type TransactionStatus,
} from './storage/transactions-store.js';
