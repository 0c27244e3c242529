import { callUpstream } from '@onelink-kit/core';
import { describe, expect } from 'vitest';
import { transportFailureTests } from '../src/index.js';

class NotJsonError extends Error {}

// The smallest client there is: one fetch through core's callUpstream, the body read as JSON.
describe('transportFailureTests, run against a bare callUpstream client', () => {
  transportFailureTests(
    (given, signal) =>
      callUpstream(
        async (attempt) =>
          (await given.fetch('http://127.0.0.1:1/', attempt ? { signal: attempt } : {})).json(),
        { timeoutMs: given.timeoutMs, signal, notJson: () => new NotJsonError('not JSON') },
      ),
    {
      name: 'a 2xx body that is not JSON is the error notJson builds',
      want: (err) => expect(err).toBeInstanceOf(NotJsonError),
    },
  );
});
