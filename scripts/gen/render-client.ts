import type { OperationModel } from './operations.js';
import { jsDocText, tsKey, tsString } from './ts-literal.js';

// Runtime helpers copied into every client.ts that sends a body: the generated package has no hand-written
// runtime, so each spec's module is self-contained. The serializer is chosen from the media type the spec
// declares for the request body, never per operation.
const BODY_HELPERS = `/** Serializes a request body for the media type the spec declares for it. */
function serializeBody(contentType: string, body: unknown): unknown {
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
  for (const [key, value] of formFields(body)) form.append(key, value instanceof Blob ? value : formValue(value));
  return form;
}
`;

const CALL_OPTIONS = `function callOptions(init: CallInit | undefined, contentType?: string) {
  // multipart/form-data gets no explicit Content-Type: fetch adds it with the boundary.
  const sendsContentType = contentType !== undefined && !contentType.toLowerCase().startsWith('multipart/');
  return {
    baseUrl: init?.baseUrl,
    fetch: init?.fetch,
    signal: init?.signal,
    headers: sendsContentType ? { 'Content-Type': contentType, ...init?.headers } : init?.headers,
    bodySerializer: contentType === undefined ? undefined : (body: unknown) => serializeBody(contentType, body),
  };
}
`;

const CALL_OPTIONS_NO_BODY = `function callOptions(init: CallInit | undefined) {
  return { baseUrl: init?.baseUrl, fetch: init?.fetch, signal: init?.signal, headers: init?.headers };
}
`;

function renderInfo(op: OperationModel): string {
  const parts = [`method: ${tsString(op.method.toUpperCase())}`, `path: ${tsString(op.path)}`];
  if (op.body) parts.push(`requestContentType: ${tsString(op.body.contentType)}`);
  if (op.servers) {
    const servers = op.servers.map((s) => {
      const fields = [`url: ${tsString(s.url)}`];
      if (s.description !== undefined) fields.push(`description: ${tsString(s.description)}`);
      return `{ ${fields.join(', ')} }`;
    });
    parts.push(`servers: [${servers.join(', ')}]`);
  }
  return `  ${tsKey(op.operationId)}: { ${parts.join(', ')} },`;
}

function renderMethod(op: OperationModel): string {
  const id = tsString(op.operationId);
  // Non-JSON success bodies (images, Prometheus text) are read as Blob/text, and typed so.
  const result = op.parseAs ? `ApiResponse<${id}, ${tsString(op.parseAs)}>` : `ApiResponse<${id}>`;
  const parseAs = op.parseAs ? `, parseAs: ${tsString(op.parseAs)} as const` : '';
  const call = `client.${op.method.toUpperCase()}(${tsString(op.path)}`;
  const ct = op.body ? `, ${tsString(op.body.contentType)}` : '';
  const doc = [`${op.method.toUpperCase()} ${op.path}`];
  if (op.summary) doc.push(jsDocText(op.summary));
  const lines = [`    /** ${doc.join(' — ')} */`];
  if (op.body && !op.hasParams) {
    // Body-only operations take the body itself: generateDQRCMerchant(body).
    const optional = op.body.required ? '' : '?';
    lines.push(
      `    ${tsKey(op.operationId)}(body${optional}: RequestBody<${id}>, init?: CallInit): Promise<${result}> {`,
      `      return ${call}, { ...callOptions(init${ct}), body${parseAs} });`,
    );
  } else {
    const required = op.paramsRequired || op.body?.required === true;
    const param = required ? `input: OperationInput<${id}>` : `input: OperationInput<${id}> = {}`;
    lines.push(
      `    ${tsKey(op.operationId)}(${param}, init?: CallInit): Promise<${result}> {`,
      `      return ${call}, { ...callOptions(init${ct}), ...input${parseAs} });`,
    );
  }
  lines.push('    },');
  return lines.join('\n');
}

/** One method per operationId over openapi-fetch's createClient<paths>. */
export function renderClient(operations: OperationModel[]): string {
  const anyBody = operations.some((op) => op.body !== undefined);
  const typeImports = operations.length > 0 ? 'operations, paths' : 'paths';
  const opTypes =
    operations.length > 0
      ? `type Media = \`\${string}/\${string}\`;

/** What a method takes when the operation has parameters: openapi-fetch's \`{ params?, body? }\`. */
export type OperationInput<K extends OperationId> = ParamsOption<operations[K]> & RequestBodyOption<operations[K]>;
type ContentOf<T> = T extends { content: infer C } ? C[keyof C] : never;
/** The request body of an operation, as the spec's schema type (never when it has none). */
export type RequestBody<K extends OperationId> = ContentOf<NonNullable<operations[K]['requestBody']>>;
/** openapi-fetch's \`{ data?, error?, response }\` for an operation (data is a Blob or string for non-JSON bodies). */
export type ApiResponse<K extends OperationId, P extends ParseAs = 'json'> = FetchResponse<operations[K], { parseAs: P }, Media>;
/** The body of any 2xx response of an operation. */
export type SuccessResponse<K extends OperationId> = NonNullable<ApiResponse<K>['data']>;
/** The body of any 4xx/5xx/default response of an operation. */
export type ErrorResponse<K extends OperationId> = NonNullable<ApiResponse<K>['error']>;
`
      : '';
  const fetchImports =
    operations.length > 0
      ? ', { type FetchResponse, type ParamsOption, type ParseAs, type RequestBodyOption }'
      : '';
  return `import createClient${fetchImports} from 'openapi-fetch';
import type { ${typeImports} } from './types.js';

/** Every operationId in the spec, in spec order. */
export const operationIds = [${operations.map((op) => tsString(op.operationId)).join(', ')}] as const;
export type OperationId = (typeof operationIds)[number];

/** Method, path, request media type and (where the spec overrides them) servers of each operation. */
export const operationInfo = {
${operations.map(renderInfo).join('\n')}
} as const;

${opTypes}
export interface ApiClientOptions {
  /** Base URL the spec's paths are appended to, e.g. the first of the spec's servers. */
  baseUrl: string;
  fetch?: typeof fetch;
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

${anyBody ? CALL_OPTIONS : CALL_OPTIONS_NO_BODY}${anyBody ? `\n${BODY_HELPERS}` : ''}
/** A typed client with one method per operationId. */
export function createApiClient(options: ApiClientOptions) {
  const client = createClient<paths>({ baseUrl: options.baseUrl, fetch: options.fetch, headers: options.headers });
  return {
${operations.map(renderMethod).join('\n')}
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;
`;
}
