import path from 'node:path';
import { type FixtureFile, headerValue, mediaTypeOf } from './fixtures.js';
import type { SpecDocument, SpecEntry } from './spec-catalog.js';
import { listOperations } from './spec-catalog.js';

type Json = Record<string, unknown>;

export interface BuildMockSpecOptions {
  /** Directory the mock spec will be written to; relative cross-file `$ref`s are rewritten against it. */
  outDir: string;
  /** The single server the mock spec advertises (e.g. `http://127.0.0.1:4010`). */
  serverUrl: string;
}

/**
 * The scenario names, in this order, ahead of any extra ones. Order matters to Prism: it serves
 * the first 2xx example by default (so `success`), and when it rejects a request itself (missing
 * credentials, schema-breaking body) it answers with the first example of the 401/400 response — which
 * must be `unauthorized` / `validation-error`, not some extra scenario that sorts earlier.
 */
export const PRIMARY_SCENARIOS = [
  'success',
  'validation-error',
  'duplicate-rrn',
  'unauthorized',
  'invalid-client',
  'rate-limited',
  'server-error',
];

export function scenarioOrder(a: string, b: string): number {
  const ia = PRIMARY_SCENARIOS.indexOf(a);
  const ib = PRIMARY_SCENARIOS.indexOf(b);
  if (ia !== -1 || ib !== -1)
    return (ia === -1 ? Number.MAX_SAFE_INTEGER : ia) - (ib === -1 ? Number.MAX_SAFE_INTEGER : ib);
  return a.localeCompare(b);
}

/**
 * Turns a spec plus its fixtures into the document Prism serves:
 * - each fixture becomes a named example (key = scenario) under its operation's response for its status
 *   and media type, `success` first; the request body is added as a request example of the same name;
 * - every `servers` entry (root, path item, operation) is replaced by one root server, because Prism
 *   routes on the spec path alone and ignores server base paths (we checked: with servers
 *   `https://host/uat-1link/sandbox/1Link` Prism 5.14.2 answers `/generateDQRCMerchant` and 404s the
 *   prefixed path), so one mock origin serves operations that live under different upstream bases;
 * - responses/request bodies shared through `$ref` are inlined before examples are added, so one
 *   operation's examples never leak into another's;
 * - relative cross-file `$ref`s are rewritten so they still resolve from `outDir`.
 * Fails, naming the fixture, when the spec does not declare the fixture's operation or status.
 */
export function buildMockSpec(
  spec: SpecEntry,
  fixtures: FixtureFile[],
  options: BuildMockSpecOptions,
): SpecDocument {
  const doc = structuredClone(spec.document);
  rewriteExternalRefs(doc, path.dirname(spec.absFile), options.outDir);

  doc.servers = [{ url: options.serverUrl, description: `onelink-kit mock of ${spec.specFile} (Prism)` }];
  for (const pathItem of Object.values(doc.paths ?? {})) {
    delete pathItem.servers;
    for (const op of Object.values(pathItem)) if (op && typeof op === 'object') delete (op as Json).servers;
  }
  doc['x-onelink-mock-of'] = { specFile: spec.specFile, specSha256: spec.sha256 };

  const ops = new Map(listOperations({ ...spec, document: doc }).map((o) => [o.operationId, o]));
  const sorted = [...fixtures].sort((a, b) => scenarioOrder(a.scenario, b.scenario));
  for (const f of sorted) {
    const op = ops.get(f.operationId);
    if (!op) throw new Error(`${f.file}: operation "${f.operationId}" is not in ${spec.specFile}`);
    const { request, response, provenance } = f.fixture;
    const summary = `${f.scenario} (${provenance.source})`;

    const responses = (op.operation.responses ?? {}) as Record<string, Json>;
    const status = String(response.status);
    if (!responses[status]) {
      throw new Error(
        `${f.file}: status ${status} is not declared for ${f.operationId} in ${spec.specFile} (declared: ${Object.keys(responses).join(', ')})`,
      );
    }
    const res = inlineLocalRef(doc, responses[status], `${f.file}: response ${status}`);
    responses[status] = res;
    if (response.body !== undefined) {
      const content = (res.content ?? {}) as Record<string, Json>;
      const mt = pickContentKey(content, mediaTypeOf(response.headers));
      if (!mt) {
        throw new Error(
          `${f.file}: response content type "${headerValue(response.headers, 'content-type') ?? '(none)'}" is not declared for ${f.operationId} ${status}`,
        );
      }
      addExample(content[mt] as Json, f.scenario, {
        summary,
        description: provenance.notes,
        value: response.body,
      });
    }

    const rbRaw = op.operation.requestBody as Json | undefined;
    if (rbRaw && request.body !== undefined) {
      const rb = inlineLocalRef(doc, rbRaw, `${f.file}: requestBody`);
      op.operation.requestBody = rb;
      const content = (rb.content ?? {}) as Record<string, Json>;
      const mt = pickContentKey(content, mediaTypeOf(request.headers));
      if (mt) addExample(content[mt] as Json, f.scenario, { summary, value: request.body });
    }
  }
  return doc;
}

/** Appends a named example, keeping fixture examples ahead of examples the spec already had. */
function addExample(media: Json, name: string, example: Json): void {
  const existing = (media.examples ?? {}) as Record<string, unknown>;
  const fromFixtures = (media['x-onelink-fixture-examples'] ?? []) as string[];
  if ('example' in media) {
    existing['spec-example'] = { value: media.example };
    delete media.example;
  }
  const ours: Record<string, unknown> = {};
  for (const n of fromFixtures) ours[n] = existing[n];
  ours[name] = example;
  const rest = Object.fromEntries(Object.entries(existing).filter(([k]) => !(k in ours)));
  media.examples = { ...ours, ...rest };
  media['x-onelink-fixture-examples'] = [...fromFixtures, name];
}

function pickContentKey(content: Record<string, unknown>, actual: string | undefined): string | undefined {
  const keys = Object.keys(content);
  // A declared content type must match; only a fixture without one falls back to the sole entry.
  if (actual) return keys.find((k) => k.toLowerCase() === actual);
  return keys.length === 1 ? keys[0] : undefined;
}

function inlineLocalRef(doc: SpecDocument, obj: Json, what: string, depth = 0): Json {
  const ref = obj.$ref;
  if (typeof ref !== 'string') return obj;
  if (!ref.startsWith('#/') || depth > 20) {
    throw new Error(`${what}: cannot add examples through non-local $ref "${ref}"; inline it in the spec`);
  }
  let node: unknown = doc;
  for (const part of ref.slice(2).split('/')) {
    node = (node as Json | undefined)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  if (!node || typeof node !== 'object') throw new Error(`${what}: $ref "${ref}" points at nothing`);
  return inlineLocalRef(doc, structuredClone(node as Json), what, depth + 1);
}

function rewriteExternalRefs(node: unknown, fromDir: string, toDir: string): void {
  if (Array.isArray(node)) {
    for (const n of node) rewriteExternalRefs(n, fromDir, toDir);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const obj = node as Json;
  for (const [k, v] of Object.entries(obj)) {
    if (k === '$ref' && typeof v === 'string' && !v.startsWith('#') && !/^[a-z][a-z0-9+.-]*:/i.test(v)) {
      const [file = '', frag] = v.split('#');
      let rel = path.relative(toDir, path.resolve(fromDir, file)).split(path.sep).join('/');
      if (!rel.startsWith('.')) rel = `./${rel}`;
      obj[k] = frag === undefined ? rel : `${rel}#${frag}`;
    } else rewriteExternalRefs(v, fromDir, toDir);
  }
}
