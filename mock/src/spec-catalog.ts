import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

/** Root extension that marks a spec as mocked; its value is the offset added to MOCK_PORT. */
export const MOCK_PORT_OFFSET_EXTENSION = 'x-onelink-mock-port-offset';

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

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
  const bytes = readFileSync(absFile);
  const document = parse(bytes.toString('utf8')) as SpecDocument;
  const offset = document[MOCK_PORT_OFFSET_EXTENSION];
  if (offset !== undefined && (typeof offset !== 'number' || !Number.isInteger(offset) || offset < 0)) {
    throw new Error(
      `${absFile}: ${MOCK_PORT_OFFSET_EXTENSION} must be a non-negative integer, got ${JSON.stringify(offset)}`,
    );
  }
  return {
    absFile,
    specFile: path.relative(repoRoot, absFile).split(path.sep).join('/'),
    name: path.basename(absFile).replace(/\.ya?ml$/, ''),
    sha256: createHash('sha256').update(bytes).digest('hex'),
    document,
    mockPortOffset: offset as number | undefined,
  };
}

/** Every `*.yaml` / `*.yml` directly in `specDir`, sorted by name so output is deterministic. */
export function loadSpecs(specDir: string, repoRoot: string): SpecEntry[] {
  return readdirSync(specDir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => loadSpec(path.join(specDir, f), repoRoot));
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
