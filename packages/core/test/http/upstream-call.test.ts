import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  callUpstream,
  OneLinkApiError,
  OneLinkError,
  OneLinkNetworkError,
  OneLinkTimeoutError,
  OneLinkValidationError,
} from '../../src/index.js';

class NotJsonError extends Error {}

// Never settles on its own; rejects with the signal's reason once the attempt is aborted (as fetch does).
const untilAborted = (signal: AbortSignal | undefined) =>
  new Promise<never>((_, reject) => {
    if (!signal) return reject(new Error('no signal was passed to send'));
    if (signal.aborted) return reject(signal.reason);
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });

const refused = () =>
  Promise.reject(new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } as unknown as Error }));

describe('callUpstream turns what a generated client throws into the toolkit errors', () => {
  const typed = new OneLinkValidationError([{ field: 'X-SIGNATURE', rule: 'sign', message: 'failed' }]);
  const callerReason = new Error('the caller stopped');
  const cases: {
    name: string;
    given: {
      send: (signal: AbortSignal | undefined) => Promise<unknown>;
      timeoutMs: number;
      callerAborts?: boolean;
      ids?: { stan: string; rrn: string };
    };
    want: (error: unknown) => void;
  }[] = [
    {
      name: 'an error already typed passes through as is',
      given: { send: () => Promise.reject(typed), timeoutMs: 60_000 },
      want: (e) => expect(e).toBe(typed),
    },
    {
      name: "the attempt's timeout fired → OneLinkTimeoutError with the ids and the cause",
      given: { send: untilAborted, timeoutMs: 1, ids: { stan: '123456', rrn: '633010123456' } },
      want: (e) => {
        expect(e).toBeInstanceOf(OneLinkTimeoutError);
        expect(e).toMatchObject({ timeoutMs: 1, stan: '123456', rrn: '633010123456' });
        expect((e as Error).cause).toBeDefined();
      },
    },
    {
      name: "the caller aborted → the caller's own reason, not a network error",
      given: { send: untilAborted, timeoutMs: 60_000, callerAborts: true },
      want: (e) => expect(e).toBe(callerReason),
    },
    {
      name: 'the caller aborted while a timeout is also set → still their reason',
      given: { send: untilAborted, timeoutMs: 1, callerAborts: true },
      want: (e) => expect(e).toBe(callerReason),
    },
    {
      name: "a SyntaxError (2xx, body not JSON) → the upstream's own error from notJson",
      given: { send: () => Promise.reject(new SyntaxError('Unexpected token <')), timeoutMs: 60_000 },
      want: (e) => expect(e).toBeInstanceOf(NotJsonError),
    },
    {
      name: 'connection refused → retryable OneLinkNetworkError carrying the ids',
      given: { send: refused, timeoutMs: 60_000, ids: { stan: '1', rrn: '633010123456' } },
      want: (e) => {
        expect(e).toBeInstanceOf(OneLinkNetworkError);
        expect(e).toMatchObject({ errno: 'ECONNREFUSED', retryable: true, stan: '1', rrn: '633010123456' });
      },
    },
    {
      name: 'an unknown failure → non-retryable OneLinkNetworkError',
      given: { send: () => Promise.reject(new Error('boom')), timeoutMs: 60_000 },
      want: (e) => {
        expect(e).toBeInstanceOf(OneLinkNetworkError);
        expect(e).toMatchObject({ errno: undefined, retryable: false });
      },
    },
  ];
  for (const { name, given, want } of cases) {
    it(name, async () => {
      const controller = new AbortController();
      if (given.callerAborts) controller.abort(callerReason);
      const error = await callUpstream(given.send, {
        timeoutMs: given.timeoutMs,
        signal: controller.signal,
        ...(given.ids ? { ids: given.ids } : {}),
        notJson: () => new NotJsonError('not JSON'),
      }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeDefined();
      want(error);
    });
  }

  it('passes the attempt signal to send and returns what send resolves', async () => {
    let seen: AbortSignal | undefined;
    const got = await callUpstream(
      async (signal) => {
        seen = signal;
        return { status: 200 };
      },
      {
        timeoutMs: 60_000,
        notJson: () => new OneLinkApiError({ status: 200, kind: 'upstream', retryable: false }),
      },
    );
    expect(got).toEqual({ status: 200 });
    expect(seen).toBeInstanceOf(AbortSignal);
    expect(seen?.aborted).toBe(false);
  });

  it('with no timeout and no caller signal, send gets no signal', async () => {
    let seen: AbortSignal | undefined | 'unset' = 'unset';
    await callUpstream(
      async (signal) => {
        seen = signal;
      },
      { timeoutMs: 0, notJson: () => new OneLinkError('unused') },
    );
    expect(seen).toBeUndefined();
  });

  describe("the attempt's timer ends with the attempt", () => {
    afterEach(() => {
      vi.useRealTimers();
    });
    const notJson = () => new OneLinkError('unused');

    it('after an answer', async () => {
      vi.useFakeTimers();
      let during = -1;
      await callUpstream(
        async () => {
          during = vi.getTimerCount();
          return 'answer';
        },
        { timeoutMs: 60_000, notJson },
      );
      expect(during).toBe(1);
      expect(vi.getTimerCount()).toBe(0);
    });

    it('after a failure', async () => {
      vi.useFakeTimers();
      let during = -1;
      const send = () => {
        during = vi.getTimerCount();
        return refused();
      };
      const error = await callUpstream(send, { timeoutMs: 60_000, notJson }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OneLinkNetworkError);
      expect(during).toBe(1);
      expect(vi.getTimerCount()).toBe(0);
    });
  });
});
