import { networkErrorFrom } from '../errors/error-from-response.js';
import { OneLinkError } from '../errors/one-link-error.js';
import { OneLinkTimeoutError } from '../errors/upstream-errors.js';
import { attemptSignal } from './timeout.js';

export interface UpstreamCallOptions {
  /** Timeout of this attempt, in ms; 0 or less means none. */
  timeoutMs: number;
  /** The caller's own signal: cancelling it rejects with the caller's reason, unchanged. */
  signal?: AbortSignal | undefined;
  /** stan/rrn to carry on a timeout or network error (1LINK); other upstreams have none. */
  ids?: { stan?: string; rrn?: string };
  /**
   * The error for a 2xx answer whose body is not JSON (openapi-fetch throws SyntaxError then). Each
   * upstream builds its own API error subclass here; the answer did arrive, so it is not a network error.
   */
  notJson: () => Error;
}

/**
 * Runs one HTTP attempt through a generated client and turns whatever it throws into the toolkit's
 * transport errors, the same way for every upstream:
 * an error already typed (OneLinkError, e.g. from a signing fetch) → as is;
 * the attempt's timeout fired → OneLinkTimeoutError; the caller aborted → the caller's reason;
 * SyntaxError (2xx, body not JSON) → `notJson()`; anything else → OneLinkNetworkError (networkErrorFrom).
 * `send` gets the attempt's signal (timeout combined with the caller's) to pass to fetch.
 */
export async function callUpstream<T>(
  send: (signal: AbortSignal | undefined) => Promise<T>,
  options: UpstreamCallOptions,
): Promise<T> {
  const attempt = attemptSignal(options.timeoutMs, options.signal);
  try {
    return await send(attempt.signal);
  } catch (error) {
    if (error instanceof OneLinkError) throw error;
    if (attempt.timedOut()) {
      throw new OneLinkTimeoutError({ timeoutMs: options.timeoutMs, ...options.ids, cause: error });
    }
    if (options.signal?.aborted) throw options.signal.reason;
    if (error instanceof SyntaxError) throw options.notJson();
    throw networkErrorFrom(error, options.ids);
  } finally {
    attempt.release();
  }
}
