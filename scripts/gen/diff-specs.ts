// Breaking-change detection between two bundled OpenAPI documents (base → head), for teams regenerating
// clients. Request schemas break when the server accepts less; response schemas break when the client may
// receive something it did not expect.
import { HTTP_METHODS, resolveLocal } from './operations.js';

export type Severity = 'breaking' | 'non-breaking';

export interface SpecChange {
  severity: Severity;
  /** Stable rule name, e.g. `request-field-required-added`. */
  rule: string;
  /** Where, e.g. `POST /generateDQRCMerchant request body (application/json) merchantDetails.iban`. */
  location: string;
  /** What, e.g. `maxLength tightened 24 → 20`. */
  message: string;
}

type Json = Record<string, unknown>;
type Direction = 'request' | 'response';

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function show(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(JSON.stringify(value));
}

class Differ {
  readonly changes: SpecChange[] = [];
  private readonly visiting = new Set<string>();

  constructor(
    private readonly base: Json,
    private readonly head: Json,
  ) {}

  add(severity: Severity, rule: string, location: string, message: string): void {
    this.changes.push({ severity, rule, location, message });
  }

  private deref(doc: Json, value: unknown): unknown {
    return resolveLocal(doc, value);
  }

  /** Either side's schema with allOf members merged into one object view (properties, required). */
  private view(doc: Json, raw: unknown): Json {
    const schema = this.deref(doc, raw);
    if (!isObject(schema)) return {};
    if (!Array.isArray(schema.allOf)) return schema;
    const merged: Json = { ...schema };
    delete merged.allOf;
    const properties: Json = { ...(isObject(schema.properties) ? schema.properties : {}) };
    const required = new Set<string>(Array.isArray(schema.required) ? (schema.required as string[]) : []);
    for (const part of schema.allOf) {
      const member = this.view(doc, part);
      for (const [key, value] of Object.entries(member)) {
        if (key === 'properties' && isObject(value)) Object.assign(properties, value);
        else if (key === 'required' && Array.isArray(value)) for (const r of value) required.add(String(r));
        else if (!(key in merged)) merged[key] = value;
      }
    }
    if (Object.keys(properties).length > 0) merged.properties = properties;
    if (required.size > 0) merged.required = [...required];
    return merged;
  }

  private types(schema: Json): Set<string> | undefined {
    const declared = schema.type;
    let types: string[] | undefined;
    if (typeof declared === 'string') types = [declared];
    else if (Array.isArray(declared)) types = declared.map(String);
    else if (isObject(schema.properties)) types = ['object'];
    if (!types) return undefined; // no type: anything goes
    if (schema.nullable === true) types.push('null');
    return new Set(types);
  }

  /** Does a schema of types `wide` accept every value of type `t`? */
  private static accepts(wide: Set<string> | undefined, t: string): boolean {
    return wide === undefined || wide.has(t) || (t === 'integer' && wide.has('number'));
  }

  private compareTypes(base: Json, head: Json, dir: Direction, loc: string): void {
    const before = this.types(base);
    const after = this.types(head);
    const label = (s: Set<string> | undefined) => (s ? [...s].join(' | ') : 'any');
    if (label(before) === label(after)) return;
    // Request: every value the server used to accept must still be accepted. Response: every value the
    // server may now send must have been expected by the client.
    const [from, to] = dir === 'request' ? [before, after] : [after, before];
    const narrowed = from === undefined ? to !== undefined : [...from].some((t) => !Differ.accepts(to, t));
    this.add(
      narrowed ? 'breaking' : 'non-breaking',
      narrowed ? `${dir}-type-changed` : `${dir}-type-widened`,
      loc,
      `type changed ${label(before)} → ${label(after)}`,
    );
  }

