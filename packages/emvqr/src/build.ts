import { appendCrc } from './crc16.js';
import { EmvQrBuildError, inputShapeError } from './errors.js';
import { type EmvQrFields, fieldsToObjects } from './fields.js';
import { charLength, type DataObjectInput } from './tlv-parse.js';
import { type VerifyOptions, verify } from './verify.js';

export type { DataObjectInput } from './tlv-parse.js';

const TAG = /^\d{2}$/;

function encodeList(objects: readonly DataObjectInput[], prefix: string, out: string[]): void {
  const where = prefix === '' ? 'data object list' : `${prefix.slice(0, -1)} children`;
  if (!Array.isArray(objects)) throw inputShapeError(where, 'an array of data objects');
  for (const o of objects) {
    if (o === null || typeof o !== 'object') {
      throw inputShapeError(where, 'a list of { tag, value } or { tag, children } objects');
    }
    if (typeof o.tag !== 'string' || !TAG.test(o.tag)) {
      throw new EmvQrBuildError({
        code: 'INVALID_TAG',
        offset: 0,
        tag: prefix + String(o.tag),
        rule: '2 digits',
        message: `tag "${prefix}${String(o.tag)}" is not two digits`,
      });
    }
    let value: string;
    if (o.children !== undefined) {
      const inner: string[] = [];
      encodeList(o.children, `${prefix}${o.tag}.`, inner);
      value = inner.join('');
    } else if (typeof o.value === 'string') {
      value = o.value;
    } else {
      // Reachable from untyped (JSON) input only.
      const tag = (o as { tag: string }).tag;
      throw new EmvQrBuildError({
        code: 'INVALID_VALUE',
        offset: 0,
        tag: prefix + tag,
        rule: 'a string value or children',
        message: `tag ${prefix}${tag} needs a string value or children`,
      });
    }
    const length = charLength(value);
    if (length > 99) {
      throw new EmvQrBuildError({
        code: 'VALUE_TOO_LONG',
        offset: 0,
        tag: prefix + o.tag,
        rule: 'at most 99 characters',
        message: `tag ${prefix}${o.tag} is ${length} characters; a 2-digit length allows at most 99`,
      });
    }
    out.push(o.tag, length < 10 ? `0${length}` : `${length}`, value);
  }
}

/**
 * Writes data objects as TLV text, in the given order, without any EMVCo rule checks and without a
 * CRC. For deliberately broken fixtures; everything else should use `build()`.
 */
export function encodeTlv(objects: readonly DataObjectInput[]): string {
  const out: string[] = [];
  encodeList(objects, '', out);
  return out.join('');
}

/**
 * Builds a payload with a correct CRC (tag 63, appended last) from a typed object or an ordered
 * list of data objects. Throws `EmvQrBuildError` (with `tag` and `rule`) when the result would
 * break an EMVCo format/length rule or lack a mandatory tag; lists must not contain tag 63.
 */
export function build(input: EmvQrFields | readonly DataObjectInput[], options: VerifyOptions = {}): string {
  if (input === null || typeof input !== 'object') {
    throw inputShapeError('input', 'an object of fields or an array of data objects');
  }
  const objects = Array.isArray(input)
    ? (input as readonly DataObjectInput[])
    : fieldsToObjects(input as EmvQrFields);
  for (const o of objects) {
    if (o?.tag === '63') {
      throw new EmvQrBuildError({
        code: 'INVALID_TAG',
        offset: 0,
        tag: '63',
        rule: 'computed by build()',
        message: 'tag 63 (CRC) is computed by build(); leave it out',
      });
    }
  }
  const payload = appendCrc(encodeTlv(objects));
  // One set of rules: the verifier's. Offsets in the error refer to the payload that would be built.
  const result = verify(payload, options);
  if (!result.ok) throw new EmvQrBuildError(result.problems[0]!, result.problems);
  return payload;
}
