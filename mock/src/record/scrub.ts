import { appendCrc, crc16, crcHex } from '@onelink-kit/emvqr';
import { PII_KEYS, PII_PATTERNS } from './pii-masks.js';
import { PLACEHOLDERS, replaceSecrets, type SecretValue } from './secrets.js';

/** Headers that identify the caller: replaced by placeholders whatever their value. */
const HEADER_PLACEHOLDERS: Record<string, (value: string) => string> = {
  authorization: (v) =>
    /^bearer /i.test(v) ? `Bearer ${PLACEHOLDERS.accessToken}` : `${v.split(' ')[0]} <REDACTED>`,
  'x-ibm-client-id': () => PLACEHOLDERS.clientId,
  'x-ibm-client-secret': () => PLACEHOLDERS.clientSecret,
  cookie: () => PLACEHOLDERS.cookie,
  'set-cookie': () => PLACEHOLDERS.cookie,
  'proxy-authorization': () => '<REDACTED>',
};

/** Transport noise that changes per call and says nothing about the contract. */
const DROPPED_HEADERS = new Set([
  'date',
  'connection',
  'keep-alive',
  'content-length',
  'transfer-encoding',
  'host',
  'user-agent',
  'accept-encoding',
  'x-forwarded-for',
  'x-real-ip',
]);

/** Body keys holding credentials. */
const KEY_PLACEHOLDERS: Record<string, string> = {
  client_id: PLACEHOLDERS.clientId,
  clientid: PLACEHOLDERS.clientId,
  client_secret: PLACEHOLDERS.clientSecret,
  clientsecret: PLACEHOLDERS.clientSecret,
  access_token: PLACEHOLDERS.accessToken,
  accesstoken: PLACEHOLDERS.accessToken,
  refresh_token: PLACEHOLDERS.refreshToken,
  id_token: '<ID_TOKEN>',
  password: '<REDACTED>',
};

/** Masks personal data and configured secrets in free text; keeps an EMV QR payload's CRC valid. */
export function scrubText(text: string, secrets: readonly SecretValue[]): string {
  let out = replaceSecrets(text, secrets);
  for (const { pattern, mask } of PII_PATTERNS) out = out.replace(pattern, (m) => mask(m));
  return out === text ? out : fixQrCrc(text, out);
}

/**
 * Masks keep lengths, so a masked EMV payload is still well-formed TLV; only its CRC (tag 63, the last
 * 8 characters) is now wrong. Recompute it — the scrubbed fixture must still verify, and provenance
 * notes say the recorder did this.
 */
function fixQrCrc(original: string, scrubbed: string): string {
  const looksLikeQr = /^000201.*6304[0-9A-F]{4}$/s;
  if (!looksLikeQr.test(original) || !looksLikeQr.test(scrubbed)) return scrubbed;
  const originalOk = crcHex(crc16(original, original.length - 4)) === original.slice(-4);
  return originalOk ? appendCrc(scrubbed.slice(0, -8)) : scrubbed;
}

export function scrubHeaders(
  headers: Record<string, string>,
  secrets: readonly SecretValue[],
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (DROPPED_HEADERS.has(lower)) continue;
    const placeholder = HEADER_PLACEHOLDERS[lower];
    out[lower] = placeholder ? placeholder(value) : scrubText(value, secrets);
  }
  return out;
}

/** Deep copy of a JSON value with credentials replaced and personal data masked (by key and by pattern). */
export function scrubValue(value: unknown, secrets: readonly SecretValue[], key?: string): unknown {
  if (typeof value === 'string') {
    const k = key?.toLowerCase();
    if (k && k in KEY_PLACEHOLDERS) return KEY_PLACEHOLDERS[k];
    const byKey = k ? PII_KEYS[k] : undefined;
    return scrubText(byKey ? byKey(value) : value, secrets);
  }
  if (Array.isArray(value)) return value.map((v) => scrubValue(v, secrets));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubValue(v, secrets, k)]));
  }
  return value;
}
