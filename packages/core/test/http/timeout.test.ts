import { afterEach, describe, expect, it, vi } from 'vitest';
import { attemptSignal } from '../../src/index.js';

describe('attemptSignal', () => {
  it('has no signal when there is neither a timeout nor a caller signal', () => {
    expect(attemptSignal(undefined).signal).toBeUndefined();
    expect(attemptSignal(0).signal).toBeUndefined();
  });

  it('passes the caller signal through when there is no timeout', () => {
    const controller = new AbortController();
    expect(attemptSignal(undefined, controller.signal).signal).toBe(controller.signal);
  });

  it('reports a timeout as a timeout', async () => {
    const { signal, timedOut } = attemptSignal(10);
    await new Promise((resolve) => signal?.addEventListener('abort', resolve));
    expect(timedOut()).toBe(true);
    expect((signal!.reason as DOMException).name).toBe('TimeoutError');
  });

  it("reports the caller's abort as not a timeout", () => {
    const controller = new AbortController();
    const { signal, timedOut } = attemptSignal(60_000, controller.signal);
    controller.abort(new Error('caller'));
    expect(signal?.aborted).toBe(true);
    expect(signal?.reason).toEqual(new Error('caller'));
    expect(timedOut()).toBe(false);
  });

  it("passes on the caller's abort when it came before the attempt", () => {
    const controller = new AbortController();
    controller.abort(new Error('before'));
    const { signal, timedOut } = attemptSignal(60_000, controller.signal);
    expect(signal?.aborted).toBe(true);
    expect(signal?.reason).toEqual(new Error('before'));
    expect(timedOut()).toBe(false);
  });

  describe('release', () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    it('stops the timer: no timer is left and the signal never aborts', () => {
      vi.useFakeTimers();
      const { signal, timedOut, release } = attemptSignal(1_000);
      expect(vi.getTimerCount()).toBe(1);
      release();
      expect(vi.getTimerCount()).toBe(0);
      vi.advanceTimersByTime(2_000);
      expect(signal?.aborted).toBe(false);
      expect(timedOut()).toBe(false);
    });

    it("lets go of the caller's signal: a later abort no longer reaches the attempt", () => {
      const controller = new AbortController();
      const { signal, release } = attemptSignal(60_000, controller.signal);
      release();
      controller.abort(new Error('after'));
      expect(signal?.aborted).toBe(false);
    });

    it('without a timeout has nothing to stop', () => {
      const controller = new AbortController();
      const { signal, release } = attemptSignal(0, controller.signal);
      release();
      controller.abort(new Error('still the caller'));
      expect(signal).toBe(controller.signal);
      expect(signal?.aborted).toBe(true);
    });
  });

  describe('a signal for the next attempt', () => {
    it.each([
      { given: 'released unfired, with no listener left', listener: false, fire: false, want: true },
      { given: 'released with a listener still on it', listener: true, fire: false, want: false },
      { given: 'released after it fired', listener: false, fire: true, want: false },
    ])('$given: reused $want', async ({ listener, fire, want }) => {
      const first = attemptSignal(fire ? 1 : 60_000);
      if (fire)
        await new Promise((resolve) => first.signal?.addEventListener('abort', resolve, { once: true }));
      if (listener) first.signal?.addEventListener('abort', () => {});
      first.release();
      const next = attemptSignal(60_000);
      expect(next.signal === first.signal).toBe(want);
      expect(next.signal?.aborted).toBe(false);
      next.release();
    });

    it('a reused signal times out for its new attempt only, and a release twice hands it on once', async () => {
      const first = attemptSignal(60_000);
      first.release();
      first.release();
      const second = attemptSignal(5);
      const third = attemptSignal(60_000);
      expect(second.signal).toBe(first.signal);
      expect(third.signal).not.toBe(first.signal);
      await new Promise((resolve) => second.signal?.addEventListener('abort', resolve));
      expect(second.timedOut()).toBe(true);
      expect(first.timedOut()).toBe(false);
      expect(third.signal?.aborted).toBe(false);
      second.release();
      third.release();
      // The fired one is gone for good: the next attempt gets the unfired one back.
      expect(attemptSignal(60_000).signal).toBe(third.signal);
    });
  });
});
