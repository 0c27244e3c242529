/** One attempt's abort signal: the per-request timeout combined with the caller's own signal. */
export interface AttemptSignal {
  signal: AbortSignal | undefined;
  /** True when the abort came from the timeout rather than from the caller. */
  timedOut(): boolean;
}

export function attemptSignal(timeoutMs: number | undefined, callerSignal?: AbortSignal): AttemptSignal {
  const timeout = timeoutMs !== undefined && timeoutMs > 0 ? AbortSignal.timeout(timeoutMs) : undefined;
  const signals = [timeout, callerSignal].filter((s): s is AbortSignal => s !== undefined);
  const signal = signals.length > 1 ? AbortSignal.any(signals) : signals[0];
  return {
    signal,
    // If both fired, the caller's cancel wins: they asked to stop, not to be told about a timeout.
    timedOut: () => timeout?.aborted === true && callerSignal?.aborted !== true,
  };
}

/** Rejects with the signal's reason if it is already aborted. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason;
}
