// Compares one operation across two versions: operationId, parameters, request body, responses and the
// schemas inside them. Operations are matched by method and path, path parameter names aside.
import { HTTP_METHODS } from '@onelink-kit/generated/runtime';
import { isObject, type Json, resolveLocal } from '../local-ref.js';
import type { ChangeLog } from './changes.js';
import type { Direction } from './rules.js';
import { SchemaDiffer } from './schema.js';

export class OperationDiffer {
  private readonly schemas: SchemaDiffer;

  constructor(
    private readonly log: ChangeLog,
    private readonly base: Json,
    private readonly head: Json,
  ) {
    this.schemas = new SchemaDiffer(log, base, head);
  }

  private parameters(doc: Json, pathItem: Json, op: Json): Map<string, Json> {
    const params = new Map<string, Json>();
    for (const raw of [
      ...(Array.isArray(pathItem.parameters) ? pathItem.parameters : []),
      ...(Array.isArray(op.parameters) ? op.parameters : []),
    ]) {
      const p = resolveLocal(doc, raw);
      if (!isObject(p)) continue;
      const name = p.in === 'header' ? String(p.name).toLowerCase() : String(p.name);
      params.set(`${String(p.in)} parameter ${name}`, p);
    }
    return params;
  }

  compareOperation(where: string, base: [Json, Json], head: [Json, Json]): void {
    const [baseItem, baseOp] = base;
    const [headItem, headOp] = head;
    if (baseOp.operationId !== headOp.operationId) {
      this.log.add(
        'operation-id-renamed',
        where,
        `operationId renamed ${String(baseOp.operationId)} → ${String(headOp.operationId)} (the generated client method is renamed)`,
      );
    }
    const beforeParams = this.parameters(this.base, baseItem, baseOp);
    const afterParams = this.parameters(this.head, headItem, headOp);
    for (const [key, p] of beforeParams) {
      if (!afterParams.has(key))
        this.log.add('request-parameter-removed', `${where} ${key}`, 'request parameter removed');
      else {
        const q = afterParams.get(key)!;
        const was = p.required === true;
        const is = q.required === true;
        if (!was && is)
          this.log.add('request-parameter-became-required', `${where} ${key}`, 'parameter became required');
        if (was && !is)
          this.log.add('request-parameter-became-optional', `${where} ${key}`, 'parameter became optional');
        this.schemas.compareSchema(p.schema ?? {}, q.schema ?? {}, 'request', `${where} ${key}`);
      }
    }
    for (const [key, q] of afterParams) {
      if (beforeParams.has(key)) continue;
      if (q.required === true)
        this.log.add('request-parameter-required-added', `${where} ${key}`, 'new required request parameter');
      else this.log.add('request-parameter-added', `${where} ${key}`, 'added optional request parameter');
    }

    const beforeBody = resolveLocal(this.base, baseOp.requestBody);
    const afterBody = resolveLocal(this.head, headOp.requestBody);
    const bodyLoc = `${where} request body`;
    if (isObject(beforeBody) && !isObject(afterBody))
      this.log.add('request-body-removed', bodyLoc, 'request body removed');
    if (!isObject(beforeBody) && isObject(afterBody)) {
      const required = afterBody.required === true;
      this.log.add(
        required ? 'request-body-required-added' : 'request-body-added',
        bodyLoc,
        `${required ? 'required' : 'optional'} request body added`,
      );
    }
    if (isObject(beforeBody) && isObject(afterBody)) {
      if (beforeBody.required !== true && afterBody.required === true) {
        this.log.add('request-body-became-required', bodyLoc, 'request body became required');
      }
      this.compareContent(beforeBody.content, afterBody.content, 'request', bodyLoc);
    }

    const beforeResponses = isObject(baseOp.responses) ? baseOp.responses : {};
    const afterResponses = isObject(headOp.responses) ? headOp.responses : {};
    for (const [status, raw] of Object.entries(beforeResponses)) {
      const loc = `${where} response ${status}`;
      if (!(status in afterResponses)) {
        this.log.add('response-code-removed', loc, `response ${status} removed`);
        continue;
      }
      const before = resolveLocal(this.base, raw);
      const after = resolveLocal(this.head, afterResponses[status]);
      if (isObject(before) && isObject(after))
        this.compareContent(before.content, after.content, 'response', loc);
    }
    for (const status of Object.keys(afterResponses)) {
      if (!(status in beforeResponses)) {
        this.log.add('response-code-added', `${where} response ${status}`, `response ${status} added`);
      }
    }
  }

  private compareContent(beforeRaw: unknown, afterRaw: unknown, dir: Direction, loc: string): void {
    const before = isObject(beforeRaw) ? beforeRaw : {};
    const after = isObject(afterRaw) ? afterRaw : {};
    for (const [media, value] of Object.entries(before)) {
      if (!(media in after)) {
        this.log.add(`${dir}-media-type-removed`, `${loc} (${media})`, `${dir} media type ${media} removed`);
        continue;
      }
      const b = isObject(value) ? value.schema : undefined;
      const a = isObject(after[media]) ? (after[media] as Json).schema : undefined;
      if (b !== undefined || a !== undefined)
        this.schemas.compareSchema(b ?? {}, a ?? {}, dir, `${loc} (${media}) `);
    }
    for (const media of Object.keys(after)) {
      if (!(media in before))
        this.log.add(`${dir}-media-type-added`, `${loc} (${media})`, `${dir} media type ${media} added`);
    }
  }
}

export interface OperationEntry {
  where: string;
  pathItem: Json;
  op: Json;
}

/** `METHOD /path/{}` → operation; path parameter names do not matter for matching. */
export function operationsOf(doc: Json): Map<string, OperationEntry> {
  const result = new Map<string, OperationEntry>();
  const paths = isObject(doc.paths) ? doc.paths : {};
  for (const [path, raw] of Object.entries(paths)) {
    const pathItem = resolveLocal(doc, raw);
    if (!isObject(pathItem)) continue;
    for (const method of HTTP_METHODS) {
      const op = pathItem[method];
      if (!isObject(op)) continue;
      const where = `${method.toUpperCase()} ${path}`;
      result.set(`${method.toUpperCase()} ${path.replace(/\{[^}]*\}/g, '{}')}`, { where, pathItem, op });
    }
  }
  return result;
}
