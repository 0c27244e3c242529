import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { type AgentOptions, Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { Readable } from 'node:stream';
import {
  AnswerHeaders,
  BufferedResponse,
  DEFAULT_MAX_ANSWER_BYTES,
  NULL_BODY_STATUSES,
  PlainRequest,
} from '@onelink-kit/core';

export interface KeepAliveFetchOptions {
  /** Most sockets open to one host at a time; more requests queue. Default 64. */
  maxSockets?: number;
  /**
   * How long an unused keep-alive socket is kept, in ms. Default 4 000: under the 5 s idle timeout
   * common to HTTP servers, so the gateway drops a socket before the server does, rather than
   * sending a request down one the server is closing.
   */
  idleTimeoutMs?: number;
  /** An answer no longer than this (declared or chunked) is read whole before it is handed on. */
  bufferUpToBytes?: number;
  /** Extra TLS settings for the https agent (e.g. `ca` in tests); certificates are always verified. */
  tls?: Pick<AgentOptions, 'ca'>;
}

export interface KeepAliveFetch {
  fetch: typeof fetch;
  /**
   * The Request class to build this transport's requests with (the client's `Request` option): it
   * reads their URL, headers and body as given, with no platform Request or body stream in between.
   */
  Request: typeof PlainRequest;
  /** Closes the idle sockets and refuses new requests. */
  close(): void;
}

/**
 * The gateway's transport to 1LINK: a `fetch` over node:http(s) with keep-alive agents. The client
 * (and openapi-fetch under it) stays the same; only the transport under it changes. Measured on
 * the bench machine against the global fetch, the same generated client call: about 540 → 330 µs
 * of CPU per call (see the gateway README's Performance section).
 *
 * What it does differently from the global fetch, on purpose: it does not follow redirects (1LINK's
 * operations are POSTs that answer directly; a 3xx is an answer for the client to classify), and an
 * answer longer than `bufferUpToBytes` is handed on as a stream from where reading stopped, so the
 * client's answer-size cap refuses it; this transport never holds more than that.
 * Errors keep the socket's `code` (ECONNREFUSED, ECONNRESET…), which the client's outcome table
 * reads; an abort rejects with the signal's reason, as fetch does.
 */
export function createKeepAliveFetch(options: KeepAliveFetchOptions = {}): KeepAliveFetch {
  const agentOptions = {
    keepAlive: true,
    maxSockets: options.maxSockets ?? 64,
    // Node's agent ends a free socket when this fires; a socket in use is left to the request.
    timeout: options.idleTimeoutMs ?? 4_000,
    // The most recently used socket first: the others idle out instead of all staying warm.
    scheduling: 'lifo' as const,
  };
  const http = new HttpAgent(agentOptions);
  const https = new HttpsAgent({ ...agentOptions, ...options.tls });
  const bufferUpTo = options.bufferUpToBytes ?? DEFAULT_MAX_ANSWER_BYTES;
  let closed = false;
  // The last URL asked for, parsed: a client calls the same few URLs over and over.
  let last: { href: string; target: Target } | undefined;
  const target = (href: string): Target => {
    if (last?.href !== href) last = { href, target: targetOf(href) };
    return last.target;
  };

  async function keepAliveFetch(input: Request | string | URL, init?: RequestInit): Promise<Response> {
    // A PlainRequest (from the client's `Request` option, or made here from a URL and init) hands its
    // body over as given; a platform Request is read through its stream.
    const request = input instanceof PlainRequest ? input : new PlainRequest(input, init);
    if (closed) throw new TypeError('fetch failed', { cause: new Error('transport closed') });
    (init?.signal ?? request.signal).throwIfAborted();
    const url = target(request.url);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new TypeError(`fetch failed: unsupported protocol ${url.protocol}`);
    }
    const given = request.bodySource;
    const body =
      typeof given === 'string'
        ? Buffer.from(given)
        : given !== undefined
          ? given
          : request.hasOtherBody
            ? Buffer.from(await request.arrayBuffer())
            : undefined;
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => {
      headers[name] = value;
    });
    if (body !== undefined) headers['content-length'] = String(body.byteLength);
    const secure = url.protocol === 'https:';
    return new Promise<Response>((resolve, reject) => {
      // The caller's signal itself where it gave one: a Request made here follows it only while that
      // Request is alive, and after a garbage collection an abort would not come through.
      const signal = init?.signal ?? request.signal;
      const onAbort = () => {
        outgoing.destroy();
        reject(signal.reason);
      };
      // Once the answer is over (read, refused or broken) the signal has nothing left to cancel: its
      // listener goes, so a long-lived signal does not keep the finished request reachable.
      const release = () => signal.removeEventListener('abort', onAbort);
      const outgoing = (secure ? httpsRequest : httpRequest)(
        {
          agent: secure ? https : http,
          protocol: url.protocol,
          hostname: url.hostname,
          port: url.port,
          path: url.path,
          method: request.method,
          headers,
        },
        (answer) => {
          answer.once('close', release);
          answerOf(answer, bufferUpTo).then(
            (response) => {
              // Read whole, the answer is over: the listener goes before the caller has it (not on a
              // later 'close'), so core's attemptSignal can hand the unheard signal to a later attempt.
              if (response instanceof BufferedResponse) release();
              resolve(response);
            },
            (error: unknown) => {
              release();
              reject(error);
            },
          );
        },
      );
      signal.addEventListener('abort', onAbort, { once: true });
      outgoing.on('error', (error) => {
        release();
        reject(signal.aborted ? signal.reason : error);
      });
      outgoing.end(body);
    });
  }

  return {
    fetch: keepAliveFetch,
    Request: PlainRequest,
    close() {
      closed = true;
      http.destroy();
      https.destroy();
    },
  };
}

