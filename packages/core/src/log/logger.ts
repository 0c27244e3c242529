import { type DestinationStream, type Logger, type LoggerOptions, pino } from 'pino';
import { SENSITIVE_HEADERS, SENSITIVE_KEYS } from './redaction.js';

export type { Logger } from 'pino';

// Pino paths cannot be case-insensitive or recursive, so list the shapes this package (and the
// gateway's pino-http request logs) actually produce. Header names are logged lower-case.
const headerPaths = SENSITIVE_HEADERS.flatMap((h) => [
  `headers["${h}"]`,
  `*.headers["${h}"]`,
  `req.headers["${h}"]`,
  `res.headers["${h}"]`,
  `request.headers["${h}"]`,
  `response.headers["${h}"]`,
]);
const keyPaths = SENSITIVE_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]);

/** Paths pino redacts in every logger made here. Exported so other packages' loggers can reuse them. */
export const REDACT_PATHS: readonly string[] = [
  ...headerPaths,
  ...keyPaths,
  'authorization',
  '*.authorization',
  'token',
  '*.token',
  'secret',
  '*.secret',
];

export interface LoggerFactoryOptions extends Omit<LoggerOptions, 'redact'> {
  /** Extra paths to redact in addition to REDACT_PATHS. */
  redact?: string[];
}

/**
 * The one logger factory: pino with credential redaction. Pass a destination stream to capture
 * output (tests) or route it; use `logger.child({ component })` for parts of the system.
 */
export function createLogger(options: LoggerFactoryOptions = {}, destination?: DestinationStream): Logger {
  const { redact = [], ...rest } = options;
  const config: LoggerOptions = {
    name: 'onelink',
    level: process.env.LOG_LEVEL ?? 'info',
    ...rest,
    redact: { paths: [...REDACT_PATHS, ...redact], censor: '[REDACTED]' },
  };
  return destination ? pino(config, destination) : pino(config);
}

/** A logger that drops everything: the default when the caller passes none. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
