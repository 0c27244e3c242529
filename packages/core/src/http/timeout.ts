import { getEventListeners } from 'node:events';

/** One attempt's abort signal: the per-request timeout combined with the caller's own signal. */
export interface AttemptSignal {
  signal: AbortSignal | undefined;
  /** True when the abort came from the timeout rather than from the caller. */
  timedOut(): boolean;
  /**
   * Stops the timer and lets go of the caller's signal: call it once the attempt has settled. The signal
   * is then no longer this attempt's: unfired and with no listener left, it serves a later attempt.
   */
  release(): void;
}

const nothingToRelease = (): void => {};

/**
 * Controllers of attempts that ended with their signal unfired and unheard (no listener left), for the
 * next attempts. Node makes every AbortSignal as an EventTarget and then changes its prototype, and V8
 * then keeps the signal, and what its listeners held, through two young-generation collections:
 * measured with `--trace-gc-nvp`, a loop of `new AbortController().signal` promoted ~350 bytes each to
 * the old generation, and the gateway's 1LINK call ~1,150 bytes against ~670 with this (gateway README,
 * Performance). A signal still heard (a transport that never removes its listener) is never reused; one
 * that a transport keeps after the attempt without listening would see a later attempt's abort.
 */
const spare: AbortController[] = [];
const MOST_SPARE = 64;

/**
 * A timer of its own, cleared by `release()`, rather than `AbortSignal.timeout`: that one's timer
 * outlives an answer that took milliseconds by the whole timeout, with a WeakRef and a
 * FinalizationRegistry entry per signal, and making one was the largest own-code entry in a create's
 * CPU profile (gateway README, Performance). The abort reason is the same `TimeoutError` DOMException.
 */
export function attemptSignal(timeoutMs: number | undefined, callerSignal?: AbortSignal): AttemptSignal {
  if (timeoutMs === undefined || timeoutMs <= 0) {
    return { signal: callerSignal, timedOut: () => false, release: nothingToRelease };
  }
  const controller = spare.pop() ?? new AbortController();
  let fired = false;
  let released = false;
  const timer = setTimeout(() => {
    fired = true;
    controller.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
  }, timeoutMs);
  // As AbortSignal.timeout's: the attempt's socket keeps a process up, not its timer.
  timer.unref?.();
  const onCallerAbort = () => controller.abort(callerSignal?.reason);
  if (callerSignal?.aborted) onCallerAbort();
  else callerSignal?.addEventListener('abort', onCallerAbort, { once: true });
  return {
    signal: controller.signal,
    // If both fired, the caller's cancel wins: they asked to stop, not to be told about a timeout.
    timedOut: () => fired && callerSignal?.aborted !== true,
    release: () => {
      if (released) return;
      released = true;
      clearTimeout(timer);
      callerSignal?.removeEventListener('abort', onCallerAbort);
      const { signal } = controller;
      if (!signal.aborted && spare.length < MOST_SPARE && getEventListeners(signal, 'abort').length === 0) {
        spare.push(controller);
      }
    },
  };
}

/** Rejects with the signal's reason if it is already aborted. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason;
}
