import { createOneLinkClient, type OneLinkClient } from '@onelink-kit/client';
import type { StanRrnAllocator } from '@onelink-kit/core';
import type { GatewayConfig } from '../config.js';
import type { Logger } from '../logger.js';
import type { GatewayMetrics } from '../metrics.js';
import type { UpstreamAnswers } from './upstream-answers.js';

/**
 * The 1LINK client the gateway uses: one per process, so the token is cached and refreshed once for
 * all requests. Retries are bounded (two attempts within one timeout's worth of backoff) so a
 * create always ends well inside the recovery grace period.
 */
export function createUpstreamClient(
  config: GatewayConfig['upstream'],
  deps: {
    logger: Logger;
    metrics: GatewayMetrics;
    allocator: StanRrnAllocator;
    answers?: UpstreamAnswers;
    fetch?: typeof fetch;
    /** The Request class that goes with `fetch` (the keep-alive transport's own). */
    Request?: typeof Request;
  },
): OneLinkClient {
  return createOneLinkClient({
    baseUrl: config.baseUrl,
    tokenUrl: config.tokenUrl,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    timeoutMs: config.timeoutMs,
    // The one place these are set (ONELINK_AMOUNT_UNIT, ONELINK_TRANSACTION_TYPE); the QR service reads
    // them back from the client.
    amountUnit: config.amountUnit,
    transactionType: config.transactionType,
    retry: { maxAttempts: 2, maxElapsedMs: config.timeoutMs },
    allocator: deps.allocator,
    logger: deps.logger,
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
    ...(deps.Request ? { Request: deps.Request } : {}),
    hooks: {
      onResponse(event) {
        if (event.operationId !== 'requestToken' && event.rrn) {
          deps.answers?.record(event.rrn, {
            httpStatus: event.status,
            body: event.body,
            requestId: event.requestId,
            attempt: event.attempt,
          });
        }
        if (event.operationId === 'requestToken') {
          deps.metrics.tokenRefreshes.inc({
            result: event.status >= 200 && event.status < 300 ? 'ok' : 'error',
          });
        }
      },
      onError(event) {
        if (event.operationId === 'requestToken') deps.metrics.tokenRefreshes.inc({ result: 'error' });
      },
    },
  });
}
