import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { $RefParser } from '@apidevtools/json-schema-ref-parser';
import { beforeAll } from 'vitest';
import { parse } from 'yaml';

export const root = fileURLToPath(new URL('../../..', import.meta.url));
export const specDir = join(root, 'spec');
export const specFile = join(specDir, '1link-p2m-qr.yaml');

export type Json = Record<string, unknown>;
export interface MediaType {
  schema: Json;
  examples?: Record<string, { value: unknown }>;
}
export interface Response {
  headers?: Record<string, Json>;
  content?: Record<string, MediaType>;
}
export interface Operation {
  operationId: string;
  security?: Record<string, string[]>[];
  servers?: { url: string }[];
  requestBody?: { content: Record<string, MediaType> };
  responses: Record<string, Response>;
}
export interface Doc {
  servers: { url: string }[];
  paths: Record<string, { post: Operation; servers?: { url: string }[] }>;
  components: { securitySchemes: Record<string, Json>; schemas: Record<string, Json> };
  'x-onelink-response-codes': Record<string, Json>;
}

export const QR_OPS = [
  { path: '/generateDQRCMerchant', operationId: 'generateDQRCMerchant' },
  { path: '/generateDQRCAggregator', operationId: 'generateDQRCAggregator' },
];

/**
 * spec/1link-p2m-qr.yaml as written (`raw`) and with every $ref resolved (`doc`), read before the file's
 * tests; `op(path)` is a path's POST operation. Read them inside tests.
 */
export function oneLinkSpec() {
  let raw: Doc | undefined;
  let doc: Doc | undefined;
  beforeAll(async () => {
    raw = parse(readFileSync(specFile, 'utf8')) as Doc;
    doc = (await $RefParser.dereference(specFile)) as Doc;
  });
  const loaded = (value: Doc | undefined): Doc => {
    if (value === undefined) throw new Error('oneLinkSpec: read the spec inside a test');
    return value;
  };
  const spec = {
    get raw(): Doc {
      return loaded(raw);
    },
    get doc(): Doc {
      return loaded(doc);
    },
    op: (path: string): Operation => spec.doc.paths[path]!.post,
  };
  return spec;
}
