import jsQRModule from 'jsqr';
import { PNG } from 'pngjs';

// jsqr ships CommonJS with a default export; under NodeNext the callable sits on .default (vite's
// interop may hand over either).
const jsQR = ((jsQRModule as unknown as { default?: typeof jsQRModule }).default ??
  jsQRModule) as unknown as (
  data: Uint8ClampedArray,
  width: number,
  height: number,
) => { data: string } | null;

/**
 * The text of the QR code in a PNG (a rendered image, a screenshot), read by an independent reader
 * (jsQR) rather than the project's own; undefined when none can be read.
 */
export function decodeQrPng(png: Buffer): string | undefined {
  const image = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data;
}
