import type { ValidationIssue } from '@onelink-kit/core';
import type { FixtureBook, SimAnswer } from './fixture-book.js';
import type { Preference } from './prefer.js';
import type { SimConfig } from './sim-config.js';
import type { SimState } from './sim-state.js';
import type { SimOperation, SimSpec } from './spec-source.js';

/** One request as the behaviours see it: read, routed and parsed. */
export interface SimRequest {
  spec: SimSpec;
  op: SimOperation;
  method: string;
  /** Path and query exactly as sent (what a SNAP signature covers). */
  target: string;
  query: URLSearchParams;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  rawBody: string;
  /** JSON body, or the fields of a form body; undefined when there is none. */
  body: unknown;
  prefer: Preference;
  now: number;
}

/** An answer and, for the journal, why it was chosen. */
export interface Decision {
  answer: SimAnswer;
  note?: string;
}

/** Why a request never reached its behaviour. */
export type RejectReason = 'schema' | 'json' | 'content-type' | 'too-large';

/** What every behaviour may use: configuration, state, the fixtures and the clock. */
export interface SimContext {
  config: SimConfig;
  state: SimState;
  book: FixtureBook;
  now(): number;
}

/**
 * How one API behaves. `unauthenticated` answers a request without the credentials its security
 * requirement names, `invalid` one the spec refuses (every issue names the field), `handle` the rest.
 */
export interface ApiBehaviour {
  unauthenticated(req: SimRequest, ctx: SimContext): Decision;
  invalid(req: SimRequest, issues: ValidationIssue[], reason: RejectReason, ctx: SimContext): Decision;
  handle(req: SimRequest, ctx: SimContext): Decision;
}

/**
 * A refused request's decision: the answer with the `sl-violations` header naming the refused fields,
 * and the issues in a sentence for the journal. `place` is where the fields were sent (body, query).
 */
export function refusal(answer: SimAnswer, issues: readonly ValidationIssue[], place = 'body'): Decision {
  return {
    answer: { ...answer, headers: { ...answer.headers, ...violationsHeader(issues, place) } },
    note: describeIssues(issues),
  };
}

/** Prism's `sl-violations` header: the refused fields as a JSON list, so the same tooling reads both. */
function violationsHeader(issues: readonly ValidationIssue[], place = 'body'): Record<string, string> {
  const list = issues.slice(0, 20).map((i) => ({
    location:
      i.rule === 'media-type'
        ? ['request', 'header', i.field]
        : ['request', place, ...(i.field === '(body)' ? [] : i.field.split('.'))],
    severity: 'Error',
    code: i.rule,
    message: `${i.field} ${i.message}`,
  }));
  return { 'sl-violations': asciiJson(list) };
}

/**
 * JSON in ASCII only: each character past `~` as its `\uXXXX` escape. A refused field is named as the
 * request spelled it, and a header value with DEL or a character past U+00FF is refused by node's HTTP
 * (the simulator then never answered); the escaped text parses back to the same names.
 */
function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** The issues in a sentence for the journal: "info.rrn: must match pattern …; …". */
export function describeIssues(issues: readonly ValidationIssue[]): string {
  return issues.map((i) => `${i.field}: ${i.message}`).join('; ');
}
