import { HTTP_METHODS } from '@onelink-kit/generated/runtime';
import type { Ajv2020, ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { OneLinkValidationError, type ValidationIssue } from '../errors/one-link-error.js';
import { getPath } from './object-path.js';
import { createOpenApiAjv, type OpenApiAjvOptions } from './openapi-ajv.js';

const PARAMETER_PLACES = ['query', 'header', 'path', 'cookie'] as const;
type ParameterPlace = (typeof PARAMETER_PLACES)[number];

/** Parameter values of one request, by where they go, as the strings sent. */
export type ParameterValues = Partial<Record<ParameterPlace, Record<string, string | undefined>>>;

export type RequestValidatorOptions = Pick<OpenApiAjvOptions, 'logger'>;

interface ParameterObject {
  name?: string;
  in?: string;
  required?: boolean;
  schema?: { contentMediaType?: string; contentSchema?: unknown };
  $ref?: string;
}

interface ParameterLocation {
  name: string;
  in: ParameterPlace;
  required: boolean;
  /** JSON pointer (with leading #) of the parameter's schema. */
  pointer: string;
  /** Set when a string parameter carries JSON whose decoded value has its own schema. */
  jsonContent: boolean;
}

const pointerEscape = (s: string) => s.replaceAll('~', '~0').replaceAll('/', '~1');
const pointerUnescape = (s: string) => s.replaceAll('~1', '/').replaceAll('~0', '~');
const pointerOf = (parts: string[]) => `#/${parts.map(pointerEscape).join('/')}`;

/**
 * Validates requests against the spec's own schemas (maxLength, required, pattern, …), reporting every
 * problem with the field path and the JSON Schema keyword that failed: request bodies by operationId, and
 * query/header/path/cookie parameters, where a string parameter that declares `contentMediaType:
 * application/json` with a `contentSchema` is also decoded and checked (JSON Schema treats contentSchema as
 * an annotation only, so Ajv would skip it). The Ajv instance is built once per document and each schema
 * is compiled once, on first use.
 */
export class RequestValidator {
  readonly #ajv: Ajv2020;
  readonly #specId: string;
  readonly #bodies = new Map<string, string>();
  readonly #parameters = new Map<string, ParameterLocation[]>();
  readonly #compiled = new Map<string, ValidateFunction>();

  constructor(document: unknown, specId = 'onelink:spec', options: RequestValidatorOptions = {}) {
    const doc = document as { paths?: Record<string, Record<string, unknown>> } | null;
    if (!doc || typeof doc !== 'object') throw new TypeError('document must be an OpenAPI document object');
    this.#specId = specId;
    this.#ajv = createOpenApiAjv({ logger: options.logger });
    // The whole document is one schema resource so `#/components/schemas/...` refs resolve as written.
    this.#ajv.addSchema({ ...(doc as object), $id: specId });
    for (const [path, item] of Object.entries(doc.paths ?? {})) {
      const shared = parameterLocations(doc, item?.parameters, ['paths', path, 'parameters']);
      for (const method of HTTP_METHODS) {
        const op = item?.[method] as
          | { operationId?: string; requestBody?: unknown; parameters?: unknown }
          | undefined;
        if (!op?.operationId) continue;
        const own = parameterLocations(doc, op.parameters, ['paths', path, method, 'parameters']);
        // An operation's parameter overrides the path item's one with the same name and place.
        const key = (p: ParameterLocation) => `${p.in}|${p.name.toLowerCase()}`;
        const owned = new Set(own.map(key));
        this.#parameters.set(op.operationId, [...shared.filter((p) => !owned.has(key(p))), ...own]);
        if (!op.requestBody) continue;
        const content = (op.requestBody as { content?: Record<string, unknown> }).content ?? {};
        const mediaType = Object.keys(content).find((m) => /json/i.test(m)) ?? Object.keys(content)[0];
        if (!mediaType) continue;
        this.#bodies.set(
          op.operationId,
          pointerOf(['paths', path, method, 'requestBody', 'content', mediaType, 'schema']),
        );
      }
    }
  }

  /** operationIds that have a request body schema. */
  get operationIds(): string[] {
    return [...this.#bodies.keys()];
  }

  /** Every schema violation in `body`; empty when valid. */
  validate(operationId: string, body: unknown): ValidationIssue[] {
    const pointer = this.#bodies.get(operationId);
    if (!pointer) throw new RangeError(`no request body schema for operation "${operationId}"`);
    return this.#check(pointer, body, []);
  }

  /** Throws OneLinkValidationError listing every violation. */
  assert(operationId: string, body: unknown): void {
    const issues = this.validate(operationId, body);
    if (issues.length > 0) throw new OneLinkValidationError(issues);
  }

  /**
   * Every violation in an operation's parameter values, each named after the parameter (and the path into
   * its decoded JSON). Names in `skip` are not required (e.g. a signature header computed later).
   */
  validateParameters(
    operationId: string,
    values: ParameterValues,
    skip: readonly string[] = [],
  ): ValidationIssue[] {
    const parameters = this.#parameters.get(operationId);
    if (!parameters) throw new RangeError(`no operation "${operationId}" in the document`);
    const issues: ValidationIssue[] = [];
    for (const param of parameters) {
      const value = parameterValue(values[param.in], param);
      if (value === undefined) {
        if (param.required && !skip.includes(param.name)) {
          issues.push({ field: param.name, rule: 'required', message: 'is required' });
        }
        continue;
      }
      issues.push(...this.#check(param.pointer, value, [param.name]));
      if (!param.jsonContent) continue;
      let decoded: unknown;
      try {
        decoded = JSON.parse(value);
      } catch {
        issues.push({ field: param.name, rule: 'contentMediaType', message: 'must be JSON text' });
        continue;
      }
      issues.push(...this.#check(`${param.pointer}/contentSchema`, decoded, [param.name]));
    }
    return issues;
  }

  #check(pointer: string, value: unknown, prefix: string[]): ValidationIssue[] {
    let fn = this.#compiled.get(pointer);
    if (!fn) {
      fn = this.#ajv.compile({ $ref: `${this.#specId}${pointer}` });
      this.#compiled.set(pointer, fn);
    }
    if (fn(value)) return [];
    return explainAlternatives((fn.errors ?? []).filter((e) => !isAnyOfBranch(e))).map((e) =>
      toIssue(e, prefix),
    );
  }
}

function parameterLocations(doc: unknown, list: unknown, at: string[]): ParameterLocation[] {
  if (!Array.isArray(list)) return [];
  const found: ParameterLocation[] = [];
  list.forEach((entry: ParameterObject, i) => {
    let param = entry;
    let where = [...at, String(i)];
    // A parameter may be a local $ref (e.g. #/components/parameters/X): validate at its target.
    if (typeof entry?.$ref === 'string' && entry.$ref.startsWith('#/')) {
      where = entry.$ref.slice(2).split('/').map(pointerUnescape);
      param = getPath(doc, where) as ParameterObject;
    }
    const place = param?.in as ParameterPlace;
    if (!param?.name || !PARAMETER_PLACES.includes(place) || param.schema === undefined) return;
    found.push({
      name: param.name,
      in: place,
      required: param.required === true,
      pointer: pointerOf([...where, 'schema']),
      jsonContent:
        param.schema.contentSchema !== undefined && /json/i.test(param.schema.contentMediaType ?? ''),
    });
  });
  return found;
}

// Header names are case-insensitive; other places match exactly.
function parameterValue(
  values: Record<string, string | undefined> | undefined,
  param: ParameterLocation,
): string | undefined {
  if (!values) return undefined;
  if (param.in !== 'header' || param.name in values) return values[param.name];
  const wanted = param.name.toLowerCase();
  return Object.entries(values).find(([k]) => k.toLowerCase() === wanted)?.[1];
}

// An anyOf failure is reported once, as `anyOf` on the field, not as one error per branch ("required"
// of every alternative), which would name rules the value need not meet.
function isAnyOfBranch(error: ErrorObject): boolean {
  return error.schemaPath.includes('/anyOf/');
}

/**
 * A value that fails a oneOf/anyOf of types (an amount as an integer or a digit string) is explained by
 * the alternative of its own type: `minimum` for 0, `pattern` for "0", not "must be string" and "must
 * match exactly one schema". Only when no alternative has its type is the combinator reported, once.
 */
function explainAlternatives(errors: ErrorObject[]): ErrorObject[] {
  const combinators = new Set(errors.filter((e) => COMBINATORS.has(e.keyword)).map((e) => e.instancePath));
  if (combinators.size === 0) return errors;
  const specific = new Set(
    errors
      .filter((e) => combinators.has(e.instancePath) && e.keyword !== 'type' && !COMBINATORS.has(e.keyword))
      .map((e) => e.instancePath),
  );
  return errors.filter((e) => {
    if (!combinators.has(e.instancePath)) return true;
    if (e.keyword === 'type') return false;
    return COMBINATORS.has(e.keyword) ? !specific.has(e.instancePath) : true;
  });
}

const COMBINATORS = new Set(['oneOf', 'anyOf']);

function toIssue(error: ErrorObject, prefix: string[]): ValidationIssue {
  const base = error.instancePath.split('/').slice(1).map(pointerUnescape);
  const params = error.params as Record<string, unknown>;
  // Name the offending property itself, not its parent, for required/additionalProperties.
  const child =
    error.keyword === 'required'
      ? params.missingProperty
      : error.keyword === 'additionalProperties'
        ? params.additionalProperty
        : undefined;
  const parts = [...prefix, ...base, ...(typeof child === 'string' ? [child] : [])];
  const field = parts.length > 0 ? parts.join('.') : '(body)';
  let message = error.message ?? 'is invalid';
  if (error.keyword === 'required') message = 'is required';
  if (error.keyword === 'additionalProperties') message = 'is not allowed';
  return { field, rule: error.keyword, message };
}
