import { createLogger, type Logger } from '@onelink-kit/core';
import type { DestinationStream } from 'pino';

export type { Logger };

/** Member names of gateway callers' credentials, on top of the toolkit's (authorization, cookie, …). */
export const GATEWAY_REDACT_KEYS = ['x-api-key', 'apiKey'];

/**
 * The gateway's root logger: the toolkit's one pino factory plus the gateway's credential names.
 * `flushMs` (LOG_FLUSH_MS): how long a line may wait in a buffer when writing to stdout; 0 writes each
 * line at once.
 */
export function createGatewayLogger(level: string, destination?: DestinationStream, flushMs = 0): Logger {
  return createLogger(
    { name: 'onelink-gateway', level, redactKeys: GATEWAY_REDACT_KEYS, flushMs },
    destination,
  );
}
