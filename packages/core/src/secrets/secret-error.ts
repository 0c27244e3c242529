import type { JsonSafe } from '../errors/one-link-error.js';
import { OneLinkAuthError } from '../errors/upstream-errors.js';

/**
 * A secret could not be read: not set, set twice (`NAME` and `NAME_FILE`), or its file is missing or
 * empty. Names the variable and the rule (a gateway turns them into its configuration error); never
 * carries the secret. An auth error, so a client that cannot read its secret fails like a refused one.
 */
export class SecretUnavailableError extends OneLinkAuthError {
  /** `NAME` or `NAME_FILE`; undefined for a file given without a variable (`fromFile`). */
  readonly variable: string | undefined;
  /** The broken rule in words, without the variable, e.g. `set either S or S_FILE, not both`. */
  readonly rule: string;

  constructor(message: string, details: { variable?: string | undefined; rule: string }) {
    super(message, { reason: 'secret-unavailable' });
    this.variable = details.variable;
    this.rule = details.rule;
  }

  protected override jsonFields(): JsonSafe {
    return { ...super.jsonFields(), variable: this.variable, rule: this.rule };
  }
}
