// The runtime every generated src/<spec>/client.ts imports as `@onelink-kit/generated/runtime`. Hand-written
// and tested once here, so the generated files hold only what differs per spec (operation table, typed methods).
// Request bodies are serialized from the media type the spec declares, never per operation.
import createClient, {
  type Client,
  type FetchResponse,
  type ParamsOption,
  type ParseAs,
  type RequestBodyOption,
} from 'openapi-fetch';

export type { ParseAs } from 'openapi-fetch';
export { HTTP_METHODS, type HttpMethod } from './http-methods.js';

type Media = `${string}/${string}`;

export interface ApiClientOptions {
  /** Base URL the spec's paths are appended to, e.g. the first of the spec's servers. */
  baseUrl: string;
  fetch?: typeof fetch;
  /**
   * The class each call's request is made with (default: the platform's Request). A transport that
   * reads requests itself can pass a lighter one, such as `PlainRequest` of `@onelink-kit/core`.
   */
  Request?: typeof Request;
  /** Headers sent with every request (per-call headers and header parameters win). */
  headers?: Record<string, string>;
}

/** Per-call options. baseUrl overrides the client's, for operations with their own servers. */
export interface CallInit {
  headers?: Record<string, string>;
  signal?: AbortSignal;
  fetch?: typeof fetch;
  baseUrl?: string;
}

/** One entry of a generated `operationInfo` table: what a call needs to know about its operation. */
export interface OperationInfo {
  readonly method: string;
  readonly path: string;
  /** The media type the request body is sent as; absent when the operation takes no body. */
  readonly requestContentType?: string;
}

/** What a method takes when the operation has parameters: openapi-fetch's `{ params?, body? }`. */
export type OperationInputOf<Op> = ParamsOption<Op> & RequestBodyOption<Op>;
type ContentOf<T> = T extends { content: infer C } ? C[keyof C] : never;
/** The request body of an operation, as the spec's schema type (never when it has none). */
export type RequestBodyOf<Op extends { requestBody?: unknown }> = ContentOf<NonNullable<Op['requestBody']>>;
/** openapi-fetch's `{ data?, error?, response }` for an operation (data is a Blob or string for non-JSON bodies). */
export type ApiResponseOf<
  Op extends Record<string | number, unknown>,
  P extends ParseAs = 'json',
> = FetchResponse<Op, { parseAs: P }, Media>;
/** The body of any 2xx response of an operation. */
export type SuccessResponseOf<Op extends Record<string | number, unknown>> = NonNullable<
  ApiResponseOf<Op>['data']
>;
/** The body of any 4xx/5xx/default response of an operation. */
export type ErrorResponseOf<Op extends Record<string | number, unknown>> = NonNullable<
  ApiResponseOf<Op>['error']
>;

/** openapi-fetch's `createClient<paths>()` with the client-wide options. */
export function createFetchClient<Paths extends {}>(options: ApiClientOptions): Client<Paths, Media> {
  return createClient<Paths, Media>({
    baseUrl: options.baseUrl,
    fetch: options.fetch,
    Request: options.Request,
    headers: options.headers,
  });
}

/** The per-call part of an openapi-fetch request init; the generated method adds params, body and parseAs. */
export interface CallOptions {
  baseUrl: string | undefined;
  fetch: typeof fetch | undefined;
  signal: AbortSignal | undefined;
  headers: Record<string, string> | undefined;
  bodySerializer: ((body: unknown) => unknown) | undefined;
}

/** Merges the per-call init with what the operation's table entry says about its request body. */
export function callOptions(operation: OperationInfo, init?: CallInit): CallOptions {
  const contentType = operation.requestContentType;
  // multipart/form-data gets no explicit Content-Type: fetch adds it with the boundary.
  const sendsContentType = contentType !== undefined && !contentType.toLowerCase().startsWith('multipart/');
  return {
    baseUrl: init?.baseUrl,
    fetch: init?.fetch,
    signal: init?.signal,
    headers: sendsContentType ? { 'Content-Type': contentType, ...init?.headers } : init?.headers,
    bodySerializer:
      contentType === undefined ? undefined : (body: unknown) => serializeBody(contentType, body),
  };
}

/** Serializes a request body for the media type the spec declares for it. */
export function serializeBody(contentType: string, body: unknown): unknown {
  const mediaType = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  if (mediaType === 'application/x-www-form-urlencoded') return formUrlEncode(body);
  if (mediaType === 'multipart/form-data') return body instanceof FormData ? body : toFormData(body);
  if (mediaType === 'application/json' || mediaType.endsWith('+json')) return JSON.stringify(body);
  if (mediaType.startsWith('text/')) return String(body);
  // Binary and unknown media types: sent as given (Blob, ArrayBuffer, string, stream).
  return body;
}

function formFields(body: unknown): [string, unknown][] {
  if (typeof body !== 'object' || body === null) return [];
  const fields: [string, unknown][] = [];
  for (const [key, value] of Object.entries(body)) {
    if (value === undefined || value === null) continue;
    // Arrays repeat the key (OpenAPI style: form, explode: true).
    for (const item of Array.isArray(value) ? value : [value]) fields.push([key, item]);
  }
  return fields;
}

function formValue(value: unknown): string {
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

function formUrlEncode(body: unknown): string {
  const form = new URLSearchParams();
  for (const [key, value] of formFields(body)) form.append(key, formValue(value));
  return form.toString();
}

function toFormData(body: unknown): FormData {
  const form = new FormData();
  for (const [key, value] of formFields(body))
    form.append(key, value instanceof Blob ? value : formValue(value));
  return form;
}
