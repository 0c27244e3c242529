// Reads the operations of a bundled OpenAPI document into the small model the client renderer needs.

import { HTTP_METHODS, type HttpMethod } from '@onelink-kit/generated/runtime';
import { isObject, type Json, resolveLocal } from '../local-ref.js';

export interface ServerModel {
  url: string;
  description?: string;
}

export interface OperationModel {
  operationId: string;
  method: HttpMethod;
  path: string;
  summary?: string;
  /** Any path/query/header/cookie parameter at path-item or operation level. */
  hasParams: boolean;
  /** At least one parameter is required (path parameters always are). */
  paramsRequired: boolean;
  body?: {
    /** The media type the client sends: the first JSON-like one, else the first listed. */
    contentType: string;
    required: boolean;
  };
  /** Operation- or path-level `servers` overriding the document's, e.g. the OAuth token endpoint. */
  servers?: ServerModel[];
  /** How openapi-fetch should read a success body that is not JSON (an image, Prometheus text). */
  parseAs?: 'text' | 'blob';
}

function isJsonMedia(mediaType: string): boolean {
  const base = mediaType.split(';')[0]!.trim().toLowerCase();
  return base === 'application/json' || base.endsWith('+json');
}

function isTextMedia(mediaType: string): boolean {
  const base = mediaType.split(';')[0]!.trim().toLowerCase();
  return base.startsWith('text/') || base.endsWith('+xml') || base === 'application/xml';
}

/** Success bodies that are not JSON are read as text or as a Blob; JSON (or no body) keeps the default. */
function successParseAs(document: Json, responses: unknown): 'text' | 'blob' | undefined {
  if (!isObject(responses)) return undefined;
  const mediaTypes: string[] = [];
  for (const [status, raw] of Object.entries(responses)) {
    if (!/^2/.test(status)) continue;
    const response = resolveLocal(document, raw);
    if (isObject(response) && isObject(response.content)) mediaTypes.push(...Object.keys(response.content));
  }
  if (mediaTypes.length === 0 || mediaTypes.some(isJsonMedia)) return undefined;
  return mediaTypes.every(isTextMedia) ? 'text' : 'blob';
}

function servers(value: unknown): ServerModel[] | undefined {
  if (!Array.isArray(value) || value.length === 0) return undefined;
  return value.filter(isObject).map((s) => {
    const server: ServerModel = { url: String(s.url) };
    if (typeof s.description === 'string') server.description = s.description;
    return server;
  });
}

export function collectOperations(document: Json, label: string): OperationModel[] {
  const paths = isObject(document.paths) ? document.paths : {};
  const operations: OperationModel[] = [];
  const seen = new Map<string, string>();
  for (const [path, rawItem] of Object.entries(paths)) {
    const item = resolveLocal(document, rawItem);
    if (!isObject(item)) continue;
    const pathParams = Array.isArray(item.parameters) ? item.parameters : [];
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!isObject(op)) continue;
      const where = `${method.toUpperCase()} ${path}`;
      if (typeof op.operationId !== 'string' || op.operationId === '') {
        throw new Error(
          `${label}: ${where} has no operationId (the generated client names its methods by it)`,
        );
      }
      const previous = seen.get(op.operationId);
      if (previous)
        throw new Error(`${label}: operationId ${op.operationId} is used by ${previous} and ${where}`);
      seen.set(op.operationId, where);

      const params = [...pathParams, ...(Array.isArray(op.parameters) ? op.parameters : [])]
        .map((p) => resolveLocal(document, p))
        .filter(isObject);
      const model: OperationModel = {
        operationId: op.operationId,
        method,
        path,
        hasParams: params.length > 0,
        paramsRequired: params.some((p) => p.required === true || p.in === 'path'),
      };
      if (typeof op.summary === 'string') model.summary = op.summary;
      const requestBody = resolveLocal(document, op.requestBody);
      if (isObject(requestBody) && isObject(requestBody.content)) {
        const mediaTypes = Object.keys(requestBody.content);
        const contentType = mediaTypes.find(isJsonMedia) ?? mediaTypes[0];
        if (contentType !== undefined) model.body = { contentType, required: requestBody.required === true };
      }
      const parseAs = successParseAs(document, op.responses);
      if (parseAs) model.parseAs = parseAs;
      const opServers = servers(op.servers) ?? servers(item.servers);
      if (opServers) model.servers = opServers;
      operations.push(model);
    }
  }
  return operations;
}
