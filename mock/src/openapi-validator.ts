import { pathToFileURL } from 'node:url';
import { createOpenApiAjv } from '@onelink-kit/core';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { type Fixture, headerValue, mediaTypeOf } from './fixtures.js';
import type { OperationRef, SpecEntry } from './spec-catalog.js';

export interface ValidationIssue {
  /** Where in the exchange: `request.body.info.stan`, `response.status`, `request.headers.authorization`… */
  location: string;
  message: string;
}

type Json = Record<string, unknown>;

const pointerEscape = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');
const pointerUnescape = (s: string) => s.replace(/~1/g, '/').replace(/~0/g, '~');

/**
 * Validates recorded exchanges against OpenAPI 3.1 specs with @onelink-kit/core's OpenAPI Ajv (the one
 * setup the clients validate requests with), compiling schemas straight from the spec documents: each
 * document is registered under its file URL, so
 * `#/components/...` and cross-file `./other.yaml#/...` references resolve the way the spec says.
 * Every error is reported (allErrors), not just the first.
 */
export class OpenApiValidator {
  readonly #ajv = createOpenApiAjv();
  readonly #ids = new Map<SpecEntry, string>();
  readonly #byId = new Map<string, SpecEntry>();
  readonly #compiled = new Map<string, ValidateFunction>();

  constructor(specs: SpecEntry[]) {
    for (const spec of specs) {
      const id = pathToFileURL(spec.absFile).href;
      this.#ids.set(spec, id);
      this.#byId.set(id, spec);
      this.#ajv.addSchema(spec.document as object, id);
    }
  }

  validateFixture(op: OperationRef, fixture: Fixture): ValidationIssue[] {
    return [...this.validateRequest(op, fixture.request), ...this.validateResponse(op, fixture.response)];
  }

