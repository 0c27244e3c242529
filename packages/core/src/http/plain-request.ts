/** What the Request constructor takes as its first argument. */
type RequestInput = ConstructorParameters<typeof Request>[0];

/**
 * A stand-in for the platform's `Request`, for a transport that reads requests itself (the gateway's
 * keep-alive transport): openapi-fetch builds every call with `new Request(url, init)`, and the
 * platform's class wraps the body in a web stream the transport then has to read back. A CPU profile
 * of `pnpm bench:gateway` put undici's Request and Response at about a tenth of a create.
 *
 * It keeps what it was given: the URL as text, the method, the headers, the signal and a body given
 * as text or bytes (`bodySource`). Everything else (`body`, `arrayBuffer()`, `cache`, `clone()`…)
 * comes from a platform Request made on first use from the same URL and init, so code that treats it
 * as a Request still gets one. A body of another kind (a stream, FormData, a Blob) leaves
 * `bodySource` undefined and such a transport reads the platform Request instead.
 */
export class PlainRequest implements Request {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  /** The body as given, when it was text or bytes; undefined otherwise (and when there is none). */
  readonly bodySource: string | Uint8Array | undefined;
  /** True when the request has a body another kind than text or bytes (read it through `body`). */
  readonly hasOtherBody: boolean;
  readonly #input: RequestInput;
  readonly #init: RequestInit | undefined;
  #signal: AbortSignal | undefined;
  #platform: Request | undefined;

  constructor(input: RequestInput, init?: RequestInit) {
    this.#input = input;
    this.#init = init;
    if (typeof input !== 'string' && !(input instanceof URL)) {
      // A Request given as input: the platform's rules apply, so the platform's class does the work.
      const platform = this.#request();
      this.url = platform.url;
      this.method = platform.method;
      this.headers = platform.headers;
      this.bodySource = undefined;
      this.hasOtherBody = platform.body !== null;
      return;
    }
    // The URL as the platform would give it (absolute, normalised); a relative one throws, as fetch does.
    this.url = new URL(input).href;
    this.method = normalisedMethod(init?.method ?? 'GET');
    const body = init?.body ?? undefined;
    this.bodySource = typeof body === 'string' || body instanceof Uint8Array ? body : undefined;
    this.hasOtherBody = body !== undefined && this.bodySource === undefined;
    // Headers made by the caller for this request are kept as they are (openapi-fetch makes fresh
    // ones), unless a text body needs the Content-Type the platform gives it.
    if (this.hasOtherBody) {
      // The platform derives the Content-Type of such a body (form fields, a Blob's type…).
      this.headers = this.#request().headers;
      this.#signal = init?.signal ?? undefined;
      return;
    }
    const given = init?.headers;
    let headers = given instanceof Headers ? given : new Headers(given);
    if (typeof body === 'string' && !headers.has('content-type')) {
      if (headers === given) headers = new Headers(given);
      headers.set('content-type', 'text/plain;charset=UTF-8');
    }
    this.headers = headers;
    this.#signal = init?.signal ?? undefined;
    if ((this.method === 'GET' || this.method === 'HEAD') && body !== undefined) {
      throw new TypeError(`Request with ${this.method} method cannot have body.`);
    }
  }

  get signal(): AbortSignal {
    // Made only when asked: a request without a signal of its own never aborts.
    this.#signal ??= this.#platform?.signal ?? new AbortController().signal;
    return this.#signal;
  }

  /** The platform Request with the same URL and init, made once, on first use. */
  #request(): Request {
    this.#platform ??= new Request(this.#input, this.#init);
    return this.#platform;
  }

  get body(): Request['body'] {
    return this.#request().body;
  }
  get bodyUsed(): boolean {
    return this.#request().bodyUsed;
  }
  get cache(): Request['cache'] {
    return this.#request().cache;
  }
  get credentials(): Request['credentials'] {
    return this.#request().credentials;
  }
  get destination(): Request['destination'] {
    return this.#request().destination;
  }
  get integrity(): string {
    return this.#request().integrity;
  }
  get keepalive(): boolean {
    return this.#request().keepalive;
  }
  get mode(): Request['mode'] {
    return this.#request().mode;
  }
  get redirect(): Request['redirect'] {
    return this.#request().redirect;
  }
  get referrer(): string {
    return this.#request().referrer;
  }
  get referrerPolicy(): Request['referrerPolicy'] {
    return this.#request().referrerPolicy;
  }
  get duplex(): 'half' {
    return 'half';
  }
  arrayBuffer(): Promise<ArrayBuffer> {
    return this.#request().arrayBuffer();
  }
  blob(): Promise<Blob> {
    return this.#request().blob();
  }
  // Typed as newer lib files type it (Node 20's own typings have no bytes()); Node 20.19 has it.
  bytes(): Promise<Uint8Array<ArrayBuffer>> {
    return this.#request()
      .arrayBuffer()
      .then((buffer) => new Uint8Array(buffer));
  }
  formData(): Promise<FormData> {
    return this.#request().formData();
  }
  json(): Promise<unknown> {
    return this.#request().json();
  }
  text(): Promise<string> {
    return this.#request().text();
  }
  clone(): Request {
    return this.#request().clone();
  }
}

/** The methods fetch writes in capitals whatever their case (the Fetch standard's normalisation). */
const NORMALISED_METHODS = new Set(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT']);

function normalisedMethod(method: string): string {
  const upper = method.toUpperCase();
  return NORMALISED_METHODS.has(upper) ? upper : method;
}
