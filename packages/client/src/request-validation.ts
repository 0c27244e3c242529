import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { OneLinkValidationError, type ValidationIssue } from './errors.js';

// ajv-formats is CommonJS with `exports.default`; under NodeNext the default import is the module object.
const addFormats = addFormatsModule.default;

// OpenAPI's own format names: annotations only, accepted as-is.
const OPENAPI_FORMATS = ['int32', 'int64', 'float', 'double', 'byte', 'binary', 'password'];

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

interface OperationLocation {
  pointer: string;
}

/**
 * Validates request bodies against the spec's own schemas (maxLength, required, pattern, …), reporting
 * every problem with the field path and the JSON Schema keyword that failed. The Ajv instance is built
 * once per document and each operation's validator is compiled once, on first use.
 */
export class RequestValidator {
  readonly #ajv: Ajv2020;
  readonly #specId: string;
  readonly #operations = new Map<string, OperationLocation>();
  readonly #compiled = new Map<string, ValidateFunction>();

  constructor(document: unknown, specId = 'onelink:spec') {
    const doc = document as { paths?: Record<string, Record<string, unknown>> } | null;
    if (!doc || typeof doc !== 'object') throw new TypeError('document must be an OpenAPI document object');
    this.#specId = specId;
    // strict: false because OpenAPI schemas carry annotations Ajv does not know (x-onelink-*, example).
    this.#ajv = new Ajv2020({ allErrors: true, strict: false, validateSchema: false });
    addFormats(this.#ajv);
    for (const f of OPENAPI_FORMATS) this.#ajv.addFormat(f, true);
    // The whole document is one schema resource so `#/components/schemas/...` refs resolve as written.
    this.#ajv.addSchema({ ...(doc as object), $id: specId });
    for (const [path, item] of Object.entries(doc.paths ?? {})) {
      for (const method of HTTP_METHODS) {
        const op = item?.[method] as { operationId?: string; requestBody?: unknown } | undefined;
        if (!op?.operationId || !op.requestBody) continue;
        const content = (op.requestBody as { content?: Record<string, unknown> }).content ?? {};
        const mediaType = Object.keys(content).find((m) => /json/i.test(m)) ?? Object.keys(content)[0];
        if (!mediaType) continue;
        const pointer = ['paths', path, method, 'requestBody', 'content', mediaType, 'schema']
          .map((p) => p.replaceAll('~', '~0').replaceAll('/', '~1'))
          .join('/');
        this.#operations.set(op.operationId, { pointer: `#/${pointer}` });
      }
    }
  }

  /** operationIds that have a request body schema. */
  get operationIds(): string[] {
    return [...this.#operations.keys()];
  }

  /** Every schema violation in `body`; empty when valid. */
  validate(operationId: string, body: unknown): ValidationIssue[] {
    const validate = this.#validator(operationId);
    if (validate(body)) return [];
    return (validate.errors ?? []).map(toIssue);
  }

  /** Throws OneLinkValidationError listing every violation. */
  assert(operationId: string, body: unknown): void {
    const issues = this.validate(operationId, body);
    if (issues.length > 0) throw new OneLinkValidationError(issues);
  }

  #validator(operationId: string): ValidateFunction {
    let fn = this.#compiled.get(operationId);
    if (!fn) {
      const location = this.#operations.get(operationId);
      if (!location) throw new RangeError(`no request body schema for operation "${operationId}"`);
      fn = this.#ajv.compile({ $ref: `${this.#specId}${location.pointer}` });
      this.#compiled.set(operationId, fn);
    }
    return fn;
  }
}

function toIssue(error: ErrorObject): ValidationIssue {
  const base = error.instancePath
    .split('/')
    .slice(1)
    .map((p) => p.replaceAll('~1', '/').replaceAll('~0', '~'));
  const params = error.params as Record<string, unknown>;
  // Name the offending property itself, not its parent, for required/additionalProperties.
  const child =
    error.keyword === 'required'
      ? params.missingProperty
      : error.keyword === 'additionalProperties'
        ? params.additionalProperty
        : undefined;
  const parts = typeof child === 'string' ? [...base, child] : base;
  const field = parts.length > 0 ? parts.join('.') : '(body)';
  let message = error.message ?? 'is invalid';
  if (error.keyword === 'required') message = 'is required';
  if (error.keyword === 'additionalProperties') message = 'is not allowed';
  return { field, rule: error.keyword, message };
}
