import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  abortableSleep,
  backoffDelay,
  DEFAULT_RETRY_POLICY,
  OneLinkApiError,
  OneLinkValidationError,
  parseRetryAfter,
  type RetryPolicy,
  withRetry,
} from '../../src/index.js';

const policy: RetryPolicy = { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 1000, maxElapsedMs: 60_000 };
const transient = (retryAfter?: number) =>
  new OneLinkApiError({ status: 503, responseCode: '91', kind: 'transient', retryable: true, retryAfter });
const duplicate = () =>
  new OneLinkApiError({ status: 409, responseCode: '94', kind: 'duplicate', retryable: false });

describe('backoffDelay (full jitter)', () => {
  it.each([
    { given: { retry: 1, random: 0.999 }, want: 99 },
    { given: { retry: 2, random: 0.999 }, want: 199 },
    { given: { retry: 3, random: 0.5 }, want: 200 },
    { given: { retry: 5, random: 0.999 }, want: 999 }, // 1600 capped at maxDelayMs
    { given: { retry: 9, random: 0 }, want: 0 },
  ])('retry $given.retry, random $given.random → $want ms', ({ given, want }) => {
    expect(backoffDelay(given.retry, policy, () => given.random)).toBe(want);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.UTC(2026, 10, 22, 12, 0, 0);
  it.each([
    { given: '30', want: 30_000 },
    { given: ' 0 ', want: 0 },
    { given: 'Sun, 22 Nov 2026 12:00:05 GMT', want: 5_000 },
    { given: 'Sun, 22 Nov 2026 11:00:00 GMT', want: 0 },
    { given: '-1', want: undefined },
    { given: '1.5', want: undefined },
    { given: 'soon', want: undefined },
    { given: null, want: undefined },
  ])('$given → $want', ({ given, want }) => {
    expect(parseRetryAfter(given, now)).toBe(want);
  });
});

describe('withRetry', () => {
  const run = async (outcomes: Array<'ok' | Error>, p: Partial<RetryPolicy> = policy, clock = { t: 0 }) => {
    const sleeps: number[] = [];
    const seen: number[] = [];
    const result = await withRetry(
      async (n) => {
        seen.push(n);
        const outcome = outcomes[Math.min(n, outcomes.length) - 1];
        if (outcome === 'ok') return 'done';
        throw outcome;
      },
      {
        policy: p,
        env: {
          sleep: async (ms) => {
            sleeps.push(ms);
            clock.t += ms;
          },
          random: () => 1,
          now: () => clock.t,
        },
      },
    ).catch((e: unknown) => e);
    return { result, sleeps, attempts: seen.length };
  };

  it.each([
    { given: ['ok'], want: { result: 'done', attempts: 1 } },
    { given: [transient(), 'ok'], want: { result: 'done', attempts: 2 } },
    { given: [transient()], want: { result: OneLinkApiError, attempts: 5 } },
    { given: [new OneLinkValidationError([])], want: { result: OneLinkValidationError, attempts: 1 } },
    { given: [duplicate()], want: { result: OneLinkApiError, attempts: 1 } },
    { given: [new Error('bug')], want: { result: Error, attempts: 1 } },
  ] as Array<{ given: Array<'ok' | Error>; want: { result: unknown; attempts: number } }>)(
    '$given.length outcome(s) → $want.attempts attempt(s)',
    async ({ given, want }) => {
      const { result, attempts } = await run(given);
      if (typeof want.result === 'string') expect(result).toBe(want.result);
      else expect(result).toBeInstanceOf(want.result as typeof Error);
      expect(attempts).toBe(want.attempts);
    },
  );

  it('backs off exponentially up to the cap', async () => {
    const { sleeps } = await run([transient()]);
    expect(sleeps).toEqual([100, 200, 400, 800]);
  });

  it('honours Retry-After over the backoff', async () => {
    const { sleeps } = await run([transient(4), 'ok']);
    expect(sleeps).toEqual([4_000]);
  });

  it('stops when the next wait would pass maxElapsedMs', async () => {
    const { attempts, sleeps } = await run([transient()], { ...policy, maxElapsedMs: 350 });
    expect(sleeps).toEqual([100, 200]);
    expect(attempts).toBe(3);
  });

  it('marks a duplicate on a retried attempt as possibly processed', async () => {
    const { result } = await run([transient(), duplicate()]);
    expect(result).toMatchObject({ kind: 'duplicate', possiblyProcessed: true });
  });

  it('uses sensible defaults', () => {
    expect(DEFAULT_RETRY_POLICY.maxAttempts).toBeGreaterThan(1);
    expect(DEFAULT_RETRY_POLICY.maxElapsedMs).toBeGreaterThan(DEFAULT_RETRY_POLICY.maxDelayMs);
  });
});

describe('abortableSleep with fake timers', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('waits the Retry-After before the next attempt', async () => {
    vi.useFakeTimers();
    const calls: number[] = [];
    const pending = withRetry(
      async (n) => {
        calls.push(n);
        if (n === 1) throw transient(30);
        return 'done';
      },
      { policy },
    );
    await vi.advanceTimersByTimeAsync(29_999);
    expect(calls).toEqual([1]);
    await vi.advanceTimersByTimeAsync(1);
    await expect(pending).resolves.toBe('done');
    expect(calls).toEqual([1, 2]);
  });

  it('is cut short by the abort signal', async () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    const pending = abortableSleep(60_000, controller.signal);
    controller.abort(new Error('stop'));
    await expect(pending).rejects.toThrow('stop');
  });
});
