import { expect, it } from 'vitest';

type Verify<K, I> = (key: K, input: I, signature: string | null | undefined) => boolean;

/**
 * The tests that `verify` answers false, never throws: one for each changed key, input or signature in
 * `cases`, and one for each presented signature that is not a string (a missing header or field), checked
 * against `signed`.
 */
export function mismatchTests<K, I>(
  verify: Verify<K, I>,
  signed: { key: K; input: I },
  cases: ReadonlyArray<{ name: string; given: { key: K; input: I; sig: string } }>,
): void {
  for (const { name, given } of cases) {
    it(name, () => {
      expect(verify(given.key, given.input, given.sig)).toBe(false);
    });
  }
  it.each([null, undefined, 42])(
    'a signature that is not a string (%s) is a mismatch, not a throw',
    (sig) => {
      expect(verify(signed.key, signed.input, sig as never)).toBe(false);
    },
  );
}
