export interface ThrottleClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const realClock: ThrottleClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export interface Throttle {
  /**
   * Runs `task` once every earlier task has finished and at least `minIntervalMs` after the previous
   * task started. Tasks never overlap.
   */
  run<T>(task: () => Promise<T>): Promise<T>;
}

/**
 * Sequential, spaced requests, because 1LINK's terms forbid load on the sandbox: the recorder never
 * has two requests in flight and, by default, starts at most one per second.
 */
export function createThrottle(minIntervalMs: number, clock: ThrottleClock = realClock): Throttle {
  if (!Number.isFinite(minIntervalMs) || minIntervalMs < 0) {
    throw new RangeError(`minIntervalMs must be a non-negative number, got ${minIntervalMs}`);
  }
  let lastStart: number | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  return {
    run<T>(task: () => Promise<T>): Promise<T> {
      const result = queue.then(async () => {
        if (lastStart !== undefined) {
          const due = lastStart + minIntervalMs - clock.now();
          if (due > 0) await clock.sleep(due);
        }
        lastStart = clock.now();
        return task();
      });
      // A failed task must not block the ones queued after it.
      queue = result.catch(() => undefined);
      return result;
    },
  };
}
