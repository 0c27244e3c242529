// The catalogue of breaking-change rules: every change the spec diff reports carries one of these ids, and
// its severity comes from here, never from the code that spotted it. The report, `onelink-codegen rules`
// and the table in packages/codegen/README.md are made from this list.
//
// Direction matters: a request schema breaks callers when the server accepts less than before; a response
// schema breaks callers when they may receive something their generated types did not allow.

export type Severity = 'breaking' | 'non-breaking';
export type Direction = 'request' | 'response';

export interface Rule {
  /** Stable id shown in reports, e.g. `request-field-required-added`. */
  id: string;
  severity: Severity;
  /** One line: what changed and why it does or does not break a caller. */
  description: string;
}

/** Keywords that bound a value; adding one or making it stricter is "tightened". */
export const LIMIT_KEYWORDS = [
  'maxLength',
  'maximum',
  'exclusiveMaximum',
  'maxItems',
  'maxProperties',
  'minLength',
  'minimum',
  'exclusiveMinimum',
  'minItems',
  'minProperties',
  'pattern',
  'format',
  'enum',
] as const;
export type LimitKeyword = (typeof LIMIT_KEYWORDS)[number];

const B = 'breaking';
const N = 'non-breaking';

/** One rule for requests and one for responses, each with its own severity. */
function both(suffix: string, request: Severity, response: Severity, description: string): Rule[] {
  return [
    { id: `request-${suffix}`, severity: request, description: `request: ${description}` },
    { id: `response-${suffix}`, severity: response, description: `response: ${description}` },
  ];
}

function limitRules(keyword: LimitKeyword): Rule[] {
  return [
    ...both(
      `${keyword}-tightened`,
      B,
      N,
      `${keyword} added or made stricter (breaks requests: values the server accepted are refused)`,
    ),
    ...both(
      `${keyword}-loosened`,
      N,
      B,
      `${keyword} removed or relaxed (breaks responses: values callers never expected may arrive)`,
    ),
  ];
}

export const RULES: readonly Rule[] = [
  { id: 'spec-added', severity: N, description: 'a new spec file' },
  { id: 'spec-removed', severity: B, description: 'a spec file removed: every operation in it is gone' },
  { id: 'operation-added', severity: N, description: 'a new operation (method and path)' },
  { id: 'operation-removed', severity: B, description: 'an operation removed' },
  {
    id: 'operation-moved',
    severity: B,
    description: 'an operation kept its operationId but changed method or path',
  },
  {
    id: 'operation-id-renamed',
    severity: B,
    description: 'operationId renamed: the generated client method is renamed',
  },
  { id: 'request-parameter-removed', severity: B, description: 'a parameter removed (or renamed)' },
  { id: 'request-parameter-added', severity: N, description: 'a new optional parameter' },
  { id: 'request-parameter-required-added', severity: B, description: 'a new required parameter' },
  {
    id: 'request-parameter-became-required',
    severity: B,
    description: 'an optional parameter became required',
  },
  {
    id: 'request-parameter-became-optional',
    severity: N,
    description: 'a required parameter became optional',
  },
  { id: 'request-body-added', severity: N, description: 'an optional request body added' },
  { id: 'request-body-required-added', severity: B, description: 'a required request body added' },
  { id: 'request-body-removed', severity: B, description: 'the request body removed' },
  {
    id: 'request-body-became-required',
    severity: B,
    description: 'an optional request body became required',
  },
  ...both('media-type-added', N, N, 'a media type added'),
  ...both('media-type-removed', B, B, 'a media type removed'),
  { id: 'response-code-added', severity: N, description: 'a new HTTP response status' },
  { id: 'response-code-removed', severity: B, description: 'an HTTP response status removed' },
  ...both('field-added', N, N, 'an optional field added (a new required response field is also harmless)'),
  { id: 'request-field-required-added', severity: B, description: 'request: a new required field' },
  ...both('field-removed', B, B, 'a field removed'),
  ...both('field-became-required', B, N, 'a field became required'),
  ...both('field-became-optional', N, B, 'a field became optional (responses: it may now be absent)'),
  {
    id: 'request-additional-properties-closed',
    severity: B,
    description: 'request: additionalProperties became false, so unknown fields are refused',
  },
  ...both('type-changed', B, B, 'type changed so some values of the old type no longer fit'),
  ...both('type-widened', N, N, 'type widened: every old value still fits (responses: and no new one)'),
  ...LIMIT_KEYWORDS.flatMap(limitRules),
  ...both('pattern-changed', B, B, 'pattern changed: cannot be proven looser, so treated as breaking'),
  ...both('format-changed', B, B, 'format changed: cannot be proven looser, so treated as breaking'),
  ...both('enum-value-removed', B, N, 'an enum value removed'),
  ...both('enum-value-added', N, B, 'an enum value added (responses: a switch over it has no branch)'),
  ...both('oneOf-narrowed', B, N, 'oneOf lists fewer alternatives'),
  ...both('oneOf-widened', N, B, 'oneOf lists more alternatives'),
  ...both('anyOf-narrowed', B, N, 'anyOf lists fewer alternatives'),
  ...both('anyOf-widened', N, B, 'anyOf lists more alternatives'),
  {
    id: 'response-code-table-entry-added',
    severity: N,
    description: 'x-onelink-response-codes: a new 1LINK response code',
  },
  {
    id: 'response-code-table-entry-removed',
    severity: B,
    description: 'x-onelink-response-codes: a 1LINK response code removed',
  },
  {
    id: 'response-code-table-entry-changed',
    severity: B,
    description:
      'x-onelink-response-codes: kind, retryable or httpStatus changed (clients classify errors by it)',
  },
];

const BY_ID = new Map(RULES.map((rule) => [rule.id, rule]));

/** The catalogue entry for an id; an id missing from the catalogue is a bug in the differ, so it throws. */
export function rule(id: string): Rule {
  const found = BY_ID.get(id);
  if (!found) throw new Error(`spec diff rule ${id} is not in the rules catalogue (diff/rules.ts)`);
  return found;
}

/** The catalogue as a Markdown table, for README and `onelink-codegen rules`. */
export function renderRulesTable(): string {
  const rows = RULES.map((r) => `| \`${r.id}\` | ${r.severity} | ${r.description} |`);
  return ['| Rule | Severity | What changed |', '| --- | --- | --- |', ...rows].join('\n');
}
