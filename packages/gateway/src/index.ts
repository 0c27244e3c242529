// Public entry of @onelink-kit/gateway.
export { type ApiKeySet, generateApiKey, parseApiKeys, presentedKey } from './api-keys.js';
export { createGatewayApp, type GatewayApp, type GatewayAppOptions } from './app.js';
export {
  type DatabaseTarget,
  type GatewayConfig,
  parseConfig,
  parseDatabaseUrl,
  readSecret,
} from './config.js';
export { ConfigError } from './config-error.js';
export { checkReady, createDatabase, type Database, migrateToLatest } from './database.js';
export { createGatewayLogger } from './logger.js';
export { createMetrics, type GatewayMetrics } from './metrics.js';
export { PROBLEM_CATALOGUE, ProblemError, type ProblemName } from './problems.js';
export { decodeAndCheck } from './qr-decode.js';
export { type QrView, toQrView } from './qr-view.js';
export { createRrnAllocator, pktDay } from './rrn-allocator.js';
export { describeDatabase, type RunningGateway, type StartOptions, startGateway } from './server.js';
export {
  createTransactionsStore,
  type TransactionRecord,
  type TransactionStatus,
} from './transactions-store.js';
