import { type CrcCheck, checkCrc } from './crc-check.js';
import { EmvQrParseError, type EmvQrProblem } from './errors.js';
import type { TagContext } from './tag-names.js';
import { childContext } from './tag-names.js';
import { checkValue } from './tag-rules.js';
import { charLength, type DataObject, parseTlv } from './tlv-parse.js';

export interface ParsedPayload {
  payload: string;
  /** Top-level data objects in payload order, templates decoded into `children`. */
  objects: DataObject[];
  crc: CrcCheck;
}

export interface VerifyResult extends ParsedPayload {
  ok: boolean;
  /** Every problem found: structural first, then per-object rules in payload order, missing tags, CRC. */
  problems: EmvQrProblem[];
}

export interface VerifyOptions {
  /**
   * Treat tag 01 (Point of Initiation Method) as mandatory. EMVCo makes it optional; Raast P2M
   * dynamic QR always carries it. Default false.
   */
  requirePointOfInitiation?: boolean;
  /**
   * Payload Format Indicator values to accept (default ["01"], the only EMVCo value). PayNet's
   * DuitNow QR v1.5 writes "02".
   */
  payloadFormatIndicators?: readonly string[];
  /**
   * EMVCo-mandatory root tags (52, 53, 58, 59, 60, "02-51") to treat as optional. Thai PromptPay
   * P2P QRs, for one, omit 52, 59 and 60.
   */
  optionalTags?: readonly string[];
  /** Reject payloads longer than this many characters (off by default). */
  maxChars?: number;
}

/**
 * First position of each root tag. Reused across calls (verify() is synchronous and never
 * re-entered); a slot counts only when its generation is the current call's, so nothing is cleared.
 */
interface RootIndex {
  position: Int32Array;
  generation: Int32Array;
  current: number;
  /** A merchant account information object (02–51) was seen in this call. */
  account: boolean;
}
const ROOT_INDEX: RootIndex = {
  position: new Int32Array(100),
  generation: new Int32Array(100),
  current: 0,
  account: false,
};

function present(index: RootIndex, n: number): boolean {
  return index.generation[n] === index.current;
}

function at(objects: DataObject[], index: RootIndex, n: number): DataObject | undefined {
  return index.generation[n] === index.current ? objects[index.position[n]!] : undefined;
}
const ROOT_MANDATORY: readonly (readonly [number, string, string])[] = [
  [52, '52', 'Merchant Category Code'],
  [53, '53', 'Transaction Currency'],
  [58, '58', 'Country Code'],
  [59, '59', 'Merchant Name'],
  [60, '60', 'Merchant City'],
];
const MANDATORY_NUMBERS = ROOT_MANDATORY.map(([n]) => n);

function checkList(
  objects: DataObject[],
  context: TagContext,
  prefix: string,
  problems: EmvQrProblem[],
  index?: RootIndex,
): void {
  // A 100-bit set of seen tags in four 32-bit words (tags 0–31, 32–63, 64–95, 96–99).
  let seen0 = 0;
  let seen1 = 0;
  let seen2 = 0;
  let seen3 = 0;
  for (let i = 0; i < objects.length; i++) {
    const o = objects[i]!;
    const n = (o.tag.charCodeAt(0) - 48) * 10 + (o.tag.charCodeAt(1) - 48);
    const bit = 1 << (n & 31);
    const word = n >> 5;
    const before = word === 0 ? seen0 : word === 1 ? seen1 : word === 2 ? seen2 : seen3;
    const dup = (before & bit) !== 0;
    if (word === 0) seen0 |= bit;
    else if (word === 1) seen1 |= bit;
    else if (word === 2) seen2 |= bit;
    else seen3 |= bit;
    if (!dup && index !== undefined) {
      index.position[n] = i;
      index.generation[n] = index.current;
      if (n >= 2 && n <= 51) index.account = true;
    }
    if (dup) {
      problems.push({
        code: 'DUPLICATE_TAG',
        offset: o.offset,
        tag: prefix + o.tag,
        message: `tag ${prefix}${o.tag} appears more than once`,
      });
    }
    if (context === 'root' && n === 63) continue; // CRC is checked on its own below
    const violation = checkValue(context, n, o.value, o.length);
    if (violation !== undefined) {
      problems.push({
        code: violation.code,
        offset: o.offset,
        tag: prefix + o.tag,
        rule: violation.rule,
        message: `tag ${prefix}${o.tag} (${o.name}) must be ${violation.rule}; got "${o.value}"`,
      });
    }
    if (o.children !== undefined) {
      const inner = childContext(context, n)!;
      checkList(o.children, inner, `${prefix}${o.tag}.`, problems);
      if (inner !== 'additional-data' && inner !== 'language' && !has(o.children, '00')) {
        missing(problems, o.offset + 4, `${prefix}${o.tag}.00`, 'Globally Unique Identifier');
      }
      if (inner === 'language') {
        if (!has(o.children, '00'))
          missing(problems, o.offset + 4, `${prefix}${o.tag}.00`, 'Language Preference');
        if (!has(o.children, '01')) {
          missing(problems, o.offset + 4, `${prefix}${o.tag}.01`, 'Merchant Name—Alternate Language');
        }
      }
    }
  }
}

function missing(problems: EmvQrProblem[], offset: number, tag: string, name: string): void {
  problems.push({
    code: 'MISSING_MANDATORY_TAG',
    offset,
    tag,
    message: `mandatory tag ${tag} (${name}) is missing`,
  });
}

