import fc from 'fast-check';
import { deref, type Json, type Schema } from './spec.js';

// Values the schema allows, as fast-check arbitraries: every optional property present or absent,
// lengths and numbers at and between their bounds, and text beyond ASCII (Urdu, accents, CJK, emoji,
// joiners, direction marks) wherever the schema allows any character but controls.

/** Characters the "no control characters" pattern allows: printable ASCII and a spread of Unicode. */
const TEXT_UNITS = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCodePoint(c)) },
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      'ک',
      'ر',
      'ا',
      'چ',
      'ی',
      '۴',
      'é',
      'ß',
      'Ω',
      '中',
      '😀',
      '💻',
      '\u200d',
      '\u200f',
      '\u2028',
      '\u00a0',
      '\u0085',
      '\ufeff',
      'ﷺ',
      '\u0301',
    ),
  },
);

const NO_CONTROLS = '^[^\\x00-\\x1F\\x7F]*$';

/** Length in code points, as Ajv counts for minLength/maxLength. */
export const codePoints = (text: string): number => [...text].length;

export interface ArbitraryOptions {
  /** Arbitraries that replace a named component schema (rules a schema cannot say, e.g. IBAN check digits). */
  overrides?: Record<string, fc.Arbitrary<unknown>>;
}

export function arbitraryFor(node: Schema, options: ArbitraryOptions = {}): fc.Arbitrary<unknown> {
  if (typeof node.$ref === 'string') {
    const name = /^#\/components\/schemas\/(.+)$/.exec(node.$ref)?.[1];
    const override = name === undefined ? undefined : options.overrides?.[name];
    if (override !== undefined) return override;
    return arbitraryFor(deref(node), options);
  }
  if ('const' in node) return fc.constant(node.const);
  if (Array.isArray(node.enum)) return fc.constantFrom(...(node.enum as unknown[]));
  const type = Array.isArray(node.type) ? (node.type as string[]) : [node.type as string];
  const choices = type.map((t) => arbitraryOfType(t, node, options));
  return choices.length === 1 ? choices[0]! : fc.oneof(...choices);
}

function arbitraryOfType(type: string, node: Schema, options: ArbitraryOptions): fc.Arbitrary<unknown> {
  switch (type) {
    case 'object':
      return objectArbitrary(node, options);
    case 'string':
      return stringArbitrary(node);
    case 'integer':
      return fc.integer({
        min: (node.minimum as number | undefined) ?? -1_000_000,
        max: (node.maximum as number | undefined) ?? 1_000_000,
      });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(arbitraryFor((node.items as Schema) ?? {}, options), { maxLength: 3 });
    default:
      return fc.constant(null);
  }
}

function objectArbitrary(node: Schema, options: ArbitraryOptions): fc.Arbitrary<unknown> {
  const properties = (node.properties ?? {}) as Record<string, Schema>;
  const required = (node.required ?? []) as string[];
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, schema] of Object.entries(properties)) model[name] = arbitraryFor(schema, options);
  return fc.record(model, { requiredKeys: required });
}

function stringArbitrary(node: Schema): fc.Arbitrary<string> {
  const min = (node.minLength as number | undefined) ?? 0;
  const max = (node.maxLength as number | undefined) ?? Math.max(min, 64);
  const pattern = node.pattern as string | undefined;
  if (node.format === 'date-time') return dateTime();
  if (pattern === undefined || pattern === NO_CONTROLS) {
    // Lengths at both bounds as often as in between.
    const length = fc.oneof(fc.constant(min), fc.constant(max), fc.integer({ min, max }));
    return length.chain((n) =>
      fc.array(TEXT_UNITS, { minLength: n, maxLength: n }).map((units) => units.join('')),
    );
  }
  return fc
    .stringMatching(new RegExp(pattern))
    .filter((text) => codePoints(text) >= min && codePoints(text) <= max);
}

/** RFC 3339 instants the date-time format accepts: Z, offsets, fractions. */
export function dateTime(): fc.Arbitrary<string> {
  return fc
    .record({
      ms: fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2035, 11, 31) }),
      offset: fc.constantFrom('Z', 'z', '+05:00', '-03:30', '+00:00', '+14:00', '-12:00'),
      fraction: fc.constantFrom('', '.1', '.123', '.123456789'),
    })
    .map(({ ms, offset, fraction }) => {
      const sign = offset.startsWith('-') ? -1 : 1;
      const [h, m] = /^[zZ]$/.test(offset) ? [0, 0] : offset.slice(1).split(':').map(Number);
      const local = new Date(ms + sign * ((h ?? 0) * 60 + (m ?? 0)) * 60_000).toISOString().slice(0, 19);
      return `${local}${fraction}${offset}`;
    });
}

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
