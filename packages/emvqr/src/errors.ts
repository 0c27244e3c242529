/**
 * Typed errors and problems. Every problem carries a stable `code` (safe to switch on; never renamed)
 * and the character offset (Unicode code points from the start of the payload) where it was found.
 */
export const EMVQR_ERROR_CODES = [
  'TRUNCATED',
  'TAG_NOT_NUMERIC',
  'LENGTH_NOT_NUMERIC',
  'LENGTH_OVERRUN',
  'CRC_MISSING',
  'CRC_NOT_LAST',
  'CRC_MALFORMED',
  'CRC_MISMATCH',
  'MISSING_MANDATORY_TAG',
  'DUPLICATE_TAG',
  'PAYLOAD_FORMAT_INDICATOR_NOT_FIRST',
  'INVALID_PAYLOAD_FORMAT_INDICATOR',
  'INVALID_POINT_OF_INITIATION',
  'INVALID_VALUE',
  'UNEXPECTED_TAG',
  'PAYLOAD_TOO_LONG',
  'INVALID_TAG',
  'VALUE_TOO_LONG',
] as const;

export type EmvQrErrorCode = (typeof EMVQR_ERROR_CODES)[number];

export interface EmvQrProblem {
  code: EmvQrErrorCode;
  /** Offset in characters (code points) from the start of the payload. */
  offset: number;
  /** Tag path the problem concerns, e.g. "54" or "62.05"; absent for purely structural problems. */
  tag?: string;
  /** The rule that was broken, in words (e.g. "4 digits"). */
  rule?: string;
  message: string;
}

export class EmvQrError extends Error {
  readonly code: EmvQrErrorCode;
  readonly offset: number;
  readonly tag: string | undefined;
  readonly rule: string | undefined;
  /** Every problem found, the first of which this error reports. */
  readonly problems: readonly EmvQrProblem[];

  constructor(first: EmvQrProblem, problems: readonly EmvQrProblem[] = [first]) {
    super(`${first.code} at offset ${first.offset}: ${first.message}`);
    this.name = new.target.name;
    this.code = first.code;
    this.offset = first.offset;
    this.tag = first.tag;
    this.rule = first.rule;
    this.problems = problems;
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      offset: this.offset,
      tag: this.tag,
      rule: this.rule,
      message: this.message,
      problems: this.problems,
    };
  }
}

/** Thrown by `parse()` for a payload that fails verification. */
export class EmvQrParseError extends EmvQrError {}

/** Thrown by `build()` for input that would not make a valid payload; `tag` names the offending tag. */
export class EmvQrBuildError extends EmvQrError {}

/**
 * `build()` input of the wrong shape, as untyped (JSON) input can be: names where (`where`, in the
 * `tag` slot) and what was expected, instead of failing with a TypeError.
 */
export function inputShapeError(where: string, rule: string): EmvQrBuildError {
  return new EmvQrBuildError({
    code: 'INVALID_VALUE',
    offset: 0,
    tag: where,
    rule,
    message: `${where} must be ${rule}`,
  });
}
