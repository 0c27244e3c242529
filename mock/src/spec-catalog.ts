import path from 'node:path';
import { listSpecFiles, parseSpec } from '@onelink-kit/codegen';
import { HTTP_METHODS, type HttpMethod } from '@onelink-kit/core';

// Which files are specs and how one is read is @onelink-kit/codegen's spec catalogue (the generator,
// spec:diff and lint:spec use the same one); what is added here is only what the mock needs: the path
// relative to the repository, the mock port offset, and operations by operationId.

/** Root extension that marks a spec as mocked; its value is the offset added to MOCK_PORT. */
export const MOCK_PORT_OFFSET_EXTENSION = 'x-onelink-mock-port-offset';

// Specs are plain parsed YAML; we only read the parts OpenAPI defines, so a loose record type is honest.
export type SpecDocument = Record<string, unknown> & {
  paths?: Record<string, Record<string, unknown>>;
  components?: Record<string, unknown>;
};

export interface SpecEntry {
  /** Absolute path of the YAML file. */
  absFile: string;
  /** Path relative to the repository root, with forward slashes (e.g. `spec/1link-p2m-qr.yaml`). */
  specFile: string;
  /** File name without extension (e.g. `1link-p2m-qr`). */
  name: string;
  /** sha256 (hex) of the file bytes, the same input the generator hashes. */
  sha256: string;
  document: SpecDocument;
  /** Set when the spec opts into mocking through `x-onelink-mock-port-offset`. */
  mockPortOffset: number | undefined;
}

export interface OperationRef {
  spec: SpecEntry;
  operationId: string;
  path: string;
  method: HttpMethod;
  operation: Record<string, unknown>;
  pathItem: Record<string, unknown>;
}

export function loadSpec(absFile: string, repoRoot: string): SpecEntry {
  const parsed = parseSpec(absFile);
  const document = parsed.document as SpecDocument;
  const offset = document[MOCK_PORT_OFFSET_EXTENSION];
  if (offset !== undefined && (typeof offset !== 'number' || !Number.isInteger(offset) || offset < 0)) {
    throw new Error(
      `${absFile}: ${MOCK_PORT_OFFSET_EXTENSION} must be a non-negative integer, got ${JSON.stringify(offset)}`,
    );
  }
  return {
    absFile: parsed.path,
    specFile: path.relative(repoRoot, parsed.path).split(path.sep).join('/'),
    name: parsed.name,
    sha256: parsed.sha256,
    document,
    mockPortOffset: offset as number | undefined,
  };
}

/** Every spec in `specDir` as the spec catalogue lists them (`*.yaml` / `*.yml`, sorted). */
export function loadSpecs(specDir: string, repoRoot: string): SpecEntry[] {
  return listSpecFiles(specDir).map((f) => loadSpec(path.join(specDir, f), repoRoot));
}

export function listOperations(spec: SpecEntry): OperationRef[] {
  const out: OperationRef[] = [];
  for (const [p, pathItem] of Object.entries(spec.document.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const operation = pathItem[method] as Record<string, unknown> | undefined;
      if (operation && typeof operation.operationId === 'string') {
        out.push({ spec, operationId: operation.operationId, path: p, method, operation, pathItem });
      }
    }
  }
  return out;
}

/**
 * Finds an operation by id across all specs. A mocked spec wins over an unmocked one (e.g. a gateway
 * spec that reuses a name); two mocked specs with the same id are ambiguous and rejected.
 */
export function findOperation(specs: SpecEntry[], operationId: string): OperationRef | undefined {
  const hits = specs.flatMap((s) => listOperations(s).filter((o) => o.operationId === operationId));
  const mocked = hits.filter((h) => h.spec.mockPortOffset !== undefined);
  if (mocked.length > 1) {
    throw new Error(
      `operationId "${operationId}" is defined by more than one mocked spec: ${mocked.map((h) => h.spec.specFile).join(', ')}`,
    );
  }
  return mocked[0] ?? hits[0];
}