interface Target {
  protocol: string;
  hostname: string;
  port: string;
  path: string;
}

/** Where a URL points, as node:http's request options take it (an IPv6 host without brackets). */
function targetOf(href: string): Target {
  const url = new URL(href);
  return {
    protocol: url.protocol,
    hostname: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port,
    path: `${url.pathname}${url.search}`,
  };
}

/**
 * The answer as a Response: read whole when it turns out no longer than `bufferUpTo` (declared or
 * chunked), else handed on as a stream from where reading stopped, for the client's cap to refuse.
 */
async function answerOf(answer: IncomingMessage, bufferUpTo: number): Promise<Response> {
  // From the raw list, with no per-header checks (node's parser made them); node's agent still builds
  // `answer.headers` once, at the answer's end, for the keep-alive hint it reads there.
  const headers = new AnswerHeaders(answer.rawHeaders);
  const init = { status: answer.statusCode ?? 502, statusText: answer.statusMessage ?? '', headers };
  if (NULL_BODY_STATUSES.has(init.status)) {
    answer.resume();
    return new BufferedResponse(null, init);
  }
  const declared = Number(headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > bufferUpTo) return streamed([], answer, init);
  const chunks: Buffer[] = [];
  const whole = await new Promise<boolean>((resolve, reject) => {
    let total = 0;
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      total += chunk.byteLength;
      if (total <= bufferUpTo) return;
      answer.pause();
      answer.removeListener('data', onData);
      resolve(false);
    };
    answer.on('data', onData);
    answer.once('end', () => resolve(true));
    answer.once('error', reject);
    // The socket closed before the declared length (or the last chunk) arrived.
    answer.once('aborted', () => reject(Object.assign(new Error('aborted'), { code: 'ECONNRESET' })));
  });
  if (!whole) return streamed(chunks, answer, init);
  const body = chunks.length === 1 && chunks[0] !== undefined ? chunks[0] : Buffer.concat(chunks);
  return new BufferedResponse(body, init);
}

/** What was read so far, then the rest of the answer, as a Response body stream. */
function streamed(read: Buffer[], answer: IncomingMessage, init: ResponseInit): Response {
  async function* body() {
    yield* read;
    yield* answer;
  }
  // node:stream/web's ReadableStream and the global one are the same class under two type names.
  const stream = Readable.toWeb(Readable.from(body())) as ReadableStream<Uint8Array>;
  return new Response(stream, init);
}
