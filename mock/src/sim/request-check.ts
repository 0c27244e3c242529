import { RequestValidator, type ValidationIssue } from '@onelink-kit/core';
import type { RejectReason } from './sim-request.js';
import { resolve, type SimOperation, type SimSpec } from './spec-source.js';

type Json = Record<string, unknown>;

/** The result of reading a request against its operation: the parsed body, or why it is refused. */
export type CheckResult =
  | { ok: true; body: unknown }
  | { ok: false; reason: RejectReason; issues: ValidationIssue[] }
  | { ok: false; reason: 'unauthenticated'; issues: ValidationIssue[] };

/**
 * Checks requests as Prism does, in Prism's order: credentials present (values are the behaviours'
 * business), then the content type, the body's syntax, and the parameters and body against the spec's
 * schemas with @onelink-kit/core's RequestValidator (the one the clients validate with).
 */
export class RequestChecker {
  readonly #validator: RequestValidator;

  constructor(private readonly spec: SimSpec) {
    this.#validator = new RequestValidator(spec.document, `onelink-sim:${spec.name}`);
  }

  check(op: SimOperation, headers: Record<string, string>, query: URLSearchParams, raw: string): CheckResult {
    const missing = this.#missingCredentials(op, headers);
    if (missing.length > 0) return { ok: false, reason: 'unauthenticated', issues: missing };

    let body: unknown;
    const mediaType = headers['content-type']?.split(';')[0]?.trim().toLowerCase();
    if (op.requestMediaTypes.length > 0 && (raw !== '' || op.requestBodyRequired)) {
      const accepted = op.requestMediaTypes.find((m) => m.toLowerCase() === mediaType);
      if (!accepted) {
        const field = 'content-type';
        const message = `must be ${op.requestMediaTypes.join(' or ')} (got ${mediaType ?? 'none'})`;
        return { ok: false, reason: 'content-type', issues: [{ field, rule: 'media-type', message }] };
      }
      if (/json/.test(accepted)) {
        try {
          body = JSON.parse(raw);
        } catch (error) {
          const message = `is not valid JSON (${(error as Error).message})`;
          return { ok: false, reason: 'json', issues: [{ field: '(body)', rule: 'json', message }] };
        }
      } else if (accepted === 'application/x-www-form-urlencoded') {
        body = Object.fromEntries(new URLSearchParams(raw));
      } else {
        body = raw;
      }
    }

    const issues: ValidationIssue[] = this.#validator.validateParameters(op.operationId, {
      query: Object.fromEntries(query),
      header: headers,
    });
    if (body !== undefined && this.#validator.operationIds.includes(op.operationId)) {
      issues.push(...this.#validator.validate(op.operationId, body));
    }
    return issues.length > 0 ? { ok: false, reason: 'schema', issues } : { ok: true, body };
  }

  /** Headers a security requirement needs and the request lacks; empty when any requirement is met. */
  #missingCredentials(op: SimOperation, headers: Record<string, string>): ValidationIssue[] {
    const requirements = (op.operation.security ?? this.spec.document.security ?? []) as Json[];
    if (requirements.length === 0) return [];
    const components = (this.spec.document.components ?? {}) as Json;
    const schemes = (components.securitySchemes ?? {}) as Record<string, Json>;
    let first: ValidationIssue[] | undefined;
    for (const requirement of requirements) {
      const missing: ValidationIssue[] = [];
      for (const name of Object.keys(requirement)) {
        const scheme = resolve(this.spec.document, schemes[name]) as Json | undefined;
        if (scheme?.type === 'apiKey' && scheme.in === 'header') {
          const header = String(scheme.name);
          if (!headers[header.toLowerCase()]) {
            missing.push({ field: header, rule: 'required', message: 'is required' });
          }
        } else if (scheme?.type === 'http' || scheme?.type === 'oauth2') {
          const want = scheme.type === 'http' ? String(scheme.scheme).toLowerCase() : 'bearer';
          const auth = headers.authorization ?? '';
          if (!auth.toLowerCase().startsWith(`${want} `) || auth.slice(want.length + 1).trim() === '') {
            missing.push({ field: 'Authorization', rule: want, message: `must be "${want} <token>"` });
          }
        }
      }
      if (missing.length === 0) return [];
      first ??= missing;
    }
    return first ?? [];
  }
}
