import { signatureMatches } from './constant-time.js';
import { signHmacSha512 } from './hmac-sign.js';
import { withNonEnumerable } from './non-enumerable.js';
import { SignatureInputError } from './signature-input-error.js';

/**
 * Link Based Payments request signature (1LINK's Link Based Payments document): HMAC-SHA512 over a plain concatenation
 *
 *   create:         MID + Password + amount + merchantTxnId
 *   resend, cancel: MID + Password + InvoiceNo
 *
 * Decisions (see packages/signing/README.md):
 * - The HMAC key is LINK_HASH_KEY. The merchant password is part of the message, not the key: the document
 *   lists it inside the signature string, and a separate hash key is what makes it an HMAC at all.
 * - The message is the UTF-8 bytes of the concatenation, no separators; `amount` is the request's
 *   amount string exactly as sent (e.g. "1500.00"), never a re-formatted number.
 * - The output is lower-case hex (128 characters). Verification also accepts upper-case hex.
 */
/** Stands in for the password wherever a string to sign is shown. */
export const PASSWORD_MASK = '********';

export interface LinkCreateSignatureInput {
  mid: string;
  password: string;
  amount: string;
  merchantTxnId: string;
}

export interface LinkInvoiceSignatureInput {
  mid: string;
  password: string;
  invoiceNo: string;
}

export type LinkSignatureInput = LinkCreateSignatureInput | LinkInvoiceSignatureInput;

export interface LinkSignature {
  /** Holds the password: readable, but non-enumerable, so JSON.stringify and loggers leave it out. */
  stringToSign: string;
  /** The string to sign with the password replaced by PASSWORD_MASK (fixed, so its length leaks nothing): safe to print. */
  maskedStringToSign: string;
  signature: string;
}

export class LinkSignatureInputError extends SignatureInputError {}

function parts(input: LinkSignatureInput): { tail: string } {
  for (const [field, value] of Object.entries(input)) {
    if (typeof value !== 'string' || value === '')
      throw new LinkSignatureInputError(field, 'must be a non-empty string');
  }
  if ('invoiceNo' in input) return { tail: input.invoiceNo };
  return { tail: input.amount + input.merchantTxnId };
}

export function linkStringToSign(input: LinkSignatureInput): {
  stringToSign: string;
  maskedStringToSign: string;
} {
  const { tail } = parts(input);
  return withNonEnumerable(
    { maskedStringToSign: input.mid + PASSWORD_MASK + tail },
    'stringToSign',
    input.mid + input.password + tail,
  );
}

export function signLink(hashKey: string, input: LinkSignatureInput): LinkSignature {
  return signHmacSha512(
    hashKey,
    () => new LinkSignatureInputError('hashKey', 'must not be empty'),
    () => linkStringToSign(input),
    'hex',
  );
}

/**
 * Constant-time check of a Link signature (hex, either case). Any input error counts as a mismatch,
 * and so does a signature that is not a string (e.g. a JSON body without `signature`).
 */
export function verifyLink(
  hashKey: string,
  input: LinkSignatureInput,
  signature: string | null | undefined,
): boolean {
  // Hex in either case verifies: the computed signature is lower case.
  const presented = typeof signature === 'string' ? signature.toLowerCase() : signature;
  return signatureMatches(presented, () => signLink(hashKey, input).signature);
}