  validateRequest(op: OperationRef, req: Fixture['request']): ValidationIssue[] {
    const issues: ValidationIssue[] = [];
    if (req.method.toLowerCase() !== op.method) {
      issues.push({
        location: 'request.method',
        message: `is ${req.method}, spec says ${op.method.toUpperCase()}`,
      });
    }
    const pathParams = matchPath(op.path, req.path.split('?')[0] ?? '');
    if (!pathParams) {
      issues.push({
        location: 'request.path',
        message: `"${req.path}" does not match spec path "${op.path}"`,
      });
    }
    const query = new URLSearchParams(
      req.path.includes('?') ? req.path.slice(req.path.indexOf('?') + 1) : '',
    );
    const base = this.#pointer(op);
    const params = [
      ...((op.pathItem.parameters as Json[] | undefined) ?? []),
      ...((op.operation.parameters as Json[] | undefined) ?? []),
    ].map((p, i) => this.#deref(op.spec, p, `${base}/parameters/${i}`));
    for (const { value: p, pointer } of params) {
      const name = String(p.name);
      const where = String(p.in);
      let value: string | undefined;
      if (where === 'header') value = headerValue(req.headers, name);
      else if (where === 'query') value = query.get(name) ?? undefined;
      else if (where === 'path') value = pathParams?.[name];
      else continue;
      const location = `request.${where === 'header' ? 'headers' : where}.${where === 'header' ? name.toLowerCase() : name}`;
      if (value === undefined) {
        if (p.required === true) issues.push({ location, message: 'is required by the spec but missing' });
        continue;
      }
      if (p.schema)
        issues.push(...this.#validate(`${pointer}/schema`, coerceScalar(value, p.schema), location));
    }
    issues.push(...this.#checkSecurity(op, req.headers));

    const rbRaw = op.operation.requestBody as Json | undefined;
    if (rbRaw) {
      const { value: rb, pointer } = this.#deref(op.spec, rbRaw, `${base}/requestBody`);
      const content = (rb.content ?? {}) as Record<string, unknown>;
      if (req.body === undefined) {
        if (rb.required === true)
          issues.push({ location: 'request.body', message: 'is required by the spec but missing' });
      } else {
        const mt = pickMediaType(content, mediaTypeOf(req.headers));
        if (!mt) {
          issues.push({
            location: 'request.headers.content-type',
            message: `"${headerValue(req.headers, 'content-type') ?? '(none)'}" is not one of ${Object.keys(content).join(', ')}`,
          });
        } else if ((content[mt] as Json | undefined)?.schema) {
          issues.push(
            ...this.#validate(`${pointer}/content/${pointerEscape(mt)}/schema`, req.body, 'request.body'),
          );
        }
      }
    } else if (req.body !== undefined) {
      issues.push({
        location: 'request.body',
        message: 'is present but the operation declares no requestBody',
      });
    }
    return issues;
  }

  validateResponse(op: OperationRef, res: Fixture['response']): ValidationIssue[] {
    const responses = (op.operation.responses ?? {}) as Record<string, Json>;
    const status = String(res.status);
    const key =
      status in responses
        ? status
        : `${status[0]}XX` in responses
          ? `${status[0]}XX`
          : 'default' in responses
            ? 'default'
            : undefined;
    if (!key) {
      return [
        {
          location: 'response.status',
          message: `${status} is not declared by the spec (declared: ${Object.keys(responses).join(', ')})`,
        },
      ];
    }
    const issues: ValidationIssue[] = [];
    const { value: r, pointer } = this.#deref(
      op.spec,
      responses[key] as Json,
      `${this.#pointer(op)}/responses/${pointerEscape(key)}`,
    );
    for (const [name, hRaw] of Object.entries((r.headers ?? {}) as Record<string, Json>)) {
      const { value: h, pointer: hp } = this.#deref(
        op.spec,
        hRaw,
        `${pointer}/headers/${pointerEscape(name)}`,
      );
      const value = headerValue(res.headers, name);
      const location = `response.headers.${name.toLowerCase()}`;
      if (value === undefined) {
        if (h.required === true) issues.push({ location, message: 'is required by the spec but missing' });
      } else if (h.schema) {
        issues.push(...this.#validate(`${hp}/schema`, coerceScalar(value, h.schema), location));
      }
    }
    const content = (r.content ?? {}) as Record<string, Json>;
    if (res.body !== undefined) {
      const mt = pickMediaType(content, mediaTypeOf(res.headers));
      if (!mt) {
        issues.push({
          location: 'response.headers.content-type',
          message: `"${headerValue(res.headers, 'content-type') ?? '(none)'}" is not one of ${Object.keys(content).join(', ') || '(no content declared)'}`,
        });
      } else if (content[mt]?.schema) {
        issues.push(
          ...this.#validate(`${pointer}/content/${pointerEscape(mt)}/schema`, res.body, 'response.body'),
        );
      }
    }
    return issues;
  }

  /** Fixtures carry placeholders, so we check presence and shape of credentials, not their values. */
  #checkSecurity(op: OperationRef, headers: Record<string, string>): ValidationIssue[] {
    const requirements = (op.operation.security ?? op.spec.document.security ?? []) as Record<
      string,
      unknown
    >[];
    if (requirements.length === 0) return [];
    const schemes = ((op.spec.document.components as Json | undefined)?.securitySchemes ?? {}) as Record<
      string,
      Json
    >;
    const failures: string[] = [];
    for (const req of requirements) {
      const missing: string[] = [];
      for (const name of Object.keys(req)) {
        const s = schemes[name];
        if (!s) missing.push(`${name} (scheme not defined)`);
        else if (s.type === 'apiKey' && s.in === 'header') {
          if (headerValue(headers, String(s.name)) === undefined) missing.push(`${name}: header ${s.name}`);
        } else if (s.type === 'http' || s.type === 'oauth2' || s.type === 'openIdConnect') {
          const auth = headerValue(headers, 'authorization');
          const scheme = s.type === 'http' ? String(s.scheme).toLowerCase() : 'bearer';
          if (!auth?.toLowerCase().startsWith(`${scheme} `)) missing.push(`${name}: Authorization ${scheme}`);
        }
      }
      if (missing.length === 0) return [];
      failures.push(missing.join(' + '));
    }
    return [
      {
        location: 'request.headers',
        message: `no security requirement satisfied (missing ${failures.join(' | ')})`,
      },
    ];
  }

  #pointer(op: OperationRef): string {
    return `${this.#ids.get(op.spec)}#/paths/${pointerEscape(op.path)}/${op.method}`;
  }

