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
  /**
   * Writing to stdout (no destination given): how long, in ms, a line may wait in a buffer of up to
   * 4 KiB before it is written. 0 (the default) writes each line as it is logged. Buffered lines are
   * written when the process exits; a process killed outright loses at most this long's lines.
   */
  flushMs?: number;
}

/** The size at which buffered lines are written before `flushMs` is up. */
const LOG_BUFFER_BYTES = 4096;

/** stdout through pino's own writer, lines gathered until 4 KiB or `flushMs` (exit writes the rest). */
function bufferedStdout(flushMs: number): DestinationStream {
  return pino.destination({ dest: 1, sync: false, minLength: LOG_BUFFER_BYTES, periodicFlush: flushMs });
}

/**
 * The one logger factory: pino with credential redaction. Pass a destination stream to capture
 * output (tests) or route it; use `logger.child({ component })` for parts of the system.
 */
export function createLogger(options: LoggerFactoryOptions = {}, destination?: DestinationStream): Logger {
  const { redact = [], redactKeys = [], flushMs = 0, ...rest } = options;
  const config: LoggerOptions = {
    name: 'onelink',
    level: process.env.LOG_LEVEL ?? 'info',
    ...rest,
    hooks: { streamWrite: lineRedactor([...REDACT_KEYS, ...redactKeys]) },
    ...(redact.length > 0 ? { redact: { paths: redact, censor: REDACTED } } : {}),
  };
  if (destination) return pino(config, destination);
  // pino's own default otherwise: stdout, each line handed to the writer as it is logged.
  return flushMs > 0 ? pino(config, bufferedStdout(flushMs)) : pino(config);
}

/** A logger that drops everything: the default when the caller passes none. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
