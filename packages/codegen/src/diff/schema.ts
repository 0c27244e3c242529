// Compares two versions of a schema in one direction (request or response), following $refs and allOf, and
// logs each change under its catalogue rule.
import { isObject, type Json, resolveLocal } from '../local-ref.js';
import { type ChangeLog, show } from './changes.js';
import type { Direction, LimitKeyword } from './rules.js';

export class SchemaDiffer {
  private readonly visiting = new Set<string>();

  constructor(
    private readonly log: ChangeLog,
    private readonly base: Json,
    private readonly head: Json,
  ) {}

  /** Either side's schema with allOf members merged into one object view (properties, required). */
  private view(doc: Json, raw: unknown): Json {
    const schema = resolveLocal(doc, raw);
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
    const narrowed =
      from === undefined ? to !== undefined : [...from].some((t) => !SchemaDiffer.accepts(to, t));
    this.log.add(
      narrowed ? `${dir}-type-changed` : `${dir}-type-widened`,
      loc,
      `type changed ${label(before)} → ${label(after)}`,
    );
  }

  private compareLimits(base: Json, head: Json, dir: Direction, loc: string): void {
    const upper: LimitKeyword[] = ['maxLength', 'maximum', 'exclusiveMaximum', 'maxItems', 'maxProperties'];
    const lower: LimitKeyword[] = ['minLength', 'minimum', 'exclusiveMinimum', 'minItems', 'minProperties'];
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
    for (const key of ['pattern', 'format'] as const) {
      const before = typeof base[key] === 'string' ? (base[key] as string) : undefined;
      const after = typeof head[key] === 'string' ? (head[key] as string) : undefined;
      if (before === after) continue;
      if (before === undefined) this.limit(true, dir, loc, key, `${key} added ${show(after)}`);
      else if (after === undefined) this.limit(false, dir, loc, key, `${key} removed (was ${show(before)})`);
      // A changed pattern or format cannot be proven looser: it breaks in both directions.
      else this.log.add(`${dir}-${key}-changed`, loc, `${key} changed ${show(before)} → ${show(after)}`);
    }
  }

  private limit(tightened: boolean, dir: Direction, loc: string, key: LimitKeyword, message: string): void {
    this.log.add(`${dir}-${key}-${tightened ? 'tightened' : 'loosened'}`, loc, message);
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
      this.log.add(`${dir}-enum-value-removed`, loc, `enum value ${value} removed`);
    }
    // A client switching over response values has no branch for a new one.
    for (const value of after.filter((v) => !before.includes(v))) {
      this.log.add(`${dir}-enum-value-added`, loc, `enum value ${value} added`);
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
      this.log.add(`${dir}-field-removed`, at(name), `${dir} field removed`);
    }
    for (const name of Object.keys(after)) {
      if (name in before) continue;
      if (dir === 'request' && reqAfter.has(name)) {
        this.log.add('request-field-required-added', at(name), 'new required request field');
      } else {
        this.log.add(
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
        this.log.add(
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
      this.log.add('request-additional-properties-closed', loc.trim(), 'additionalProperties now false');
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
          this.log.add(
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
}
