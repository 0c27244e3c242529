import type { EmvQrProblem } from './errors.js';
import { childContext, type TagContext, tagNames } from './tag-names.js';

/**
 * One data object as read from a payload. Lengths and offsets count characters (Unicode code
 * points), as EMVCo defines them; a JS string index would count UTF-16 units instead, which differs
 * only for characters outside the BMP (emoji, rare CJK), but we never want to guess.
 */
/** A data object to write: a primitive `value`, or a template given as its `children`. */
export type DataObjectInput =
  | { readonly tag: string; readonly value: string; readonly children?: undefined }
  | { readonly tag: string; readonly children: readonly DataObjectInput[]; readonly value?: undefined };

export interface DataObject {
  /** Two-digit tag, "00".."99". */
  tag: string;
  /** Standard EMVCo name of the tag in its context (e.g. "Merchant City", "Reference Label"). */
  name: string;
  /** Length in characters, as written in the payload. */
  length: number;
  /** The raw value (for templates: the encoded children). */
  value: string;
  /** Character offset of the tag's first digit from the start of the payload. */
  offset: number;
  /** Decoded children for templates (root 26–51, 62, 64, 80–99; 62's 50–99). */
  children?: DataObject[];
}

export interface TlvParseResult {
  objects: DataObject[];
  /** Structural problems only (TRUNCATED, TAG_NOT_NUMERIC, LENGTH_NOT_NUMERIC, LENGTH_OVERRUN). */
  problems: EmvQrProblem[];
  /** False when the payload contains UTF-16 surrogate pairs, i.e. offsets ≠ string indices. */
  offsetsAreIndices: boolean;
}

const TAGS: readonly string[] = Array.from({ length: 100 }, (_, i) => (i < 10 ? `0${i}` : `${i}`));

function isPairAt(s: string, i: number, end: number): boolean {
  const c = s.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff || i + 1 >= end) return false;
  const d = s.charCodeAt(i + 1);
  return d >= 0xdc00 && d <= 0xdfff;
}

function hasSurrogates(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) return true;
  }
  return false;
}

/**
 * Reads a tag-length-value list between UTF-16 indices [start, end), whose first character is at
 * code-point offset `cpStart`. Stops at the first structural problem in this list (nothing after it
 * can be located), but nested template problems do not stop the enclosing list.
 */
function readList(
  s: string,
  start: number,
  end: number,
  cpStart: number,
  context: TagContext,
  prefix: string,
  problems: EmvQrProblem[],
  wide: boolean,
): DataObject[] {
  const out: DataObject[] = [];
  const names = tagNames(context);
  let u = start;
  let cp = cpStart;
  while (u < end) {
    const remaining = end - u;
    if (remaining < 2) {
      problems.push({
        code: 'TRUNCATED',
        offset: cp,
        message: `${remaining} character(s) left where a 2-digit tag and 2-digit length were expected`,
      });
      break;
    }
    const t0 = s.charCodeAt(u) - 48;
    const t1 = s.charCodeAt(u + 1) - 48;
    if (t0 >>> 0 > 9 || t1 >>> 0 > 9) {
      problems.push({
        code: 'TAG_NOT_NUMERIC',
        offset: cp,
        rule: '2 digits',
        message: `tag "${s.slice(u, u + 2)}" is not two digits`,
      });
      break;
    }
    const tagNum = t0 * 10 + t1;
    const tag = TAGS[tagNum]!;
    if (remaining < 4) {
      problems.push({
        code: 'TRUNCATED',
        offset: cp,
        tag: prefix + tag,
        message: `tag ${prefix}${tag} has no 2-digit length`,
      });
      break;
    }
    const l0 = s.charCodeAt(u + 2) - 48;
    const l1 = s.charCodeAt(u + 3) - 48;
    if (l0 >>> 0 > 9 || l1 >>> 0 > 9) {
      problems.push({
        code: 'LENGTH_NOT_NUMERIC',
        offset: cp + 2,
        tag: prefix + tag,
        rule: '2 digits',
        message: `length "${s.slice(u + 2, u + 4)}" of tag ${prefix}${tag} is not two digits`,
      });
      break;
    }
    const length = l0 * 10 + l1;
    const vStart = u + 4;
    let vEnd = vStart + length;
    if (wide) {
      // Walk code points: a surrogate pair is one character but two UTF-16 units.
      vEnd = vStart;
      let k = 0;
      while (k < length && vEnd < end) {
        vEnd += isPairAt(s, vEnd, end) ? 2 : 1;
        k++;
      }
      if (k < length) vEnd = end + 1;
    }
    if (vEnd > end) {
      problems.push({
        code: 'LENGTH_OVERRUN',
        offset: cp + 2,
        tag: prefix + tag,
        message: `tag ${prefix}${tag} declares ${length} characters but the ${prefix ? 'template' : 'payload'} ends first`,
      });
      break;
    }
    const value = s.slice(vStart, vEnd);
    const obj: DataObject = { tag, name: names[tagNum]!, length, value, offset: cp };
    const inner = childContext(context, tagNum);
    if (inner !== undefined) {
      obj.children = readList(s, vStart, vEnd, cp + 4, inner, `${prefix}${tag}.`, problems, wide);
    }
    out.push(obj);
    u = vEnd;
    cp += 4 + length;
  }
  return out;
}

/**
 * Splits a payload into data objects (recursively for templates) without applying any EMVCo value
 * rules or the CRC. Never throws; structural problems are returned.
 */
export function parseTlv(payload: string): TlvParseResult {
  const problems: EmvQrProblem[] = [];
  const wide = hasSurrogates(payload);
  if (payload.length === 0) {
    problems.push({ code: 'TRUNCATED', offset: 0, message: 'payload is empty' });
    return { objects: [], problems, offsetsAreIndices: true };
  }
  const objects = readList(payload, 0, payload.length, 0, 'root', '', problems, wide);
  return { objects, problems, offsetsAreIndices: !wide };
}

/** Number of characters (code points) in `s`. */
export function charLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i += isPairAt(s, i, s.length) ? 2 : 1) n++;
  return n;
}

/** UTF-16 index of the character at code-point offset `cp`. */
export function indexOfCharOffset(s: string, cp: number): number {
  let u = 0;
  for (let k = 0; k < cp && u < s.length; k++) u += isPairAt(s, u, s.length) ? 2 : 1;
  return u;
}