  private compareLimits(base: Json, head: Json, dir: Direction, loc: string): void {
    const upper = ['maxLength', 'maximum', 'exclusiveMaximum', 'maxItems', 'maxProperties'];
    const lower = ['minLength', 'minimum', 'exclusiveMinimum', 'minItems', 'minProperties'];
    for (const key of [...upper, ...lower]) {
      const before = typeof base[key] === 'number' ? (base[key] as number) : undefined;
      const after = typeof head[key] === 'number' ? (head[key] as number) : undefined;
      if (before === after) continue;
      const isUpper = upper.includes(key);
      let tightened: boolean;
      let message: string;
      if (before === undefined) {
        tightened = true;
        message = `${key} added ${after}`;
      } else if (after === undefined) {
        tightened = false;
        message = `${key} removed (was ${before})`;
      } else {
        tightened = isUpper ? after < before : after > before;
        message = `${key} ${tightened ? 'tightened' : 'loosened'} ${before} → ${after}`;
      }
      this.limit(tightened, dir, loc, key, message);
    }
    for (const key of ['pattern', 'format']) {
      const before = typeof base[key] === 'string' ? (base[key] as string) : undefined;
      const after = typeof head[key] === 'string' ? (head[key] as string) : undefined;
      if (before === after) continue;
      if (before === undefined) this.limit(true, dir, loc, key, `${key} added ${show(after)}`);
      else if (after === undefined) this.limit(false, dir, loc, key, `${key} removed (was ${show(before)})`);
      // A changed pattern or format cannot be proven looser: it breaks in both directions.
      else
        this.add('breaking', `${dir}-${key}-changed`, loc, `${key} changed ${show(before)} → ${show(after)}`);
    }
  }

  private limit(tightened: boolean, dir: Direction, loc: string, key: string, message: string): void {
    const breaking = dir === 'request' ? tightened : !tightened;
    this.add(
      breaking ? 'breaking' : 'non-breaking',
      `${dir}-${key}-${tightened ? 'tightened' : 'loosened'}`,
      loc,
      message,
    );
  }

  private compareEnum(base: Json, head: Json, dir: Direction, loc: string): void {
    const before = Array.isArray(base.enum)
      ? base.enum.map(show)
      : base.const !== undefined
        ? [show(base.const)]
        : undefined;
    const after = Array.isArray(head.enum)
      ? head.enum.map(show)
      : head.const !== undefined
        ? [show(head.const)]
        : undefined;
    if (before === undefined && after === undefined) return;
    if (before === undefined) {
      this.limit(true, dir, loc, 'enum', `enum added [${after?.join(', ')}]`);
      return;
    }
    if (after === undefined) {
      this.limit(false, dir, loc, 'enum', `enum removed (was [${before.join(', ')}])`);
      return;
    }
    for (const value of before.filter((v) => !after.includes(v))) {
      this.add(
        dir === 'request' ? 'breaking' : 'non-breaking',
        `${dir}-enum-value-removed`,
        loc,
        `enum value ${value} removed`,
      );
    }
    // A client switching over response values has no branch for a new one.
    for (const value of after.filter((v) => !before.includes(v))) {
      this.add(
        dir === 'response' ? 'breaking' : 'non-breaking',
        `${dir}-enum-value-added`,
        loc,
        `enum value ${value} added`,
      );
    }
  }

