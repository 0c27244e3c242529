import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

// QR images are read with zxing-wasm (ZXing-C++ compiled to WebAssembly): maintained, runs on Node 20,
// and decodes PNG and JPEG bytes itself. It is loaded on first use only, since most answers carry
// the payload as text. Its default is to fetch the .wasm from a CDN; the package's own copy is
// handed to it instead, so reading an image never touches the network.

type ZxingReader = typeof import('zxing-wasm/reader');

let reader: Promise<ZxingReader> | undefined;

function loadReader(): Promise<ZxingReader> {
  reader ??= import('zxing-wasm/reader').then((zxing) => {
    const file = createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm');
    const bytes = readFileSync(file);
    const wasmBinary = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    zxing.prepareZXingModule({ overrides: { wasmBinary }, fireImmediately: false });
    return zxing;
  });
  return reader;
}

export type ImageKind = 'png' | 'jpeg';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG_SIGNATURE = [0xff, 0xd8, 0xff];
const DATA_URI = /^data:image\/(png|jpe?g);base64,/i;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
// The smallest PNG or JPEG that could hold a readable QR is far larger than this.
const MIN_IMAGE_CHARS = 64;

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return signature.every((b, i) => bytes[i] === b);
}

/**
 * The PNG or JPEG a string holds as base64 (bare or as a data: URI), or undefined. Strings longer
 * than `maxChars` are not decoded at all.
 */
export function imageOfString(
  text: string,
  maxChars: number,
): { kind: ImageKind; bytes: Uint8Array } | undefined {
  if (text.length < MIN_IMAGE_CHARS || text.length > maxChars) return undefined;
  const base64 = text.replace(DATA_URI, '').replace(/\s+/g, '');
  if (!BASE64.test(base64)) return undefined;
  const bytes = new Uint8Array(Buffer.from(base64, 'base64'));
  if (startsWith(bytes, PNG_SIGNATURE)) return { kind: 'png', bytes };
  if (startsWith(bytes, JPEG_SIGNATURE)) return { kind: 'jpeg', bytes };
  return undefined;
}

/** The text of every QR code in a PNG or JPEG image (empty when none is readable). */
export async function readQrImage(bytes: Uint8Array): Promise<string[]> {
  const zxing = await loadReader();
  const results = await zxing.readBarcodes(bytes, { formats: ['QRCode'], tryHarder: true });
  return results.filter((r) => r.isValid).map((r) => r.text);
}
