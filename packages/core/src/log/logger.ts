import { type DestinationStream, type Logger, type LoggerOptions, pino } from 'pino';
import { lineRedactor } from './redact-line.js';
import { REDACTED, SENSITIVE_HEADERS, SENSITIVE_KEYS } from './redaction.js';

export type { Logger } from 'pino';

/**
 * Member names whose values are credentials, redacted in every logger made here at any depth and in
 * any letter case: header names, OAuth form and token fields, and the generic `token` and `secret`.
 */
export const REDACT_KEYS: readonly string[] = [...SENSITIVE_HEADERS, ...SENSITIVE_KEYS, 'token', 'secret'];

export interface LoggerFactoryOptions extends Omit<LoggerOptions, 'redact' | 'hooks'> {
  /** More member names to redact, on top of REDACT_KEYS (any depth, any letter case). */
  redactKeys?: string[];
  /** pino redaction paths for what a member name cannot say (e.g. `card.pan`); costlier per line. */
  redact?: string[];
}

/**
 * The one logger factory: pino with credential redaction. Pass a destination stream to capture
 * output (tests) or route it; use `logger.child({ component })` for parts of the system.
 */
export function createLogger(options: LoggerFactoryOptions = {}, destination?: DestinationStream): Logger {
  const { redact = [], redactKeys = [], ...rest } = options;
  const config: LoggerOptions = {
    name: 'onelink',
    level: process.env.LOG_LEVEL ?? 'info',
    ...rest,
    hooks: { streamWrite: lineRedactor([...REDACT_KEYS, ...redactKeys]) },
    ...(redact.length > 0 ? { redact: { paths: redact, censor: REDACTED } } : {}),
  };
  return destination ? pino(config, destination) : pino(config);
}

/** A logger that drops everything: the default when the caller passes none. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
