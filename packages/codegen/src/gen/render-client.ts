import type { OperationModel } from './operations.js';
import { jsDocText, tsKey, tsMember, tsString } from './ts-literal.js';

// Body serialisation, init/header merging and the openapi-fetch client live once in the hand-written
// generated/runtime/operation-client.ts (tested there); a generated client.ts holds only what is spec-specific.
// Imported by package name, so output written anywhere (a test's temp folder) resolves the same module. The
// one place the specifier is spelled: change it here (and regenerate) when the runtime is published elsewhere.
export const RUNTIME_MODULE = '@onelink-kit/generated/runtime';

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
  const call = `client.${op.method.toUpperCase()}(${tsString(op.path)}, { ...callOptions(operationInfo${tsMember(op.operationId)}, init)`;
  const doc = [`${op.method.toUpperCase()} ${op.path}`];
  if (op.summary) doc.push(jsDocText(op.summary));
  const lines = [`    /** ${doc.join(' — ')} */`];
  if (op.body && !op.hasParams) {
    // Body-only operations take the body itself: generateDQRCMerchant(body).
    const optional = op.body.required ? '' : '?';
    lines.push(
      `    ${tsKey(op.operationId)}(body${optional}: RequestBody<${id}>, init?: CallInit): Promise<${result}> {`,
      `      return ${call}, body${parseAs} });`,
    );
  } else {
    const required = op.paramsRequired || op.body?.required === true;
    const param = required ? `input: OperationInput<${id}>` : `input: OperationInput<${id}> = {}`;
    lines.push(
      `    ${tsKey(op.operationId)}(${param}, init?: CallInit): Promise<${result}> {`,
      `      return ${call}, ...input${parseAs} });`,
    );
  }
  lines.push('    },');
  return lines.join('\n');
}

/** One method per operationId over openapi-fetch's createClient<paths>; the runtime is generated/runtime. */
export function renderClient(operations: OperationModel[]): string {
  const runtime = ['type ApiClientOptions', 'type CallInit', 'createFetchClient'];
  if (operations.length > 0) {
    runtime.push(
      'type ApiResponseOf',
      'callOptions',
      'type ErrorResponseOf',
      'type OperationInputOf',
      'type ParseAs',
      'type RequestBodyOf',
      'type SuccessResponseOf',
    );
  }
  const typeImports = operations.length > 0 ? 'operations, paths' : 'paths';
  const opTypes =
    operations.length > 0
      ? `
/** What a method takes when the operation has parameters: openapi-fetch's \`{ params?, body? }\`. */
export type OperationInput<K extends OperationId> = OperationInputOf<operations[K]>;
/** The request body of an operation, as the spec's schema type (never when it has none). */
export type RequestBody<K extends OperationId> = RequestBodyOf<operations[K]>;
/** openapi-fetch's \`{ data?, error?, response }\` for an operation (data is a Blob or string for non-JSON bodies). */
export type ApiResponse<K extends OperationId, P extends ParseAs = 'json'> = ApiResponseOf<operations[K], P>;
/** The body of any 2xx response of an operation. */
export type SuccessResponse<K extends OperationId> = SuccessResponseOf<operations[K]>;
/** The body of any 4xx/5xx/default response of an operation. */
export type ErrorResponse<K extends OperationId> = ErrorResponseOf<operations[K]>;
`
      : '';
  const byName = (spec: string) => spec.replace(/^type /, '').toLowerCase();
  runtime.sort((a, b) => byName(a).localeCompare(byName(b)));
  return `import { ${runtime.join(', ')} } from '${RUNTIME_MODULE}';
import type { ${typeImports} } from './types.js';

export type { ApiClientOptions, CallInit } from '${RUNTIME_MODULE}';

/** Every operationId in the spec, in spec order. */
export const operationIds = [${operations.map((op) => tsString(op.operationId)).join(', ')}] as const;
export type OperationId = (typeof operationIds)[number];

/** Method, path, request media type and (where the spec overrides them) servers of each operation. */
export const operationInfo = {
${operations.map(renderInfo).join('\n')}
} as const;
${opTypes}
/** A typed client with one method per operationId. */
export function createApiClient(options: ApiClientOptions) {
  const client = createFetchClient<paths>(options);
  return {
${operations.map(renderMethod).join('\n')}
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;
`;
}
