// Public entry of @onelink-kit/gateway.

export {
  type DatabaseTarget,
  type GatewayConfig,
  parseConfig,
  parseDatabaseUrl,
} from './config.js';
export { ConfigError } from './config-error.js';
export { type ApiKeySet, generateApiKey, parseApiKeys, presentedKey } from './api-keys.js';
export { createGatewayApp, type GatewayApp, type GatewayAppOptions } from './http/app.js';
export { PROBLEM_CATALOGUE, ProblemError, type ProblemName } from './problems.js';
export { type DocsPageOptions, docsAssetFiles, docsHtml, STATIC_DOCS_CSP } from './pages/docs-routes.js';
export { createGatewayLogger } from './logger.js';
export { createMetrics, type GatewayMetrics } from './metrics.js';
export { decodeAndCheck } from './qr/qr-decode.js';
export { type QrView, toQrView } from './qr/qr-view.js';
export { describeDatabase, type RunningGateway, type StartOptions, startGateway } from './server.js';
export { checkReady, createDatabase, type Database, migrateToLatest } from './storage/database.js';
export { createRrnAllocator, pktDay } from './storage/rrn-allocator.js';
export {
  createTransactionsStore,
  type TransactionRecord,
  type TransactionStatus,
} from './storage/transactions-store.js';
