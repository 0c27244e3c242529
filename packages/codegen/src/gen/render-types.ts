import type { OpenAPI3 } from 'openapi-typescript';

/** `paths`, `components`, `operations` for one bundled spec, via openapi-typescript's programmatic API. */
export async function renderTypes(document: Record<string, unknown>): Promise<string> {
  // Loaded on the first call, not at module load: importing it takes over a second, and most importers
  // of @onelink-kit/codegen (the spec catalogue, spec:diff, the mock) never generate types.
  const { default: openapiTS, astToString } = await import('openapi-typescript');
  // The document is already bundled, so openapi-typescript sees no external $refs; silent keeps its
  // informational logging out of gen:check output. defaultNonNullable: false keeps a property with a
  // `default` optional: the server fills it in when absent, so callers must not be forced to send it
  // (openapi-typescript's default, true, made such request fields required).
  const ast = await openapiTS(structuredClone(document) as unknown as OpenAPI3, {
    silent: true,
    defaultNonNullable: false,
  });
  return astToString(ast);
}
