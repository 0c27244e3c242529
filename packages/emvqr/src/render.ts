import QRCode from 'qrcode';

export interface RenderOptions {
  /** Error-correction level; EMVCo leaves it open, M (~15 %) is the usual choice for payment QR. */
  errorCorrectionLevel?: 'L' | 'M' | 'Q' | 'H';
  /** Quiet zone in modules (QR spec asks for 4). */
  margin?: number;
  /** Image width in pixels (PNG/SVG); wins over `scale`. */
  width?: number;
  /** Pixels per module (PNG/SVG) when no width is given. */
  scale?: number;
}

function qrOptions(options: RenderOptions): {
  errorCorrectionLevel: 'L' | 'M' | 'Q' | 'H';
  margin: number;
  width?: number;
  scale?: number;
} {
  return {
    errorCorrectionLevel: options.errorCorrectionLevel ?? 'M',
    margin: options.margin ?? 4,
    ...(options.width !== undefined ? { width: options.width } : {}),
    ...(options.scale !== undefined ? { scale: options.scale } : {}),
  };
}

/** PNG image of the payload (byte mode, UTF-8 for non-ASCII text). */
export async function renderPng(payload: string, options: RenderOptions = {}): Promise<Buffer> {
  return QRCode.toBuffer(payload, { ...qrOptions(options), type: 'png' });
}

/** SVG document of the payload. */
export async function renderSvg(payload: string, options: RenderOptions = {}): Promise<string> {
  return QRCode.toString(payload, { ...qrOptions(options), type: 'svg' });
}

/** The payload as UTF-8 half-block characters for a terminal (dark modules on a light background). */
export async function renderTerminal(
  payload: string,
  options: Omit<RenderOptions, 'width' | 'scale'> = {},
): Promise<string> {
  const { errorCorrectionLevel, margin } = qrOptions(options);
  return QRCode.toString(payload, { errorCorrectionLevel, margin, type: 'utf8' });
}
