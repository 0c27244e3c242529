/**
 * @onelink-kit/emvqr — EMVCo merchant-presented QR (Raast P2M): parse, verify, build, Raast view,
 * render, and find a payload in an answer of unknown shape (text or QR image). Pure except the render
 * functions, which only produce output buffers/strings, and the image reader, which loads its
 * WebAssembly from the package on first use.
 */
export { build, type DataObjectInput, encodeTlv } from './build.js';
export {
  type CheckAgainstRequestOptions,
  checkAgainstRequest,
  type RequestMismatch,
} from './check-against-request.js';
export type { CrcCheck } from './crc-check.js';
export { appendCrc, crc16, crc16Bytes, crcHex } from './crc16.js';
export {
  EMVQR_ERROR_CODES,
  EmvQrBuildError,
  EmvQrError,
  type EmvQrErrorCode,
  EmvQrParseError,
  type EmvQrProblem,
} from './errors.js';
export {
  type AdditionalDataFields,
  type EmvQrFields,
  fieldsToObjects,
  type LanguageFields,
  toFields,
  toObjectInputs,
} from './fields.js';
export { type JsonString, type JsonWalkLimits, jsonStrings } from './locate/json-strings.js';
export {
  isEmvQrPayload,
  type LocatedQr,
  type LocateQrOptions,
  locateQr,
  locateQrText,
  type QrSource,
} from './locate/locate-qr.js';
export { readQrImage } from './locate/qr-image.js';
export {
  type Amount,
  type MerchantAccount,
  parseAmount,
  type RaastP2MView,
  type Template,
  toRaastP2M,
} from './raast-p2m.js';
export {
  cutChars,
  type FieldsFromRequestOptions,
  fieldsFromRequest,
  type MerchantRegistryEntry,
  type OneLinkQrRequestLike,
  RAAST_P2M_GUI,
} from './raast-request.js';
export { type RenderOptions, renderPng, renderSvg, renderTerminal } from './render.js';
export { childContext, type TagContext, tagName } from './tag-names.js';
export { charLength, type DataObject, parseTlv, type TlvParseResult } from './tlv-parse.js';
export {
  type ParsedPayload,
  parse,
  type VerifyOptions,
  type VerifyResult,
  verify,
} from './verify.js';