  /** Follows OpenAPI-level `$ref`s (parameters, requestBodies, responses, headers), local or cross-file. */
  #deref(spec: SpecEntry, obj: Json, pointer: string, depth = 0): { value: Json; pointer: string } {
    const ref = obj.$ref;
    if (typeof ref !== 'string' || depth > 20) return { value: obj, pointer };
    const abs = new URL(ref, this.#ids.get(spec)).href;
    const [fileUrl, frag = ''] = abs.split('#');
    const target = this.#byId.get(fileUrl ?? '');
    if (!target) throw new Error(`${spec.specFile}: cannot resolve $ref "${ref}" (spec not loaded)`);
    let node: unknown = target.document;
    for (const part of frag.split('/').filter(Boolean))
      node = (node as Json | undefined)?.[pointerUnescape(part)];
    if (!node || typeof node !== 'object')
      throw new Error(`${spec.specFile}: $ref "${ref}" points at nothing`);
    return this.#deref(target, node as Json, abs, depth + 1);
  }

  #validate(schemaRef: string, data: unknown, location: string): ValidationIssue[] {
    let fn = this.#compiled.get(schemaRef);
    if (!fn) {
      fn = this.#ajv.compile({ $ref: schemaRef });
      this.#compiled.set(schemaRef, fn);
    }
    if (fn(data)) return [];
    return (fn.errors ?? []).map((e) => toIssue(location, e));
  }
}

function toIssue(location: string, e: ErrorObject): ValidationIssue {
  const sub = e.instancePath
    .split('/')
    .filter(Boolean)
    .map(pointerUnescape)
    .map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p}`))
    .join('');
  let message = e.message ?? e.keyword;
  if (e.keyword === 'additionalProperties')
    message += ` "${(e.params as { additionalProperty: string }).additionalProperty}"`;
  if (e.keyword === 'enum')
    message += `: ${JSON.stringify((e.params as { allowedValues: unknown }).allowedValues)}`;
  return { location: `${location}${sub}`, message: `${message} (${e.keyword})` };
}

function pickMediaType(content: Record<string, unknown>, actual: string | undefined): string | undefined {
  const keys = Object.keys(content);
  if (actual === undefined) return undefined;
  return (
    keys.find((k) => k.toLowerCase() === actual) ??
    keys.find((k) => k.endsWith('/*') && actual.startsWith(k.slice(0, -1))) ??
    keys.find((k) => k === '*/*')
  );
}

/** Header/query/path values are strings on the wire; coerce to what a scalar schema expects. */
function coerceScalar(value: string, schema: unknown): unknown {
  const type = (schema as Json).type;
  if ((type === 'integer' || type === 'number') && value.trim() !== '' && !Number.isNaN(Number(value)))
    return Number(value);
  if (type === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
  return value;
}

function matchPath(template: string, actual: string): Record<string, string> | undefined {
  const names: string[] = [];
  const re = new RegExp(
    `^${template
      .replace(/[.*+?^${}()|[\]\\]/g, (c) => (c === '{' || c === '}' ? c : `\\${c}`))
      .replace(/\{([^}]+)\}/g, (_m, n: string) => {
        names.push(n);
        return '([^/]+)';
      })}$`,
  );
  const m = re.exec(actual);
  if (!m) return undefined;
  return Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1] ?? '')]));
}

export function formatIssues(issues: ValidationIssue[]): string {
  return issues.map((i) => `  - ${i.location}: ${i.message}`).join('\n');
}
