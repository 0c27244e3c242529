/** One problem found in a request before it was sent: which field, which rule, in words. */
export interface ValidationIssue {
  /** Dotted path into the request body, e.g. `paymentDetails.expiryDateTime`. */
  field: string;
  /** The rule that failed: a JSON Schema keyword (`maxLength`, `pattern`, `required`) or an expiry rule. */
  rule: string;
  message: string;
}

// Only these property names are ever serialised; anything else an error carries (causes, raw bodies)
// stays out of JSON so a secret that slipped into a cause cannot leak through JSON.stringify(error).
export type JsonSafe = Record<string, string | number | boolean | null | undefined | ValidationIssue[]>;

/** Base class of every error this package throws. `code` is stable; `message` is for humans. */
export class OneLinkError extends Error {
  readonly code: string = 'ONELINK_ERROR';

  constructor(message: string, options?: { cause?: unknown }) {
    // A cause given as undefined is left off: the error then has no `cause` property at all.
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
  }

  protected jsonFields(): JsonSafe {
    return {};
  }

  toJSON(): JsonSafe {
    return { name: this.name, code: this.code, message: this.message, ...this.jsonFields() };
  }
}

/** The request broke a schema or expiry rule; raised locally, before any network call. */
export class OneLinkValidationError extends OneLinkError {
  override readonly code = 'ONELINK_VALIDATION';
  readonly field: string;
  readonly rule: string;
  readonly issues: ValidationIssue[];

  constructor(issues: ValidationIssue[]) {
    const first = issues[0] ?? { field: '(body)', rule: 'unknown', message: 'invalid request' };
    const more = issues.length > 1 ? ` (+${issues.length - 1} more)` : '';
    super(`${first.field}: ${first.message} [${first.rule}]${more}`);
    this.field = first.field;
    this.rule = first.rule;
    this.issues = issues.length > 0 ? issues : [first];
  }

  protected override jsonFields(): JsonSafe {
    return { field: this.field, rule: this.rule, issues: this.issues };
  }
}
