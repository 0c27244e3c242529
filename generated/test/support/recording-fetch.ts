/** One request as the generated client put it on the wire. */
export interface RecordedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

/**
 * A fetch that records every request and answers each with `responseBody` as JSON, for driving generated
 * clients without a network.
 */
export function recordingFetch(
  status: number,
  responseBody: unknown,
): { fetch: typeof globalThis.fetch; seen: RecordedRequest[] } {
  const seen: RecordedRequest[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = input instanceof Request ? input : new Request(input, init);
    seen.push({
      method: request.method,
      url: request.url,
      headers: Object.fromEntries(request.headers),
      body: await request.text(),
    });
    return new Response(JSON.stringify(responseBody), {
      status,
      headers: { 'Content-Type': 'application/json' },
    });
  };
  return { fetch, seen };
}
