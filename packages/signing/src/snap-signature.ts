import { createHash } from 'node:crypto';
import { signatureMatches } from './constant-time.js';
import { signHmacSha512 } from './hmac-sign.js';
import { withNonEnumerable } from './non-enumerable.js';
import { SignatureInputError } from './signature-input-error.js';

/**
 * SNAP symmetric request signature (1LINK's SNAP card-binding document):
 *
 *   stringToSign = METHOD ":" URLPath ":" AccessToken ":" lowercase(hex(SHA-256(minify(body)))) ":" X-TIMESTAMP
 *   X-SIGNATURE  = base64(HMAC-SHA512(clientSecret, stringToSign))
 *
 * Decisions (see packages/signing/README.md):
 * - URLPath is the request target after the host: the path, and when the request has a query string,
 *   "?" followed by the query string exactly as sent (same percent-encoding, same order). The query of
 *   a GET carries all of its inputs, so leaving it out would let them be changed without breaking the
 *   signature; "as sent" means the server can take the raw request target and never re-encode.
 * - minify(body) is JSON.stringify(JSON.parse(body)): insignificant whitespace removed, key order and
 *   string escapes kept. An absent or empty body minifies to "" (SHA-256 of zero bytes).
 * - The HMAC output is standard base64 with padding (88 characters), as SNAP does.
 */
export interface SnapSignatureInput {
  /** HTTP method; upper-cased before signing. */
  method: string;
  /** Path plus "?query" as sent, e.g. "/v1.0/get-auth-code?scopes=CARD_REGISTRATION&state=..." */
  urlPath: string;
  /** The bare access token (without the "Bearer " prefix). */
  accessToken: string;
  /** Raw request body; undefined or "" for a GET. */
  body?: string | undefined;
  /** The X-TIMESTAMP header value, byte for byte. */
  timestamp: string;
}

export interface SnapSignature {
  /** Holds the access token: readable, but non-enumerable, so JSON.stringify and loggers leave it out. */
  stringToSign: string;
  /** Lower-case hex SHA-256 of the minified body. */
  bodyHash: string;
  signature: string;
}

export function minifyJsonBody(body: string | undefined): string {
  if (body === undefined || body.trim() === '') return '';
  try {
    return JSON.stringify(JSON.parse(body));
  } catch {
    throw new SnapSignatureInputError('body', 'must be empty or valid JSON to be minified');
  }
}

export class SnapSignatureInputError extends SignatureInputError {}

function checkInput(input: SnapSignatureInput): void {
  if (!/^[A-Za-z]+$/.test(input.method)) throw new SnapSignatureInputError('method', 'must be letters only');
  if (!input.urlPath.startsWith('/')) throw new SnapSignatureInputError('urlPath', 'must start with "/"');
  if (/^https?:/i.test(input.urlPath))
    throw new SnapSignatureInputError('urlPath', 'must be the path after the host, not a full URL');
  if (input.accessToken.startsWith('Bearer '))
    throw new SnapSignatureInputError('accessToken', 'must be the bare token, without "Bearer "');
  if (input.timestamp === '') throw new SnapSignatureInputError('timestamp', 'must not be empty');
}

export function snapStringToSign(input: SnapSignatureInput): { stringToSign: string; bodyHash: string } {
  checkInput(input);
  const bodyHash = createHash('sha256').update(minifyJsonBody(input.body), 'utf8').digest('hex');
  const stringToSign = [
    input.method.toUpperCase(),
    input.urlPath,
    input.accessToken,
    bodyHash,
    input.timestamp,
  ].join(':');
  return withNonEnumerable({ bodyHash }, 'stringToSign', stringToSign);
}

export function signSnap(clientSecret: string, input: SnapSignatureInput): SnapSignature {
  return signHmacSha512(
    clientSecret,
    () => new SnapSignatureInputError('clientSecret', 'must not be empty'),
    () => snapStringToSign(input),
    'base64',
  );
}

/**
 * Constant-time check of an X-SIGNATURE value. Any input error counts as a mismatch, and so does a
 * signature that is not a string (e.g. `headers.get('x-signature')` returning null).
 */
export function verifySnap(
  clientSecret: string,
  input: SnapSignatureInput,
  signature: string | null | undefined,
): boolean {
  return signatureMatches(signature, () => signSnap(clientSecret, input).signature);
}
