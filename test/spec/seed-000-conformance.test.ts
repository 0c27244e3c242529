import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { $RefParser } from '@apidevtools/json-schema-ref-parser';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { root, specFile } from './support/one-link-spec.js';

// The spec's request schemas must match the merchant and aggregator request body schemas of the 1LINK P2M QR
// document (the source document 000_*.txt in ../shared/seeds, next to the checkout) field by field. Those JSON
// schemas are parsed from the document's text at test time, so a change on either side shows up here.
const seedDir = join(root, '..', 'shared', 'seeds');

interface SchemaNode {
  type?: string;
  maxLength?: number;
  required?: string[];
  description?: string;
  example?: unknown;
  properties?: Record<string, SchemaNode>;
  [keyword: string]: unknown;
}

function seedText(): string {
  const name = readdirSync(seedDir).find((f) => /^000_.*\.txt$/.test(f));
  if (!name) throw new Error(`no 000_*.txt seed in ${seedDir}`);
  return readFileSync(join(seedDir, name), 'utf8');
}

/** The first balanced JSON object after `heading` (string-aware, so braces inside strings don't count). */
function jsonAfter(text: string, heading: string): SchemaNode {
  const at = text.indexOf(heading);
  if (at === -1) throw new Error(`seed 000 has no heading "${heading}"`);
  const start = text.indexOf('{', at);
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return JSON.parse(text.slice(start, i + 1)) as SchemaNode;
  }
  throw new Error(`unbalanced JSON after "${heading}"`);
}

interface Row {
  path: string;
  seed: SchemaNode;
}

/** Every schema node in the seed, the root included, keyed by its dotted property path. */
function flatten(node: SchemaNode, path: string[] = []): Row[] {
  const rows: Row[] = [{ path: path.length === 0 ? '(body)' : path.join('.'), seed: node }];
  for (const [name, child] of Object.entries(node.properties ?? {})) {
    rows.push(...flatten(child, [...path, name]));
  }
  return rows;
}

function at(schema: SchemaNode, path: string): SchemaNode | undefined {
  if (path === '(body)') return schema;
  let node: SchemaNode | undefined = schema;
  for (const step of path.split('.')) node = node?.properties?.[step];
  return node;
}

// Keywords that constrain more than the seed does; wherever the spec adds one, it must say so.
const BEYOND_SEED = [
  'pattern',
  'format',
  'enum',
  'const',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minLength',
  'oneOf',
  'anyOf',
  'allOf',
  'additionalProperties',
];

const text = seedText();
const cases = [
  {
    section: '5.1',
    heading: '5.1 Merchant Request Body Schema',
    path: '/generateDQRCMerchant',
    component: 'MerchantRequest',
  },
  {
    section: '5.2',
    heading: '5.2 Aggregator Request Body Schema',
    path: '/generateDQRCAggregator',
    component: 'AggregatorRequest',
  },
].map((c) => ({ ...c, rows: flatten(jsonAfter(text, c.heading)) }));

let resolved: {
  paths: Record<string, { post: { requestBody: { content: Record<string, { schema: SchemaNode }> } } }>;
};
let raw: typeof resolved;

beforeAll(async () => {
  raw = parse(readFileSync(specFile, 'utf8'));
  // A real $ref resolver (not our own walk): the spec is read from disk and every $ref replaced.
  resolved = (await $RefParser.dereference(specFile)) as typeof resolved;
});

const bodySchema = (doc: typeof resolved, path: string): SchemaNode =>
  doc.paths[path]!.post.requestBody.content['application/json']!.schema;

describe.each(cases)('seed 000 §$section ↔ spec $path request body', ({ path, component, rows }) => {
  it(`uses the reusable component ${component}`, () => {
    expect(bodySchema(raw, path).$ref).toBe(`#/components/schemas/${component}`);
  });

  it('covers at least every field of the seed', () => {
    // Guards the parsing: an empty or truncated seed section must not pass silently.
    expect(rows.length).toBeGreaterThan(15);
  });

  it.each(rows)('$path', ({ path: field, seed }) => {
    const spec = at(bodySchema(resolved, path), field);
    expect(spec, `spec has no ${field}`).toBeDefined();
    if (!spec) return;

    expect(Object.keys(spec.properties ?? {}).sort(), `${field}: property names`).toEqual(
      Object.keys(seed.properties ?? {}).sort(),
    );
    expect([...(spec.required ?? [])].sort(), `${field}: required`).toEqual(
      [...(seed.required ?? [])].sort(),
    );
    expect(spec.maxLength, `${field}: maxLength`).toBe(seed.maxLength);
    if (seed.description !== undefined) {
      expect(spec.description, `${field}: description`).toContain(seed.description);
    }

    if (seed.type !== undefined) {
      expect(spec.type, `${field}: type`).toBe(seed.type);
    } else {
      // The seed leaves the field untyped (aggregator instructedAmount, example "310"): the spec accepts the
      // seed's example as written and as a number, and nothing that is not an amount.
      const ajv = new Ajv2020({ strict: false });
      const validate = ajv.compile(spec);
      expect(seed.example, `${field}: seed example`).toBeDefined();
      expect(validate(seed.example), `${field}: accepts ${JSON.stringify(seed.example)}`).toBe(true);
      expect(validate(Number(seed.example)), `${field}: accepts the number`).toBe(true);
      for (const bad of ['31O', '', true, null, { amount: 310 }]) {
        expect(validate(bad), `${field}: rejects ${JSON.stringify(bad)}`).toBe(false);
      }
    }

    const added = BEYOND_SEED.filter((k) => k in spec && !(k in seed));
    if (added.length > 0) {
      expect(spec['x-onelink-note'], `${field}: adds ${added.join(', ')} without x-onelink-note`).toEqual(
        expect.any(String),
      );
    }
  });
});
