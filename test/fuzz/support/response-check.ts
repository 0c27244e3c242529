import { createOpenApiAjv } from '@onelink-kit/core';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import type { RawResponse } from './raw-http.js';
import { deref, type Json, SPEC } from './spec.js';

// Every answer checked against spec/gateway.yaml: its status is one the operation declares, its media
// type one that status declares, and a JSON body valid against that media type's schema (with core's
// one OpenAPI Ajv).

const ID = 'urn:onelink-kit:fuzz:gateway';
const ajv = createOpenApiAjv();
ajv.addSchema(SPEC as object, ID);
const compiled = new Map<string, ValidateFunction>();

function pointerSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** The operation whose method and spec path template match. */
function findOperation(operationId: string): { path: string; method: string; op: Json } {
  for (const [path, item] of Object.entries(SPEC.paths as Record<string, Json>)) {
    for (const [method, op] of Object.entries(item)) {
      if ((op as Json)?.operationId === operationId) return { path, method, op: op as Json };
    }
  }
  throw new Error(`no operation ${operationId}`);
}

/** Problems with the answer; empty when it is what the spec says. */
export function responseIssues(operationId: string, res: RawResponse): string[] {
  const { path, method, op } = findOperation(operationId);
  const responses = op.responses as Record<string, unknown>;
  const declared = responses[String(res.status)] ?? responses.default;
  if (declared === undefined) {
    return [
      `status ${res.status} is not declared for ${operationId} (declared: ${Object.keys(responses).join(', ')})`,
    ];
  }
  const response = deref<Json>(declared);
  const content = (response.content ?? {}) as Record<string, Json>;
  const mediaType = (res.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (Object.keys(content).length === 0) return [];
  if (!(mediaType in content)) {
    return [
      `content-type ${mediaType || '(none)'} is not declared for ${res.status} (declared: ${Object.keys(content).join(', ')})`,
    ];
  }
  if (!mediaType.endsWith('json')) return [];
  let body: unknown;
  try {
    body = JSON.parse(res.body.toString('utf8'));
  } catch {
    return [`${mediaType} body is not JSON: ${res.body.subarray(0, 80).toString('utf8')}`];
  }
  // Where the schema sits (after following a $ref to components/responses), as a pointer Ajv resolves.
  const ref = (declared as Json).$ref as string | undefined;
  const base =
    ref ??
    `#/paths/${pointerSegment(path)}/${method}/responses/${res.status in responses ? res.status : 'default'}`;
  const pointer = `${ID}${base}/content/${pointerSegment(mediaType)}/schema`;
  let validate = compiled.get(pointer);
  if (validate === undefined) {
    validate = ajv.compile({ $ref: pointer });
    compiled.set(pointer, validate);
  }
  if (validate(body)) return [];
  return (validate.errors ?? []).map((e) => `body${e.instancePath} ${e.message ?? e.keyword}`);
}

/** An answer Node's HTTP parser gave before the app saw the request (malformed header bytes). */
export function isParserRefusal(res: RawResponse): boolean {
  return (
    (res.status === 400 || res.status === 431) &&
    res.body.length === 0 &&
    res.headers['content-type'] === undefined
  );
}
