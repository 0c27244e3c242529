/** A request the recording fetch was given; `body` is its JSON (an empty object when it had none). */
export interface RecordedRequest {
  url: string;
  method: string;
  headers: Headers;
  body: Record<string, unknown>;
}

/**
 * A `fetch` for a client's `fetch` option that answers every request with `status` and `body` as JSON
 * and records what it was sent, for tests of what a client puts on the wire without a server.
 */
export function recordingFetch(
  status: number,
  body: unknown,
): { fetch: typeof globalThis.fetch; requests: RecordedRequest[] } {
  const requests: RecordedRequest[] = [];
  const fetch = async (input: Parameters<typeof globalThis.fetch>[0], init?: RequestInit) => {
    const request = new Request(input, init);
    const text = await request.text();
    requests.push({
      url: request.url,
      method: request.method,
      headers: request.headers,
      body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>),
    });
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  };
  return { fetch, requests };
}

/** Never answers; rejects with the request signal's reason once it is aborted (as fetch does). */
export const hangingFetch: typeof globalThis.fetch = async (input, init) => {
  // The caller's own signal, not one of a Request made here: undici's Request follows the given signal
  // only while that Request is alive, so after a garbage collection the abort never came through.
  const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined);
  return new Promise<Response>((_, reject) => {
    if (!signal) return;
    if (signal.aborted) reject(signal.reason);
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
};

/** Fails as undici does when nothing listens: TypeError "fetch failed" with the socket's ECONNREFUSED. */
export const refusedFetch: typeof globalThis.fetch = async () => {
  throw new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
};

/** Answers 200 with a body that is not JSON (a proxy's HTML page, say). */
export const notJsonFetch: typeof globalThis.fetch = async () =>
  new Response('<html>ok</html>', { status: 200 });
