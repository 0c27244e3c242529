import { OneLinkNetworkError, OneLinkTimeoutError } from '@onelink-kit/core';
import { expect, it } from 'vitest';
import { hangingFetch, notJsonFetch, refusedFetch } from './fetch-doubles.js';

/** One call of the client under test, made with this fetch and timeout and the caller's signal. */
export type TransportCall = (
  given: { fetch: typeof globalThis.fetch; timeoutMs: number },
  signal: AbortSignal,
) => Promise<unknown>;

/**
 * The tests of how a provider client fails when the transport does (core's callUpstream under it),
 * one `it` each, inside the caller's `describe`: the per-request timeout → OneLinkTimeoutError; the
 * caller aborting → their reason, not a network error; a refused connection → OneLinkNetworkError
 * with its errno; a 2xx body that is not JSON → the client's own API error, which `notJson` checks.
 */
export function transportFailureTests(
  call: TransportCall,
  notJson: { name: string; want: (err: unknown) => void },
): void {
  const cases = [
    {
      name: 'the per-request timeout fires',
      given: { fetch: hangingFetch, timeoutMs: 1, abort: false },
      want: (err: unknown) => expect(err).toBeInstanceOf(OneLinkTimeoutError),
    },
    {
      name: 'the caller aborts: their reason, not a network error',
      given: { fetch: hangingFetch, timeoutMs: 60_000, abort: true },
      want: (err: unknown) => {
        expect(err).not.toBeInstanceOf(OneLinkNetworkError);
        expect(err).toMatchObject({ name: 'AbortError' });
      },
    },
    {
      name: 'a refused connection is OneLinkNetworkError with its errno',
      given: { fetch: refusedFetch, timeoutMs: 60_000, abort: false },
      want: (err: unknown) => {
        expect(err).toBeInstanceOf(OneLinkNetworkError);
        expect(err).toMatchObject({ errno: 'ECONNREFUSED' });
      },
    },
    {
      name: notJson.name,
      given: { fetch: notJsonFetch, timeoutMs: 60_000, abort: false },
      want: notJson.want,
    },
  ];
  for (const { name, given, want } of cases) {
    it(name, async () => {
      const controller = new AbortController();
      const settled = call({ fetch: given.fetch, timeoutMs: given.timeoutMs }, controller.signal).catch(
        (e: unknown) => e,
      );
      if (given.abort) controller.abort();
      want(await settled);
    });
  }
}