function has(objects: DataObject[], tag: string): boolean {
  for (let i = 0; i < objects.length; i++) if (objects[i]!.tag === tag) return true;
  return false;
}

/**
 * Checks a payload against the EMVCo MPM rules and its CRC. Never throws (except a TypeError for a
 * non-string); collects every problem it can find. Structural problems stop the decoding of the
 * list they occur in, so later objects in that list are not checked.
 */
export function verify(payload: string, options: VerifyOptions = {}): VerifyResult {
  if (typeof payload !== 'string') throw new TypeError('payload must be a string');
  const { objects, problems, offsetsAreIndices } = parseTlv(payload);
  const totalChars = offsetsAreIndices ? payload.length : charLength(payload);
  // The root list is complete when its objects cover the whole payload (nested problems aside).
  const last = objects[objects.length - 1];
  const complete = last !== undefined && last.offset + 4 + last.length === totalChars;

  const maxChars = options.maxChars;
  if (maxChars !== undefined && totalChars > maxChars) {
    problems.push({
      code: 'PAYLOAD_TOO_LONG',
      offset: maxChars,
      rule: `at most ${maxChars} characters`,
      message: `payload has ${totalChars} characters; at most ${maxChars} are allowed`,
    });
  }

  // Position of the first occurrence of each root tag: one pass instead of a scan per lookup.
  const index = ROOT_INDEX;
  index.current = index.current === 0x7fffffff ? 1 : index.current + 1;
  if (index.current === 1) index.generation.fill(0); // first call, or after 2^31 calls: no stale slots
  index.account = false;
  checkList(objects, 'root', '', problems, index);

  const first = objects[0];
  if (first !== undefined && first.tag !== '00' && present(index, 0)) {
    problems.push({
      code: 'PAYLOAD_FORMAT_INDICATOR_NOT_FIRST',
      offset: first.offset,
      tag: '00',
      message: 'tag 00 (Payload Format Indicator) must be the first data object',
    });
  }

  const accepted = options.payloadFormatIndicators;
  const pfi = at(objects, index, 0);
  if (accepted !== undefined && pfi !== undefined) {
    // Replace the default "01"-only verdict with the caller's list.
    const i = problems.findIndex((p) => p.code === 'INVALID_PAYLOAD_FORMAT_INDICATOR');
    if (i >= 0 && accepted.includes(pfi.value)) problems.splice(i, 1);
    else if (i < 0 && !accepted.includes(pfi.value)) {
      const rule = accepted.map((v) => `"${v}"`).join(' or ');
      problems.push({
        code: 'INVALID_PAYLOAD_FORMAT_INDICATOR',
        offset: pfi.offset,
        tag: '00',
        rule,
        message: `tag 00 (Payload Format Indicator) must be ${rule}; got "${pfi.value}"`,
      });
    }
  }

  // Missing-tag checks only make sense when the whole root list could be read.
  if (complete) {
    const optional = options.optionalTags;
    if (pfi === undefined) missing(problems, 0, '00', 'Payload Format Indicator');
    if (options.requirePointOfInitiation && !present(index, 1)) {
      missing(problems, 0, '01', 'Point of Initiation Method');
    }
    if (!index.account && !optional?.includes('02-51'))
      missing(problems, 0, '02-51', 'Merchant Account Information');
    for (let k = 0; k < MANDATORY_NUMBERS.length; k++) {
      const n = MANDATORY_NUMBERS[k]!;
      if (present(index, n)) continue;
      const [, tag, name] = ROOT_MANDATORY[k]!;
      if (!optional?.includes(tag)) missing(problems, 0, tag, name);
    }
    const tip = at(objects, index, 55)?.value;
    conditional(
      problems,
      at(objects, index, 56),
      '56',
      tip === '02',
      'Value of Convenience Fee Fixed',
      '"02"',
    );
    conditional(
      problems,
      at(objects, index, 57),
      '57',
      tip === '03',
      'Value of Convenience Fee Percentage',
      '"03"',
    );
  }

  const crc = checkCrc(
    payload,
    objects,
    present(index, 63) ? index.position[63]! : -1,
    complete,
    offsetsAreIndices,
    totalChars,
    problems,
  );
  return { payload, objects, crc, ok: problems.length === 0, problems };
}

function conditional(
  problems: EmvQrProblem[],
  present: DataObject | undefined,
  tag: string,
  required: boolean,
  name: string,
  indicator: string,
): void {
  if (required && present === undefined) {
    missing(problems, 0, tag, `${name}, required when tag 55 is ${indicator}`);
  } else if (!required && present !== undefined) {
    problems.push({
      code: 'UNEXPECTED_TAG',
      offset: present.offset,
      tag,
      rule: `only with tag 55 = ${indicator}`,
      message: `tag ${tag} (${name}) is only allowed when tag 55 is ${indicator}`,
    });
  }
}

/**
 * Parses and verifies a payload, throwing an `EmvQrParseError` for the first problem (all problems
 * are on `error.problems`). Use `verify()` to get every problem without an exception.
 */
export function parse(payload: string, options: VerifyOptions = {}): ParsedPayload {
  const result = verify(payload, options);
  if (!result.ok) throw new EmvQrParseError(result.problems[0]!, result.problems);
  // The verify result is a ParsedPayload (plus ok/problems); no copy on the hot path.
  return result;
}
