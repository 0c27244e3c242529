import { describe, expect, it } from 'vitest';
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
});
