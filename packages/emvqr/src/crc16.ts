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

// Two bytes at a time: a 16-bit register fed 16 bits depends only on (register XOR the two bytes),
// so one 64 Ki-entry table replaces two byte steps. Payloads are almost all ASCII pairs.
const TABLE16 = (() => {
  const table = new Uint16Array(65536);
  for (let x = 0; x < 65536; x++) {
    let r = ((x << 8) & 0xffff) ^ TABLE[x >>> 8]!;
    r = ((r << 8) & 0xffff) ^ TABLE[r >>> 8]!;
    table[x] = r;
  }
  return table;
})();

function step(crc: number, byte: number): number {
  return ((crc << 8) ^ TABLE[((crc >>> 8) ^ byte) & 0xff]!) & 0xffff;
}

/** CRC of the UTF-8 bytes of `input.slice(0, end)` (`end` in UTF-16 units). */
export function crc16(input: string, end: number = input.length): number {
  let crc = 0xffff;
  let i = 0;
  while (i < end) {
    let c = input.charCodeAt(i);
    if (c < 0x80) {
      if (i + 1 < end) {
        const d = input.charCodeAt(i + 1);
        if (d < 0x80) {
          crc = TABLE16[crc ^ ((c << 8) | d)]!;
          i += 2;
          continue;
        }
      }
      crc = ((crc << 8) & 0xffff) ^ TABLE[(crc >>> 8) ^ c]!;
      i++;
      continue;
    }
    if (c < 0x800) {
      crc = step(crc, 0xc0 | (c >> 6));
      crc = step(crc, 0x80 | (c & 0x3f));
      i++;
      continue;
    }
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < end) {
      const low = input.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        const cp = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
        crc = step(crc, 0xf0 | (cp >> 18));
        crc = step(crc, 0x80 | ((cp >> 12) & 0x3f));
        crc = step(crc, 0x80 | ((cp >> 6) & 0x3f));
        crc = step(crc, 0x80 | (cp & 0x3f));
        i += 2;
        continue;
      }
    }
    // A lone surrogate has no UTF-8 form; encode it as U+FFFD exactly like TextEncoder does.
    if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
    crc = step(crc, 0xe0 | (c >> 12));
    crc = step(crc, 0x80 | ((c >> 6) & 0x3f));
    crc = step(crc, 0x80 | (c & 0x3f));
    i++;
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
const HEX = '0123456789ABCDEF';

export function crcHex(crc: number): string {
  return HEX[(crc >>> 12) & 15]! + HEX[(crc >>> 8) & 15]! + HEX[(crc >>> 4) & 15]! + HEX[crc & 15]!;
}

/**
 * Appends the CRC data object to a payload body that does not yet contain tag 63:
 * `appendCrc(body)` = body + "6304" + CRC(body + "6304").
 */
export function appendCrc(body: string): string {
  const withTag = `${body}6304`;
  return withTag + crcHex(crc16(withTag));
}
