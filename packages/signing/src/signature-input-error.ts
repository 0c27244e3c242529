/**
 * An input a request signature cannot be made from: the field and the rule it breaks (never its value,
 * which may be a secret). Each signature throws its own subclass, and the error is named after it.
 */
export class SignatureInputError extends Error {
  constructor(
    readonly field: string,
    readonly rule: string,
  ) {
    super(`${field}: ${rule}`);
    this.name = new.target.name;
  }
}
