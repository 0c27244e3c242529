import { verify } from '../verify.js';
import { childPath, type JsonWalkLimits, jsonStrings } from './json-strings.js';
import { imageOfString, readQrImage } from './qr-image.js';

/** Where a QR payload was found: the spec's own field, another text field, or a QR image. */
export type QrSource = 'field' | 'string' | 'image';

export interface LocatedQr {
  /** The EMVCo merchant-presented payload (tag 00 first, tag 63 CRC last). */
  payload: string;
  source: QrSource;
  /** JSONPath of the field it came from, e.g. `$.qrString`, `$.data.qrCode`. */
  path: string;
}

export interface LocateQrOptions extends JsonWalkLimits {
  /** The field the spec says carries the payload (e.g. `qrString`); looked at first. */
  field?: string | undefined;
  /** Longest string decoded as an image, in characters of base64. Default 4 MiB of text. */
  maxImageChars?: number;
}

/** An EMVCo MPM payload: starts with tag 00 = "01" and carries a valid CRC in tag 63. */
export function isEmvQrPayload(text: string): boolean {
  if (!text.startsWith('000201') || text.length > 1_024) return false;
  try {
    return verify(text).crc.status === 'valid';
  } catch {
    return false;
  }
}

/**
 * The QR payload in an answer whose shape is not known for sure: the spec's field when it holds text,
 * else the first string field (breadth first) that is an EMVCo payload with a valid CRC. Synchronous;
 * `locateQr` also reads images.
 */
export function locateQrText(answer: unknown, options: LocateQrOptions = {}): LocatedQr | undefined {
  return locateIn(answer, options, jsonStrings(answer, options));
}

/**
 * As `locateQrText`, then, when no text holds a payload, the first field holding a base64 or data: URI
 * PNG/JPEG image of a QR code whose text is an EMVCo payload with a valid CRC.
 */
export async function locateQr(
  answer: unknown,
  options: LocateQrOptions = {},
): Promise<LocatedQr | undefined> {
  const strings = jsonStrings(answer, options);
  const text = locateIn(answer, options, strings);
  if (text) return text;
  const maxChars = options.maxImageChars ?? 4 * 1024 * 1024;
  for (const { path, value } of strings) {
    const image = imageOfString(value, maxChars);
    if (!image) continue;
    let texts: string[];
    try {
      texts = await readQrImage(image.bytes);
    } catch {
      continue;
    }
    const payload = texts.find(isEmvQrPayload);
    if (payload !== undefined) return { payload, source: 'image', path };
  }
  return undefined;
}

function locateIn(
  answer: unknown,
  options: LocateQrOptions,
  strings: { path: string; value: string }[],
): LocatedQr | undefined {
  const { field } = options;
  if (field !== undefined && answer !== null && typeof answer === 'object' && !Array.isArray(answer)) {
    const value = (answer as Record<string, unknown>)[field];
    if (typeof value === 'string' && value.length > 0) {
      return { payload: value, source: 'field', path: childPath('$', field) };
    }
  }
  const found = strings.find((s) => isEmvQrPayload(s.value));
  return found ? { payload: found.value, source: 'string', path: found.path } : undefined;
}
