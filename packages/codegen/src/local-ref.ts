// Walking a bundled OpenAPI document: after bundling every $ref is local (`#/...`), so the generator and
// the diff follow them with this one resolver.

export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Follows a local `#/...` $ref (the document is bundled, so there are no others). */
export function resolveLocal(document: Json, value: unknown, seen = new Set<string>()): unknown {
  if (!isObject(value) || typeof value.$ref !== 'string') return value;
  const ref = value.$ref;
  if (!ref.startsWith('#/')) throw new Error(`unexpected non-local $ref ${ref} after bundling`);
  if (seen.has(ref)) throw new Error(`circular $ref ${ref}`);
  seen.add(ref);
  let node: unknown = document;
  for (const raw of ref.slice(2).split('/')) {
    const key = decodeURIComponent(raw).replaceAll('~1', '/').replaceAll('~0', '~');
    node = isObject(node) ? node[key] : undefined;
  }
  if (node === undefined) throw new Error(`unresolved $ref ${ref}`);
  return resolveLocal(document, node, seen);
}
