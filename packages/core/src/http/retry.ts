import { isRetryableError } from '../errors/error-from-response.js';
import { OneLinkApiError } from '../errors/upstream-errors.js';

export interface RetryPolicy {
  /** Attempts in total, the first one included. 1 disables retries. */
  maxAttempts: number;
  /** Backoff cap before jitter for the first retry; doubles each retry. */
  baseDelayMs: number;
  /** Ceiling for one backoff delay (not for Retry-After, which the server chose). */
  maxDelayMs: number;
  /** Give up when the next wait would end later than this after the first attempt started. */
  maxElapsedMs: number;
}

export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = {
  maxAttempts: 4,
  baseDelayMs: 200,
  maxDelayMs: 5_000,
  maxElapsedMs: 30_000,
};

/** The clock, randomness and sleep the retry loop uses; injectable so tests need no real waiting. */
export interface RetryEnvironment {
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  random: () => number;
  now: () => number;
}

export const realRetryEnvironment: RetryEnvironment = {
  sleep: abortableSleep,
  random: Math.random,
  now: Date.now,
};

export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Full-jitter exponential backoff: uniform in [0, min(maxDelay, base · 2^(retry-1))]. */
export function backoffDelay(retry: number, policy: RetryPolicy, random: () => number): number {
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.floor(random() * cap);
}

/**
 * `Retry-After` as milliseconds from `now`: delta-seconds or an HTTP-date. Unparseable → undefined;
 * a date in the past → 0.
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  if (!/[a-z]/i.test(trimmed)) return undefined;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

export interface RetryEvent {
  attempt: number;
  delayMs: number;
  error: unknown;
}

/**
 * Runs `attempt` until it succeeds, fails with a non-transient error, or the attempt/time budget runs out.
 * The callback receives the 1-based attempt number; the caller keeps stan/rrn fixed across attempts.
 * A duplicate answer on attempt 2+ means an earlier attempt may have been processed, so it is rethrown
 * with `possiblyProcessed: true`.
 */
export async function withRetry<T>(
  attempt: (n: number) => Promise<T>,
  options: {
    policy?: Partial<RetryPolicy> | undefined;
    env?: Partial<RetryEnvironment> | undefined;
    signal?: AbortSignal | undefined;
    onRetry?: ((event: RetryEvent) => void) | undefined;
  } = {},
): Promise<T> {
  // Not `{ ...DEFAULT_RETRY_POLICY, ...options.policy }`: a new shape each call (gateway README, Performance).
  const policy: RetryPolicy = Object.assign({}, DEFAULT_RETRY_POLICY, options.policy);
  const env: RetryEnvironment = Object.assign({}, realRetryEnvironment, options.env);
  const started = env.now();
  for (let n = 1; ; n++) {
    try {
      return await attempt(n);
    } catch (error) {
      if (
        n > 1 &&
        error instanceof OneLinkApiError &&
        error.kind === 'duplicate' &&
        !error.possiblyProcessed
      ) {
        throw error.asPossiblyProcessed();
      }
      if (!isRetryableError(error) || n >= policy.maxAttempts) throw error;
      // The server's Retry-After (seconds, on rate-limit and API errors) wins over our own backoff.
      const retryAfter = (error as { retryAfter?: unknown }).retryAfter;
      const delayMs =
        typeof retryAfter === 'number' ? retryAfter * 1000 : backoffDelay(n, policy, env.random);
      const elapsed = env.now() - started;
      // Waiting past the total budget is pointless: fail now with what we know.
      if (elapsed + delayMs > policy.maxElapsedMs) throw error;
      options.onRetry?.({ attempt: n, delayMs, error });
      await env.sleep(delayMs, options.signal);
    }
  }
}