  private compareProperties(base: Json, head: Json, dir: Direction, loc: string): void {
    const before = isObject(base.properties) ? base.properties : {};
    const after = isObject(head.properties) ? head.properties : {};
    const reqBefore = new Set(Array.isArray(base.required) ? base.required.map(String) : []);
    const reqAfter = new Set(Array.isArray(head.required) ? head.required.map(String) : []);
    const at = (name: string) => (loc.endsWith(' ') ? `${loc}${name}` : `${loc}.${name}`);
    for (const name of Object.keys(before)) {
      if (name in after) continue;
      this.add('breaking', `${dir}-field-removed`, at(name), `${dir} field removed`);
    }
    for (const name of Object.keys(after)) {
      if (name in before) continue;
      if (dir === 'request' && reqAfter.has(name)) {
        this.add('breaking', 'request-field-required-added', at(name), 'new required request field');
      } else {
        this.add(
          'non-breaking',
          `${dir}-field-added`,
          at(name),
          `added ${reqAfter.has(name) ? 'required' : 'optional'} ${dir} field`,
        );
      }
    }
    for (const name of Object.keys(before)) {
      if (!(name in after)) continue;
      const was = reqBefore.has(name);
      const is = reqAfter.has(name);
      if (was !== is) {
        const breaking = dir === 'request' ? is : was;
        this.add(
          breaking ? 'breaking' : 'non-breaking',
          `${dir}-field-${is ? 'became-required' : 'became-optional'}`,
          at(name),
          is
            ? 'field became required'
            : dir === 'response'
              ? 'field became optional (may now be absent)'
              : 'field became optional',
        );
      }
      this.compareSchema(before[name], after[name], dir, at(name));
    }
    // Closing an object to unknown fields breaks requests that send them.
    if (dir === 'request' && base.additionalProperties !== false && head.additionalProperties === false) {
      this.add(
        'breaking',
        'request-additional-properties-closed',
        loc.trim(),
        'additionalProperties now false',
      );
    }
  }

  compareSchema(baseRaw: unknown, headRaw: unknown, dir: Direction, loc: string): void {
    // Recursive schemas: stop when the same pair of $refs is already being compared further up.
    const refKey = `${dir}|${isObject(baseRaw) ? String(baseRaw.$ref) : '-'}|${isObject(headRaw) ? String(headRaw.$ref) : '-'}`;
    const tracked = isObject(baseRaw) && typeof baseRaw.$ref === 'string';
    if (tracked && this.visiting.has(refKey)) return;
    if (tracked) this.visiting.add(refKey);
    try {
      const base = this.view(this.base, baseRaw);
      const head = this.view(this.head, headRaw);
      this.compareTypes(base, head, dir, loc.trim());
      this.compareLimits(base, head, dir, loc.trim());
      this.compareEnum(base, head, dir, loc.trim());
      this.compareProperties(base, head, dir, loc);
      if (base.items !== undefined || head.items !== undefined) {
        this.compareSchema(base.items ?? {}, head.items ?? {}, dir, `${loc.trim()}[]`);
      }
      for (const keyword of ['oneOf', 'anyOf'] as const) {
        const before = Array.isArray(base[keyword]) ? (base[keyword] as unknown[]) : [];
        const after = Array.isArray(head[keyword]) ? (head[keyword] as unknown[]) : [];
        if (before.length !== after.length) {
          const fewer = after.length < before.length;
          const breaking = dir === 'request' ? fewer : !fewer;
          this.add(
            breaking ? 'breaking' : 'non-breaking',
            `${dir}-${keyword}-${fewer ? 'narrowed' : 'widened'}`,
            loc.trim(),
            `${keyword} has ${after.length} alternatives (was ${before.length})`,
          );
        }
        for (let i = 0; i < Math.min(before.length, after.length); i++) {
          this.compareSchema(before[i], after[i], dir, `${loc.trim()}<${keyword}[${i}]>`);
        }
      }
    } finally {
      if (tracked) this.visiting.delete(refKey);
    }
  }

