/**
 * Client-side token bucket so a burst queues locally instead of tripping the plan's rate limit (429).
 * Waiters are served first-in, first-out. One limiter per process: share it between clients that use
 * the same 1LINK application (the plan limit is per application).
 */
export interface RateLimitOptions {
  /** Requests allowed per `intervalMs` (the plan limit). */
  limit: number;
  /** Window of the plan limit; default one second. */
  intervalMs?: number;
  /** Bucket size: how many requests may go at once after idling; default `limit`. */
  burst?: number;
}

export interface RateLimiterClock {
  now: () => number;
  setTimeout: (fn: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
}

const realClock: RateLimiterClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

interface Waiter {
  resolve: () => void;
  reject: (reason: unknown) => void;
  signal?: AbortSignal | undefined;
  onAbort?: () => void;
}

export class RateLimiter {
  readonly #ratePerMs: number;
  readonly #capacity: number;
  readonly #clock: RateLimiterClock;
  #tokens: number;
  #last: number;
  #queue: Waiter[] = [];
  #timer: unknown;

  constructor(options: RateLimitOptions, clock: Partial<RateLimiterClock> = {}) {
    const intervalMs = options.intervalMs ?? 1000;
    if (!(options.limit > 0) || !(intervalMs > 0)) {
      throw new RangeError('rateLimit.limit and rateLimit.intervalMs must be positive numbers');
    }
    this.#clock = { ...realClock, ...clock };
    this.#ratePerMs = options.limit / intervalMs;
    this.#capacity = Math.max(1, options.burst ?? options.limit);
    this.#tokens = this.#capacity;
    this.#last = this.#clock.now();
  }

  /** Requests waiting for a slot right now. */
  get pending(): number {
    return this.#queue.length;
  }

  /** Resolves when the request may be sent; rejects with the signal's reason if aborted while queued. */
  acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    this.#refill();
    if (this.#queue.length === 0 && this.#tokens >= 1) {
      this.#tokens -= 1;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { resolve, reject, signal };
      if (signal) {
        waiter.onAbort = () => {
          this.#queue = this.#queue.filter((w) => w !== waiter);
          reject(signal.reason);
        };
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      this.#queue.push(waiter);
      this.#schedule();
    });
  }

  #refill(): void {
    const now = this.#clock.now();
    this.#tokens = Math.min(this.#capacity, this.#tokens + (now - this.#last) * this.#ratePerMs);
    this.#last = now;
  }

  #drain = (): void => {
    this.#timer = undefined;
    this.#refill();
    while (this.#queue.length > 0 && this.#tokens >= 1) {
      const waiter = this.#queue.shift()!;
      this.#tokens -= 1;
      if (waiter.onAbort) waiter.signal?.removeEventListener('abort', waiter.onAbort);
      waiter.resolve();
    }
    this.#schedule();
  };

  #schedule(): void {
    if (this.#queue.length === 0 || this.#timer !== undefined) return;
    const wait = Math.max(1, Math.ceil((1 - this.#tokens) / this.#ratePerMs));
    this.#timer = this.#clock.setTimeout(this.#drain, wait);
  }
}
