import { createHmac } from 'node:crypto';
import { withNonEnumerable } from './non-enumerable.js';
import type { SignatureInputError } from './signature-input-error.js';

/**
 * HMAC-SHA512 over a prepared string to sign, as both signatures make it: an empty key is refused before
 * the input is read, and the string to sign (it carries a secret) stays non-enumerable on the result,
 * next to what `prepare` shows of it.
 */
export function signHmacSha512<Shown extends object>(
  key: string,
  emptyKey: () => SignatureInputError,
  prepare: () => Shown & { stringToSign: string },
  encoding: 'hex' | 'base64',
): Shown & { stringToSign: string; signature: string } {
  if (key === '') throw emptyKey();
  const prepared = prepare();
  const { stringToSign } = prepared;
  const signature = createHmac('sha512', key).update(stringToSign, 'utf8').digest(encoding);
  // The spread leaves the non-enumerable stringToSign behind; it is put back the same way.
  return withNonEnumerable({ ...prepared, signature }, 'stringToSign', stringToSign);
}
