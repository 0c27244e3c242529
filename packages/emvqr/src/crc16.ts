/**
 * CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF, no reflection, no final XOR) as EMVCo MPM tag 63
 * requires. The input is the UTF-8 encoding of a JS string; we encode on the fly instead of
 * allocating a byte array because this sits on the parse/verify hot path.
 */
const TABLE = (() => {
  const table = new Uint16Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i << 8;
    for (let bit = 0; bit < 8; bit++) c = c & 0x8000 ? ((c << 1) ^ 0x1021) & 0xffff : (c << 1) & 0xffff;
    table[i] = c;
  }
  return table;
})();

function step(crc: number, byte: number): number {
  return ((crc << 8) ^ TABLE[((crc >>> 8) ^ byte) & 0xff]!) & 0xffff;
}

/** CRC of the UTF-8 bytes of `input.slice(0, end)` (`end` in UTF-16 units). */
export function crc16(input: string, end: number = input.length): number {
  let crc = 0xffff;
  for (let i = 0; i < end; i++) {
    let c = input.charCodeAt(i);
    if (c < 0x80) {
      crc = step(crc, c);
    } else if (c < 0x800) {
      crc = step(crc, 0xc0 | (c >> 6));
      crc = step(crc, 0x80 | (c & 0x3f));
    } else {
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < end) {
        const low = input.charCodeAt(i + 1);
        if (low >= 0xdc00 && low <= 0xdfff) {
          const cp = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
          crc = step(crc, 0xf0 | (cp >> 18));
          crc = step(crc, 0x80 | ((cp >> 12) & 0x3f));
          crc = step(crc, 0x80 | ((cp >> 6) & 0x3f));
          crc = step(crc, 0x80 | (cp & 0x3f));
          i++;
          continue;
        }
      }
      // A lone surrogate has no UTF-8 form; encode it as U+FFFD exactly like TextEncoder does.
      if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
      crc = step(crc, 0xe0 | (c >> 12));
      crc = step(crc, 0x80 | ((c >> 6) & 0x3f));
      crc = step(crc, 0x80 | (c & 0x3f));
    }
  }
  return crc;
}

/** CRC of raw bytes (for callers that already hold the encoded payload). */
export function crc16Bytes(bytes: Uint8Array): number {
  let crc = 0xffff;
  for (const b of bytes) crc = step(crc, b);
  return crc;
}

/** Four uppercase hex digits, zero-padded: the form tag 63 carries. */
export function crcHex(crc: number): string {
  return crc.toString(16).toUpperCase().padStart(4, '0');
}

/**
 * Appends the CRC data object to a payload body that does not yet contain tag 63:
 * `appendCrc(body)` = body + "6304" + CRC(body + "6304").
 */
export function appendCrc(body: string): string {
  const withTag = `${body}6304`;
  return withTag + crcHex(crc16(withTag));
}