  private parameters(doc: Json, pathItem: Json, op: Json): Map<string, Json> {
    const params = new Map<string, Json>();
    for (const raw of [
      ...(Array.isArray(pathItem.parameters) ? pathItem.parameters : []),
      ...(Array.isArray(op.parameters) ? op.parameters : []),
    ]) {
      const p = this.deref(doc, raw);
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
      this.add(
        'breaking',
        'operation-id-renamed',
        where,
        `operationId renamed ${String(baseOp.operationId)} → ${String(headOp.operationId)} (the generated client method is renamed)`,
      );
    }
    const beforeParams = this.parameters(this.base, baseItem, baseOp);
    const afterParams = this.parameters(this.head, headItem, headOp);
    for (const [key, p] of beforeParams) {
      if (!afterParams.has(key))
        this.add('breaking', 'request-parameter-removed', `${where} ${key}`, 'request parameter removed');
      else {
        const q = afterParams.get(key)!;
        const was = p.required === true;
        const is = q.required === true;
        if (!was && is)
          this.add(
            'breaking',
            'request-parameter-became-required',
            `${where} ${key}`,
            'parameter became required',
          );
        if (was && !is)
          this.add(
            'non-breaking',
            'request-parameter-became-optional',
            `${where} ${key}`,
            'parameter became optional',
          );
        this.compareSchema(p.schema ?? {}, q.schema ?? {}, 'request', `${where} ${key}`);
      }
    }
    for (const [key, q] of afterParams) {
      if (beforeParams.has(key)) continue;
      if (q.required === true)
        this.add(
          'breaking',
          'request-parameter-required-added',
          `${where} ${key}`,
          'new required request parameter',
        );
      else
        this.add(
          'non-breaking',
          'request-parameter-added',
          `${where} ${key}`,
          'added optional request parameter',
        );
    }

    const beforeBody = this.deref(this.base, baseOp.requestBody);
    const afterBody = this.deref(this.head, headOp.requestBody);
    const bodyLoc = `${where} request body`;
    if (isObject(beforeBody) && !isObject(afterBody))
      this.add('breaking', 'request-body-removed', bodyLoc, 'request body removed');
    if (!isObject(beforeBody) && isObject(afterBody)) {
      const required = afterBody.required === true;
      this.add(
        required ? 'breaking' : 'non-breaking',
        required ? 'request-body-required-added' : 'request-body-added',
        bodyLoc,
        `${required ? 'required' : 'optional'} request body added`,
      );
    }
    if (isObject(beforeBody) && isObject(afterBody)) {
      if (beforeBody.required !== true && afterBody.required === true) {
        this.add('breaking', 'request-body-became-required', bodyLoc, 'request body became required');
      }
      this.compareContent(beforeBody.content, afterBody.content, 'request', bodyLoc);
    }

    const beforeResponses = isObject(baseOp.responses) ? baseOp.responses : {};
    const afterResponses = isObject(headOp.responses) ? headOp.responses : {};
    for (const [status, raw] of Object.entries(beforeResponses)) {
      const loc = `${where} response ${status}`;
      if (!(status in afterResponses)) {
        this.add('breaking', 'response-code-removed', loc, `response ${status} removed`);
        continue;
      }
      const before = this.deref(this.base, raw);
      const after = this.deref(this.head, afterResponses[status]);
      if (isObject(before) && isObject(after))
        this.compareContent(before.content, after.content, 'response', loc);
    }
    for (const status of Object.keys(afterResponses)) {
      if (!(status in beforeResponses)) {
        this.add(
          'non-breaking',
          'response-code-added',
          `${where} response ${status}`,
          `response ${status} added`,
        );
      }
    }
  }

  private compareContent(beforeRaw: unknown, afterRaw: unknown, dir: Direction, loc: string): void {
    const before = isObject(beforeRaw) ? beforeRaw : {};
    const after = isObject(afterRaw) ? afterRaw : {};
    for (const [media, value] of Object.entries(before)) {
      if (!(media in after)) {
        this.add(
          'breaking',
          `${dir}-media-type-removed`,
          `${loc} (${media})`,
          `${dir} media type ${media} removed`,
        );
        continue;
      }
      const b = isObject(value) ? value.schema : undefined;
      const a = isObject(after[media]) ? (after[media] as Json).schema : undefined;
      if (b !== undefined || a !== undefined) this.compareSchema(b ?? {}, a ?? {}, dir, `${loc} (${media}) `);
    }
    for (const media of Object.keys(after)) {
      if (!(media in before))
        this.add(
          'non-breaking',
          `${dir}-media-type-added`,
          `${loc} (${media})`,
          `${dir} media type ${media} added`,
        );
    }
  }
}

