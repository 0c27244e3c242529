import type { ValidationIssue } from '@onelink-kit/client';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS with `exports.default`; under NodeNext the default import is the module object.
const addFormats = addFormatsModule.default;

interface ParameterObject {
  name: string;
  in: 'query' | 'header' | 'path' | 'cookie';
  required?: boolean;
  schema?: { contentMediaType?: string; contentSchema?: unknown };
}

export interface ParameterValues {
  query: Record<string, string | undefined>;
  header: Record<string, string | undefined>;
}

const pointerEscape = (s: string) => s.replaceAll('~', '~0').replaceAll('/', '~1');

/**
 * Checks an operation's query and header values against the parameter schemas in the spec (lengths,
 * patterns, enums), and, where a string parameter declares `contentMediaType: application/json` with a
 * `contentSchema`, parses it and checks the decoded value too (JSON Schema treats contentSchema as an
 * annotation only, so validators would otherwise skip it). Rules come from the spec, not from here.
 */
export class ParameterValidator {
  readonly #ajv: Ajv2020;
  readonly #specId: string;
  readonly #parameters: { param: ParameterObject; pointer: string }[];
  readonly #compiled = new Map<string, ValidateFunction>();

  constructor(document: unknown, path: string, method: string, specId = 'onelink:snap-card-binding') {
    const doc = document as { paths?: Record<string, Record<string, { parameters?: ParameterObject[] }>> };
    const op = doc.paths?.[path]?.[method];
    if (!op) throw new RangeError(`${method.toUpperCase()} ${path} is not in the document`);
    this.#specId = specId;
    this.#ajv = new Ajv2020({ allErrors: true, strict: false, validateSchema: false });
    addFormats(this.#ajv);
    this.#ajv.addSchema({ ...(doc as object), $id: specId });
    this.#parameters = (op.parameters ?? []).map((param, i) => ({
      param,
      pointer: `#/paths/${pointerEscape(path)}/${method}/parameters/${i}/schema`,
    }));
  }

  /** Every issue in `values`; names in `skip` are not required (e.g. a header computed later). */
  validate(values: ParameterValues, skip: readonly string[] = []): ValidationIssue[] {
    const issues: ValidationIssue[] = [];
    for (const { param, pointer } of this.#parameters) {
      if (param.in !== 'query' && param.in !== 'header') continue;
      const value = values[param.in][param.name];
      if (value === undefined) {
        if (param.required && !skip.includes(param.name)) {
          issues.push({ field: param.name, rule: 'required', message: 'is required' });
        }
        continue;
      }
      issues.push(...this.#check(pointer, value, param.name));
      const schema = param.schema;
      if (schema?.contentSchema !== undefined && /json/i.test(schema.contentMediaType ?? '')) {
        let decoded: unknown;
        try {
          decoded = JSON.parse(value);
        } catch {
          issues.push({ field: param.name, rule: 'contentMediaType', message: 'must be JSON text' });
          continue;
        }
        issues.push(...this.#check(`${pointer}/contentSchema`, decoded, param.name));
      }
    }
    return issues;
  }

  #check(pointer: string, value: unknown, name: string): ValidationIssue[] {
    let fn = this.#compiled.get(pointer);
    if (!fn) {
      fn = this.#ajv.compile({ $ref: `${this.#specId}${pointer}` });
      this.#compiled.set(pointer, fn);
    }
    if (fn(value)) return [];
    return (fn.errors ?? []).filter((e) => !isAnyOfBranch(e)).map((e) => toIssue(e, name));
  }
}

// anyOf failures are reported once, by the rule that explains them (e.g. mobileNumber-or-userId), not
// as one "required" error per branch.
function isAnyOfBranch(error: ErrorObject): boolean {
  return error.keyword === 'anyOf' || error.schemaPath.includes('/anyOf/');
}

function toIssue(error: ErrorObject, name: string): ValidationIssue {
  const params = error.params as Record<string, unknown>;
  const child =
    error.keyword === 'additionalProperties'
      ? params.additionalProperty
      : error.keyword === 'required'
        ? params.missingProperty
        : undefined;
  const parts = [
    name,
    ...error.instancePath
      .split('/')
      .slice(1)
      .map((p) => p.replaceAll('~1', '/').replaceAll('~0', '~')),
  ];
  if (typeof child === 'string') parts.push(child);
  let message = error.message ?? 'is invalid';
  if (error.keyword === 'additionalProperties') message = 'is not allowed';
  if (error.keyword === 'required') message = 'is required';
  return { field: parts.join('.'), rule: error.keyword, message };
}
