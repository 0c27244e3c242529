import { document } from '@onelink-kit/generated/gateway';

// The gateway's contract as the fuzzer reads it: the bundled spec/gateway.yaml (every $ref local).

export type Json = Record<string, unknown>;
export type Schema = Json;

export const SPEC = document as unknown as Json;

/** Follows local `#/…` references until a non-reference object. */
export function deref<T = Json>(node: unknown): T {
  let current = node as Json;
  for (let hops = 0; typeof current?.$ref === 'string'; hops++) {
    if (hops > 32) throw new Error(`reference loop at ${String(current.$ref)}`);
    current = pointer(String(current.$ref).replace(/^#/, '')) as Json;
  }
  return current as T;
}

/** The value at a JSON pointer (`/components/schemas/X`) in the spec. */
export function pointer(path: string): unknown {
  let node: unknown = SPEC;
  for (const raw of path.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    node = (node as Json | undefined)?.[key];
    if (node === undefined) throw new Error(`no ${path} in spec/gateway.yaml`);
  }
  return node;
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  schema: Schema;
}

export interface Operation {
  operationId: string;
  method: 'get' | 'post';
  path: string;
  parameters: Parameter[];
  /** The JSON request body's schema, when the operation takes one. */
  body?: Schema;
  /** Whether the operation needs an API key (the spec's `security: []` says no). */
  secured: boolean;
}

/** Every operation of the spec, parameters and body resolved. */
export function operations(): Operation[] {
  const result: Operation[] = [];
  for (const [path, item] of Object.entries(SPEC.paths as Record<string, Json>)) {
    for (const method of ['get', 'post'] as const) {
      const op = item[method] as Json | undefined;
      if (op === undefined) continue;
      const parameters = ((op.parameters as unknown[] | undefined) ?? []).map((p) => {
        const param = deref<Json>(p);
        return {
          name: String(param.name),
          in: param.in as Parameter['in'],
          required: param.required === true,
          schema: param.schema as Schema,
        };
      });
      const content = (deref<Json>(op.requestBody ?? {}).content ?? {}) as Record<string, Json>;
      const body = content['application/json']?.schema as Schema | undefined;
      const security = op.security as unknown[] | undefined;
      result.push({
        operationId: String(op.operationId),
        method,
        path,
        parameters,
        ...(body === undefined ? {} : { body }),
        secured: !(Array.isArray(security) && security.length === 0),
      });
    }
  }
  return result;
}