interface OperationEntry {
  where: string;
  pathItem: Json;
  op: Json;
}

/** `METHOD /path/{}` → operation; path parameter names do not matter for matching. */
function operationsOf(doc: Json): Map<string, OperationEntry> {
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

function compareResponseCodeTable(differ: Differ, base: Json, head: Json): void {
  const key = 'x-onelink-response-codes';
  const before = isObject(base[key]) ? base[key] : {};
  const after = isObject(head[key]) ? head[key] : {};
  // Sorted: codes like "91" would otherwise iterate before "00" (integer-like keys come first in JS).
  for (const [code, entry] of Object.entries(before).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const loc = `${key} ${code}`;
    if (!(code in after)) {
      differ.add('breaking', 'response-code-table-entry-removed', loc, `response code ${code} removed`);
      continue;
    }
    const next = after[code];
    for (const field of ['kind', 'retryable', 'httpStatus']) {
      const b = isObject(entry) ? entry[field] : undefined;
      const a = isObject(next) ? next[field] : undefined;
      if (show(a) !== show(b)) {
        differ.add(
          'breaking',
          'response-code-table-entry-changed',
          loc,
          `${field} changed ${show(b)} → ${show(a)} (clients classify errors by it)`,
        );
      }
    }
  }
  for (const code of Object.keys(after).sort()) {
    if (!(code in before))
      differ.add(
        'non-breaking',
        'response-code-table-entry-added',
        `${key} ${code}`,
        `response code ${code} added`,
      );
  }
}

/**
 * Changes from `base` to `head` (bundled documents; either may be undefined for an added or removed spec),
 * in a stable order: spec-level, then operations in base order, then added operations.
 */
export function diffSpecs(base: Json | undefined, head: Json | undefined): SpecChange[] {
  const differ = new Differ(base ?? {}, head ?? {});
  if (base === undefined && head !== undefined) {
    differ.add('non-breaking', 'spec-added', 'spec', 'new spec');
  }
  if (base !== undefined && head === undefined) {
    differ.add('breaking', 'spec-removed', 'spec', 'spec removed (every operation in it is gone)');
  }
  const before = operationsOf(base ?? {});
  const after = operationsOf(head ?? {});
  const afterById = new Map<string, [string, OperationEntry]>();
  for (const [key, entry] of after) {
    if (typeof entry.op.operationId === 'string') afterById.set(entry.op.operationId, [key, entry]);
  }
  const matched = new Set<string>();
  for (const [key, entry] of before) {
    const same = after.get(key);
    if (same) {
      matched.add(key);
      differ.compareOperation(entry.where, [entry.pathItem, entry.op], [same.pathItem, same.op]);
      continue;
    }
    const moved = typeof entry.op.operationId === 'string' ? afterById.get(entry.op.operationId) : undefined;
    if (moved && !before.has(moved[0])) {
      matched.add(moved[0]);
      differ.add(
        'breaking',
        'operation-moved',
        entry.where,
        `operation ${String(entry.op.operationId)} moved to ${moved[1].where}`,
      );
      differ.compareOperation(moved[1].where, [entry.pathItem, entry.op], [moved[1].pathItem, moved[1].op]);
      continue;
    }
    if (head !== undefined) {
      differ.add(
        'breaking',
        'operation-removed',
        entry.where,
        `operation ${String(entry.op.operationId ?? '')} removed`.replace('  ', ' '),
      );
    }
  }
  for (const [key, entry] of after) {
    if (matched.has(key) || before.has(key)) continue;
    differ.add(
      'non-breaking',
      'operation-added',
      entry.where,
      `operation ${String(entry.op.operationId ?? '')} added`,
    );
  }
  // A new spec's table is all new; listing every entry would bury the operations.
  if (base !== undefined && head !== undefined) compareResponseCodeTable(differ, base, head);
  return differ.changes;
}
