import { expect } from 'vitest';

/**
 * What `run` throws, checked to be a `type`, for a test that then reads the error's fields. The test
 * fails when `run` returns or throws anything else.
 */
export function thrownBy<T>(run: () => unknown, type: abstract new (...args: never[]) => T): T {
  let error: unknown;
  try {
    run();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(type);
  return error as T;
}

/** What `pending` rejects with, checked to be a `type`: thrownBy for a call that answers with a promise. */
export async function rejectedBy<T>(
  pending: Promise<unknown>,
  type: abstract new (...args: never[]) => T,
): Promise<T> {
  const error = await pending.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(type);
  return error as T;
}
