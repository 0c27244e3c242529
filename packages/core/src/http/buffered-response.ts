/**
 * A stand-in for the platform's `Response`, for an answer a transport has already read whole (the
 * gateway's keep-alive transport reads every answer up to the size cap). The platform's class puts
 * the bytes in a web stream that openapi-fetch then reads back; this one hands them over directly.
 *
 * `status`, `statusText`, `ok`, `headers` and the reads (`text()`, `json()`, `arrayBuffer()`) work on
 * the bytes kept; everything else (`body`, `blob()`, `clone()`…) comes from a platform Response made
 * on first use from the same bytes, after which every read goes through it, so the body is still
 * read once. `byteLength` tells a size cap how long the answer is without reading it.
 */
export class BufferedResponse implements Response {
  readonly status: number;
  readonly statusText: string;
  readonly headers: Headers;
  /** How many bytes the body has (0 without one). */
  readonly byteLength: number;
  readonly #bytes: Uint8Array | null;
  #used = false;
  #platform: Response | undefined;

  constructor(bytes: Uint8Array | null, init: { status: number; statusText?: string; headers: Headers }) {
    this.#bytes = bytes;
    this.byteLength = bytes?.byteLength ?? 0;
    this.status = init.status;
    this.statusText = init.statusText ?? '';
    this.headers = init.headers;
  }

  get ok(): boolean {
    return this.status >= 200 && this.status <= 299;
  }
  get type(): Response['type'] {
    return 'default';
  }
  get url(): string {
    return '';
  }
  get redirected(): boolean {
    return false;
  }

  /** The platform Response over the same bytes, made once, on first use. */
  #response(): Response {
    this.#platform ??= new Response(this.#bytes, {
      status: this.status,
      statusText: this.statusText,
      headers: this.headers,
    });
    return this.#platform;
  }

  /** The bytes, once: a second read fails as the platform's does. */
  #take(): Uint8Array {
    if (this.#used) throw unusable();
    this.#used = true;
    return this.#bytes ?? new Uint8Array(0);
  }

  get body(): Response['body'] {
    return this.#response().body;
  }
  get bodyUsed(): boolean {
    return this.#platform === undefined ? this.#used : this.#platform.bodyUsed;
  }
  async text(): Promise<string> {
    if (this.#platform !== undefined) return this.#platform.text();
    const bytes = this.#take();
    // As the platform's UTF-8 decode: a leading byte-order mark is dropped, bad sequences become U+FFFD.
    const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    return Buffer.from(bytes.buffer, bytes.byteOffset + start, bytes.byteLength - start).toString('utf8');
  }
  async json(): Promise<unknown> {
    if (this.#platform !== undefined) return this.#platform.json();
    return JSON.parse(await this.text());
  }
  async arrayBuffer(): Promise<ArrayBuffer> {
    if (this.#platform !== undefined) return this.#platform.arrayBuffer();
    const bytes = this.#take();
    const copy = new Uint8Array(bytes.byteLength);
    copy.set(bytes);
    return copy.buffer;
  }
  // Typed as newer lib files type it (Node 20's own typings have no bytes()); Node 20.19 has it.
  async bytes(): Promise<Uint8Array<ArrayBuffer>> {
    return new Uint8Array(await this.arrayBuffer());
  }
  blob(): Promise<Blob> {
    return this.#used ? Promise.reject(unusable()) : this.#response().blob();
  }
  formData(): Promise<FormData> {
    return this.#used ? Promise.reject(unusable()) : this.#response().formData();
  }
  clone(): Response {
    if (this.#used) throw unusable();
    return this.#response().clone();
  }
}

function unusable(): TypeError {
  return new TypeError('Body is unusable: Body has already been read');
}
