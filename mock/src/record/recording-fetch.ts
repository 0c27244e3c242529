import type { Throttle } from './throttle.js';

/** One HTTP exchange exactly as it went over the wire (before scrubbing). Lives only in memory. */
export interface RawExchange {
  method: string;
  url: string;
  requestHeaders: Record<string, string>;
  requestBody: string | undefined;
  status: number;
  responseHeaders: Record<string, string>;
  responseBody: string;
  startedAt: string;
}

export interface RecordingFetch {
  fetch: typeof fetch;
  exchanges: RawExchange[];
}

export interface RecordingFetchOptions {
  throttle: Throttle;
  /** The real fetch (default: global fetch). */
  fetch?: typeof fetch;
  /** Lets the recorder alter a request before it is sent (used to present an expired token). */
  rewrite?: (request: Request) => Request | Promise<Request>;
  /** Hosts that may be called; anything else is refused before a byte is sent. */
  allowedOrigins: string[];
}

/**
 * A fetch for `createOneLinkClient({ fetch })` that sends every request through the throttle (one at a
 * time, spaced) and keeps a copy of the raw exchange for the recorder.
 */
export function createRecordingFetch(options: RecordingFetchOptions): RecordingFetch {
  const inner = options.fetch ?? globalThis.fetch;
  const exchanges: RawExchange[] = [];
  const recordingFetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    let request = new Request(input, init);
    if (options.rewrite) request = await options.rewrite(request);
    const origin = new URL(request.url).origin;
    if (!options.allowedOrigins.includes(origin)) {
      throw new Error(`recorder: refusing to call ${origin} (allowed: ${options.allowedOrigins.join(', ')})`);
    }
    return options.throttle.run(async () => {
      const startedAt = new Date().toISOString();
      const requestBody = request.body ? await request.clone().text() : undefined;
      const response = await inner(request);
      const responseBody = await response.clone().text();
      exchanges.push({
        method: request.method,
        url: request.url,
        requestHeaders: Object.fromEntries(request.headers.entries()),
        requestBody,
        status: response.status,
        responseHeaders: Object.fromEntries(response.headers.entries()),
        responseBody,
        startedAt,
      });
      return response;
    });
  };
  return { fetch: recordingFetch as typeof fetch, exchanges };
}
