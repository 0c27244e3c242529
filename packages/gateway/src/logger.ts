import { createLogger, type Logger } from '@onelink-kit/core';
import type { DestinationStream } from 'pino';

export type { Logger };

/** Headers of gateway callers that carry credentials, on top of the client's redaction list. */
export const GATEWAY_REDACT_PATHS = [
  'req.headers["x-api-key"]',
  'req.headers.authorization',
  'req.headers.cookie',
  'headers["x-api-key"]',
  'apiKey',
  '*.apiKey',
];

/** The gateway's root logger: the toolkit's one pino factory plus the gateway's redaction paths. */
export function createGatewayLogger(level: string, destination?: DestinationStream): Logger {
  return createLogger({ name: 'onelink-gateway', level, redact: GATEWAY_REDACT_PATHS }, destination);
}
