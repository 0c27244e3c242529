import { HTTP_METHODS, type HttpMethod } from '@onelink-kit/core';
import * as generated from '@onelink-kit/generated';

// The simulator takes the spec documents from @onelink-kit/generated (made from spec/*.yaml by pnpm
// gen, kept in step by pnpm gen:check), not from the YAML: parsing the YAML takes about a second and
// @onelink-kit/codegen's spec catalogue loads redocly on import, and `pnpm sim` must be up in under 2 s.

/** Root extension that marks a spec as mocked; its value is the offset added to the first port. */
const PORT_OFFSET = 'x-onelink-mock-port-offset';

type Json = Record<string, unknown>;

export interface SimOperation {
  operationId: string;
  method: HttpMethod;
  /** Path as the spec writes it (the simulator serves it at the root, as Prism does). */
  path: string;
  operation: Json;
  /** Media types the request body may have; empty when the operation takes none. */
  requestMediaTypes: string[];
  requestBodyRequired: boolean;
}

export interface SimSpec {
  /** File name without extension, e.g. `1link-p2m-qr`. */
  name: string;
  /** e.g. `spec/1link-p2m-qr.yaml`. */
  specFile: string;
  portOffset: number;
  document: Json;
  operations: SimOperation[];
  /** The spec's x-onelink-response-codes table, by code. */
  responseCodes: Record<string, { description?: string; httpStatus?: number }>;
}

/** Every spec that carries x-onelink-mock-port-offset (the ones `pnpm mock` serves), by file name. */
export function loadSimSpecs(): SimSpec[] {
  const out: SimSpec[] = [];
  for (const entry of Object.values(generated) as unknown[]) {
    const { document, specFile } = (entry ?? {}) as { document?: Json; specFile?: string };
    if (!document || typeof specFile !== 'string') continue;
    const offset = document[PORT_OFFSET];
    if (offset === undefined) continue;
    if (typeof offset !== 'number' || !Number.isInteger(offset) || offset < 0) {
      throw new Error(
        `${specFile}: ${PORT_OFFSET} must be a non-negative integer, got ${JSON.stringify(offset)}`,
      );
    }
    out.push({
      name: specFile.replace(/^.*\//, '').replace(/\.ya?ml$/, ''),
      specFile,
      portOffset: offset,
      document,
      operations: operationsOf(document),
      responseCodes: (document['x-onelink-response-codes'] ?? {}) as SimSpec['responseCodes'],
    });
  }
  return out.sort((a, b) => a.specFile.localeCompare(b.specFile));
}

function operationsOf(document: Json): SimOperation[] {
  const out: SimOperation[] = [];
  for (const [p, item] of Object.entries((document.paths ?? {}) as Record<string, Json>)) {
    for (const method of HTTP_METHODS) {
      const operation = item?.[method] as Json | undefined;
      if (!operation || typeof operation.operationId !== 'string') continue;
      const body = resolve(document, operation.requestBody) as Json | undefined;
      out.push({
        operationId: operation.operationId,
        method,
        path: p,
        operation,
        requestMediaTypes: Object.keys((body?.content ?? {}) as Json),
        requestBodyRequired: body?.required === true,
      });
    }
  }
  return out;
}

/** Follows a local `$ref` (`#/components/...`) to what it names. */
export function resolve(document: Json, node: unknown, depth = 0): unknown {
  const ref = (node as Json | undefined)?.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#/') || depth > 20) return node;
  let at: unknown = document;
  for (const part of ref.slice(2).split('/')) {
    at = (at as Json | undefined)?.[part.replaceAll('~1', '/').replaceAll('~0', '~')];
  }
  return resolve(document, at, depth + 1);
}

/**
 * The example names an operation's response declares for a status, in the spec's order (after local
 * `$ref`s): the order the simulator picks a recorded answer in when only a status is asked for.
 */
export function exampleNames(spec: SimSpec, op: SimOperation, status: number): string[] {
  const responses = (op.operation.responses ?? {}) as Json;
  const response = resolve(spec.document, responses[String(status)]) as Json | undefined;
  const content = (response?.content ?? {}) as Record<string, Json>;
  return Object.values(content).flatMap((media) => Object.keys((media.examples ?? {}) as Json));
}
