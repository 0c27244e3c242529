import { describe, expect, it } from 'vitest';
import { RateLimiter, type RateLimitOptions } from '../src/index.js';

function manualClock() {
  const clock = {
    t: 0,
    timers: [] as Array<{ at: number; fn: () => void }>,
    now: () => clock.t,
    setTimeout: (fn: () => void, ms: number) => {
      const timer = { at: clock.t + ms, fn };
      clock.timers.push(timer);
      return timer;
    },
    clearTimeout: (handle: unknown) => {
      clock.timers = clock.timers.filter((t) => t !== handle);
    },
    /** Moves time forward, firing due timers in order. */
    advance: async (ms: number) => {
      const end = clock.t + ms;
      for (;;) {
        clock.timers.sort((a, b) => a.at - b.at);
        const next = clock.timers[0];
        if (!next || next.at > end) break;
        clock.timers.shift();
        clock.t = next.at;
        next.fn();
        await Promise.resolve();
      }
      clock.t = end;
      await Promise.resolve();
    },
  };
  return clock;
}

describe('RateLimiter (token bucket)', () => {
  it.each([
    { given: { limit: 2, intervalMs: 1000, burst: 8, advanceMs: 0 }, want: 2 },
    { given: { limit: 2, intervalMs: 1000, burst: 8, advanceMs: 500 }, want: 3 },
    { given: { limit: 2, intervalMs: 1000, burst: 8, advanceMs: 1000 }, want: 4 },
    { given: { limit: 2, intervalMs: 1000, burst: 8, advanceMs: 3000 }, want: 8 },
    { given: { limit: 10, intervalMs: 1000, burst: 8, advanceMs: 0 }, want: 8 },
  ])(
    'a burst of 8 with $given.limit/$given.intervalMs ms passes $want after $given.advanceMs ms',
    async ({ given, want }) => {
      const clock = manualClock();
      const opts: RateLimitOptions = { limit: given.limit, intervalMs: given.intervalMs };
      const limiter = new RateLimiter(opts, clock);
      let passed = 0;
      const all = Array.from({ length: given.burst }, () => limiter.acquire().then(() => passed++));
      await Promise.resolve();
      await clock.advance(given.advanceMs);
      await new Promise((r) => setImmediate(r));
      expect(passed).toBe(want);
      expect(limiter.pending).toBe(given.burst - want);
      await clock.advance(60_000);
      await Promise.all(all);
    },
  );

  it('serves waiters first-in, first-out', async () => {
    const clock = manualClock();
    const limiter = new RateLimiter({ limit: 1, intervalMs: 100 }, clock);
    const order: number[] = [];
    const all = [1, 2, 3, 4].map((i) => limiter.acquire().then(() => order.push(i)));
    await clock.advance(1000);
    await Promise.all(all);
    expect(order).toEqual([1, 2, 3, 4]);
  });

  it('drops an aborted waiter from the queue', async () => {
    const clock = manualClock();
    const limiter = new RateLimiter({ limit: 1, intervalMs: 1000 }, clock);
    await limiter.acquire();
    const controller = new AbortController();
    const waiting = limiter.acquire(controller.signal);
    expect(limiter.pending).toBe(1);
    controller.abort(new Error('cancelled'));
    await expect(waiting).rejects.toThrow('cancelled');
    expect(limiter.pending).toBe(0);
  });

  it.each([
    { given: { limit: 0 } },
    { given: { limit: 5, intervalMs: 0 } },
    { given: { limit: Number.NaN } },
  ])('rejects $given', ({ given }) => {
    expect(() => new RateLimiter(given)).toThrow(/rateLimit.limit and rateLimit.intervalMs must be positive/);
  });
});
