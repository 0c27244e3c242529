import { codePoints, isObject } from './schema-arbitrary.js';
import { deref, type Json, type Schema } from './spec.js';

// Ways to break a valid value, one constraint at a time: each names the field and the rule broken.

export interface Mutation {
  /** `body.merchantDetails.iban: maxLength`. */
  why: string;
  path: string[];
  /** The new value at `path`; DELETE removes the property. */
  value: unknown;
}

export const DELETE = Symbol('delete');

const CONTROLS = ['\u0000', '\u0001', '\n', '\r', '\t', '\u001b', '\u001f', '\u007f'];

/** JSON text spliced in as is (nesting too deep for JSON.stringify or structuredClone to build). */
export class RawJson {
  constructor(readonly text: string) {}
}

/** Nested arrays `depth` deep: 2 bytes a level, so 7,000 levels stay under the 16 KiB body limit. */
export function deepArray(depth: number): RawJson {
  return new RawJson(`${'['.repeat(depth)}${']'.repeat(depth)}`);
}

/** Nested objects `depth` deep. */
export function deepObject(depth: number): RawJson {
  return new RawJson(`${'{"a":'.repeat(depth)}{}${'}'.repeat(depth)}`);
}

/** JSON.stringify that writes RawJson values as their text. */
export function jsonText(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value)) return `[${value.map(jsonText).join(',')}]`;
  if (isObject(value)) {
    return `{${Object.entries(value)
      .map(([k, v]) => `${JSON.stringify(k)}:${jsonText(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function wrongTypes(schema: Schema): unknown[] {
  const type = schema.type;
  const all: Array<[string, unknown]> = [
    ['string', 'text'],
    ['integer', 7],
    ['number', 1.5],
    ['boolean', true],
    ['null', null],
    ['array', ['x']],
    ['object', { x: 1 }],
  ];
  const allowed = new Set(Array.isArray(type) ? type : [type]);
  if (allowed.has('number')) allowed.add('integer');
  return all.filter(([t]) => !allowed.has(t)).map(([, v]) => v);
}

/** Every single-constraint break of `value` (valid under `node`) and of what it contains. */
export function mutations(node: Schema, value: unknown, path: string[] = []): Mutation[] {
  const schema = deref<Schema>(node);
  const at = path.join('.') || 'body';
  const out: Mutation[] = wrongTypes(schema).map((v) => ({
    why: `${at}: type (${JSON.stringify(v)})`,
    path,
    value: v,
  }));
  if (Array.isArray(schema.enum)) out.push({ why: `${at}: enum`, path, value: 'not-in-the-enum' });
  if ('const' in schema) out.push({ why: `${at}: const`, path, value: `${String(schema.const)}x` });
  if (isObject(value) && schema.type === 'object') {
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    for (const name of (schema.required ?? []) as string[]) {
      out.push({ why: `${at}.${name}: required`, path: [...path, name], value: DELETE });
    }
    out.push({ why: `${at}: additionalProperties`, path: [...path, 'unexpected'], value: 1 });
    out.push({
      why: `${at}: additionalProperties (__proto__)`,
      path: [...path, '__proto__'],
      value: { polluted: true },
    });
    out.push({ why: `${at}: deep nesting (arrays)`, path: [...path, 'deep'], value: deepArray(7_000) });
    out.push({ why: `${at}: deep nesting (objects)`, path: [...path, 'deep'], value: deepObject(2_500) });
    for (const [name, child] of Object.entries(properties)) {
      if (name in value) out.push(...mutations(child, value[name], [...path, name]));
    }
  }
  if (typeof value === 'string') out.push(...stringMutations(schema, value, path, at));
  if (typeof value === 'number') {
    const { minimum, maximum } = schema as { minimum?: number; maximum?: number };
    if (minimum !== undefined) out.push({ why: `${at}: minimum`, path, value: minimum - 1 });
    if (maximum !== undefined) out.push({ why: `${at}: maximum`, path, value: maximum + 1 });
    out.push({ why: `${at}: integer (fraction)`, path, value: value + 0.5 });
    out.push({ why: `${at}: huge`, path, value: 1e308 });
    out.push({ why: `${at}: beyond 2^53`, path, value: 2 ** 53 + 2 });
    out.push({ why: `${at}: type (numeric string)`, path, value: String(value) });
  }
  return out;
}

function stringMutations(schema: Schema, value: string, path: string[], at: string): Mutation[] {
  const out: Mutation[] = [];
  const { minLength, maxLength, pattern } = schema as {
    minLength?: number;
    maxLength?: number;
    pattern?: string;
  };
  if (maxLength !== undefined) {
    out.push({ why: `${at}: maxLength`, path, value: value + 'x'.repeat(maxLength - codePoints(value) + 1) });
  }
  if (minLength !== undefined && minLength > 0) {
    out.push({ why: `${at}: minLength`, path, value: [...value].slice(0, minLength - 1).join('') });
  }
  if (pattern !== undefined) {
    const re = new RegExp(pattern);
    for (const control of CONTROLS) {
      const cut = Math.floor(value.length / 2);
      const broken = `${value.slice(0, cut)}${control}${value.slice(cut)}`;
      if (!re.test(broken))
        out.push({
          why: `${at}: pattern (U+${control.codePointAt(0)!.toString(16).padStart(4, '0')})`,
          path,
          value: broken,
        });
    }
    for (const other of [value.toLowerCase(), `${value.slice(0, -1)}!`, ` ${value}`]) {
      if (!re.test(other) && other !== value) out.push({ why: `${at}: pattern`, path, value: other });
    }
  }
  out.push({ why: `${at}: huge string`, path, value: 'x'.repeat(40_000) });
  return out;
}

/** A deep copy of `root` with one mutation applied. */
export function applyMutation(root: unknown, mutation: Mutation): unknown {
  if (mutation.path.length === 0) return mutation.value === DELETE ? undefined : mutation.value;
  const copy = JSON.parse(JSON.stringify(root)) as Json;
  let parent: Json = copy;
  for (const key of mutation.path.slice(0, -1)) parent = parent[key] as Json;
  const last = mutation.path[mutation.path.length - 1]!;
  if (mutation.value === DELETE) delete parent[last];
  // defineProperty so `__proto__` becomes an own property that JSON.stringify writes out.
  else
    Object.defineProperty(parent, last, {
      value: mutation.value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return copy;
}
