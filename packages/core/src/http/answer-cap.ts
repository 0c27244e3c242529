import { OneLinkAnswerTooLargeError } from '../errors/upstream-errors.js';
import { REDACTED, SENSITIVE_KEYS } from '../log/redaction.js';
import { BufferedResponse } from './buffered-response.js';

/**
 * The most an upstream answer may weigh before it is refused unread. A QR answer is a few kilobytes
 * even with a QR image in it; without a cap a 20 MB description would be parsed, stored and returned.
 */
export const DEFAULT_MAX_ANSWER_BYTES = 1_048_576;

/** How much of a refused answer is kept for reconciliation. */
const HEAD_CHARS = 2_048;

/** Statuses whose answer has no body (the platform's Response constructor refuses one for them). */
export const NULL_BODY_STATUSES: ReadonlySet<number> = new Set([101, 103, 204, 205, 304]);

/**
 * A fetch that reads at most `maxBytes` of each answer body. A longer answer (by Content-Length or
 * as it streams) is cancelled and rejected with OneLinkAnswerTooLargeError carrying its first
 * characters; a shorter one is handed on fully read, so parsing it cannot grow past the cap.
 */
export function capAnswerSize(inner: typeof fetch, maxBytes = DEFAULT_MAX_ANSWER_BYTES): typeof fetch {
  return async (input, init) => {
    const response = await inner(input, init);
    // Read whole already: its length is known without touching the body.
    if (response instanceof BufferedResponse) {
      if (response.byteLength <= maxBytes) return response;
      throw new OneLinkAnswerTooLargeError({
        status: response.status,
        limitBytes: maxBytes,
        head: headOf([new Uint8Array(await response.arrayBuffer())]),
      });
    }
    if (response.body === null || NULL_BODY_STATUSES.has(response.status)) return response;
    const declared = Number(response.headers.get('content-length') ?? Number.NaN);
    // A declared length within the cap bounds the body already (the HTTP parser reads exactly that
    // many bytes), so the answer is handed on unread instead of copied into a second Response.
    if (Number.isFinite(declared) && declared <= maxBytes) return response;
    const reader = response.body.getReader();
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      total += value.byteLength;
      if (total > maxBytes || (Number.isFinite(declared) && declared > maxBytes)) {
        await reader.cancel().catch(() => undefined);
        throw new OneLinkAnswerTooLargeError({
          status: response.status,
          limitBytes: maxBytes,
          head: headOf(chunks),
        });
      }
    }
    const body = new Uint8Array(total);
    let at = 0;
    for (const chunk of chunks) {
      body.set(chunk, at);
      at += chunk.byteLength;
    }
    return new Response(body, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}

/** The start of the answer as text, with `"access_token": "…"`-style members blanked. */
function headOf(chunks: Uint8Array[]): string {
  const decoder = new TextDecoder('utf-8', { fatal: false });
  let text = '';
  for (const chunk of chunks) {
    text += decoder.decode(chunk, { stream: true });
    if (text.length >= HEAD_CHARS * 2) break;
  }
  let head = text.slice(0, HEAD_CHARS);
  for (const key of SENSITIVE_KEYS) {
    head = head.replace(new RegExp(`("${key}"\\s*:\\s*)"[^"]*"?`, 'g'), `$1"${REDACTED}"`);
  }
  return head;
}
