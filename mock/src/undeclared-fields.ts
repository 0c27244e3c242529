import type { OperationRef, SpecDocument } from './spec-catalog.js';

/** A member of an answer that its spec schema does not name (an open schema lets it validate anyway). */
export interface UndeclaredField {
  /** JSONPath from the body, e.g. `$.qrCode` or `$.data.qrData`. */
  path: string;
  /** JSON type of the value: string, number, integer, boolean, object, array, null. */
  type: string;
  /** The object schema it would be added to, e.g. `#/components/schemas/QrResponse` (undefined if inline). */
  schemaRef: string | undefined;
  /** The property name to add there. */
  name: string;
  /** The value, or its start for long text. */
  example: unknown;
}

type Schema = Record<string, unknown>;

const MAX_DEPTH = 32;

/** The JSON schema of an operation's answer for `status` (JSON content), with its `$ref` if any. */
export function responseSchemaOf(
  op: OperationRef,
  status: number,
): { schema: Schema; ref?: string } | undefined {
  const responses = (op.operation.responses ?? {}) as Record<string, Schema>;
  const response = responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default;
  const resolved = response === undefined ? undefined : resolve(op.spec.document, response);
  const content = resolved?.schema.content as Record<string, Schema> | undefined;
  const json = Object.entries(content ?? {}).find(([type]) => /json/i.test(type))?.[1];
  const schema = json?.schema as Schema | undefined;
  return schema === undefined ? undefined : resolve(op.spec.document, schema);
}

/**
 * Members of `body` the schema does not describe, at every depth the schema describes. Schemas without
 * `properties` (free-form objects) describe everything under them; `allOf`, `oneOf` and `anyOf` count
 * every branch's properties. Only local `#/...` references are followed; anything else is free-form.
 */
export function undeclaredFields(
  document: SpecDocument,
  root: { schema: Schema; ref?: string },
  body: unknown,
): UndeclaredField[] {
  const out: UndeclaredField[] = [];
  walk(document, root, body, '$', out, 0);
  return out;
}

function walk(
  document: SpecDocument,
  at: { schema: Schema; ref?: string },
  value: unknown,
  path: string,
  out: UndeclaredField[],
  depth: number,
): void {
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return;
  const resolved = resolve(document, at.schema);
  if (resolved === undefined) return;
  const ref = resolved.ref ?? at.ref;
  const branches = branchesOf(
    document,
    ref === undefined ? { schema: resolved.schema } : { schema: resolved.schema, ref },
  );
  if (Array.isArray(value)) {
    for (const branch of branches) {
      const items = branch.schema.items as Schema | undefined;
      if (items === undefined) continue;
      value.forEach((item, i) => {
        walk(document, { schema: items }, item, `${path}[${i}]`, out, depth + 1);
      });
      return;
    }
    return;
  }
  const described = new Map<string, Schema>();
  let hasProperties = false;
  let owner: string | undefined;
  for (const branch of branches) {
    const properties = branch.schema.properties as Record<string, Schema> | undefined;
    if (properties === undefined) continue;
    hasProperties = true;
    owner ??= branch.ref;
    for (const [name, s] of Object.entries(properties)) if (!described.has(name)) described.set(name, s);
  }
  if (!hasProperties) return;
  for (const [name, member] of Object.entries(value as Record<string, unknown>)) {
    const memberPath = /^[A-Za-z_$][\w$]*$/.test(name)
      ? `${path}.${name}`
      : `${path}[${JSON.stringify(name)}]`;
    const s = described.get(name);
    if (s === undefined) {
      out.push({
        path: memberPath,
        type: jsonType(member),
        schemaRef: owner,
        name,
        example: exampleOf(member),
      });
    } else {
      walk(document, { schema: s }, member, memberPath, out, depth + 1);
    }
  }
}

/** The schema itself plus the schemas of its allOf/oneOf/anyOf branches, resolved. */
function branchesOf(
  document: SpecDocument,
  at: { schema: Schema; ref?: string },
): Array<{ schema: Schema; ref?: string }> {
  const out = [at];
  for (const key of ['allOf', 'oneOf', 'anyOf']) {
    const list = at.schema[key];
    if (!Array.isArray(list)) continue;
    for (const item of list as Schema[]) {
      const r = resolve(document, item);
      if (r) out.push(...branchesOf(document, r));
    }
  }
  return out;
}

/** Follows local `$ref`s (`#/components/schemas/X`); undefined for a reference into another file. */
function resolve(document: SpecDocument, schema: Schema): { schema: Schema; ref?: string } | undefined {
  let current = schema;
  let ref: string | undefined;
  for (let i = 0; i < 16 && typeof current.$ref === 'string'; i++) {
    const target = current.$ref as string;
    if (!target.startsWith('#/')) return undefined;
    ref = target;
    let node: unknown = document;
    for (const part of target.slice(2).split('/')) {
      const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
      node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
    }
    if (node === null || typeof node !== 'object') return undefined;
    current = node as Schema;
  }
  return ref === undefined ? { schema: current } : { schema: current, ref };
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function exampleOf(value: unknown): unknown {
  if (typeof value === 'string' && value.length > 80)
    return `${value.slice(0, 60)}… (${value.length} characters)`;
  if (value !== null && typeof value === 'object') return Array.isArray(value) ? '[…]' : '{…}';
  return value;
}
