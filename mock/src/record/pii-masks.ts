// Masks for personal data that keep the value's format (length, separators, character classes), so
// masked fixtures still validate against patterns/maxLength and QR TLV lengths stay the same.
// Every mask is idempotent: masking a masked value changes nothing.

const maskChar = (c: string) => (/[0-9]/.test(c) ? '0' : /[A-Za-z]/.test(c) ? 'X' : c);

/**
 * `PK36SCBL0000001123456702` → `PK22XXXX0000000000006702`: country kept, last 4 kept for tracing, and
 * the check digits recomputed (ISO 13616 mod-97), so a client that checks them still sends a masked
 * fixture's request.
 */
export function maskIban(iban: string): string {
  if (iban.length <= 6) return iban.replace(/[0-9A-Za-z]/g, maskChar);
  const bban = iban.slice(4, -4).replace(/[0-9A-Za-z]/g, maskChar) + iban.slice(-4);
  const country = iban.slice(0, 2);
  if (!/^[A-Z]{2}$/.test(country) || !/^[0-9A-Z]+$/.test(bban)) {
    return country + iban.slice(2, -4).replace(/[0-9A-Za-z]/g, maskChar) + iban.slice(-4);
  }
  return `${country}${checkDigits(country, bban)}${bban}`;
}

/** ISO 13616: 98 − (BBAN + country + "00", letters as 10–35) mod 97, two digits. */
function checkDigits(country: string, bban: string): string {
  const numeric = `${bban}${country}00`.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  let rem = 0;
  for (const d of numeric) rem = (rem * 10 + Number(d)) % 97;
  return String(98 - rem).padStart(2, '0');
}

/** `+923001234567` → `+923000000067`: `+` and the first 3 digits (country/operator prefix) and last 2 kept. */
export function maskPhone(phone: string): string {
  let seen = 0;
  const total = (phone.match(/[0-9]/g) ?? []).length;
  return phone.replace(/[0-9]/g, (d) => {
    seen++;
    return seen <= 3 || seen > total - 2 ? d : '0';
  });
}

/** `payments@chaicorner.example` → `pxxxxxxx@cxxxxxxxxx.example`: first letters and the TLD kept. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return email.replace(/[A-Za-z0-9]/g, 'x');
  const local = email.slice(0, at);
  const labels = email.slice(at + 1).split('.');
  const keepFirst = (s: string) => (s.length === 0 ? s : s[0] + s.slice(1).replace(/[^.@-]/g, 'x'));
  const domain = labels.map((l, i) => (i === labels.length - 1 && labels.length > 1 ? l : keepFirst(l)));
  return `${keepFirst(local)}@${domain.join('.')}`;
}

/** `35202-1234567-1` → `00000-0000000-1`: separators and the last digit kept. */
export function maskCnic(cnic: string): string {
  const total = (cnic.match(/[0-9]/g) ?? []).length;
  let seen = 0;
  return cnic.replace(/[0-9]/g, (d) => (++seen === total ? d : '0'));
}

/** Patterns for personal data anywhere in free text (also inside QR payloads). */
export const PII_PATTERNS: { name: string; pattern: RegExp; mask: (s: string) => string }[] = [
  // Pakistani IBAN: PK + 2 check digits + 4-letter bank code + 16 digits (no \b: it sits inside QR TLVs).
  { name: 'iban', pattern: /(?<![A-Z])PK[0-9]{2}[A-Z]{4}[0-9]{16}/g, mask: maskIban },
  { name: 'email', pattern: /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g, mask: maskEmail },
  { name: 'cnic', pattern: /(?<![0-9])[0-9]{5}-[0-9]{7}-[0-9](?![0-9])/g, mask: maskCnic },
  // Pakistani phone numbers written with +92 / 0092 (mobile and landline).
  { name: 'phone', pattern: /(?:\+|00)92[- ]?[0-9]{2,3}[- ]?[0-9]{7,8}(?![0-9])/g, mask: maskPhone },
];

/** Object keys whose string values are personal data, whatever they look like. */
export const PII_KEYS: Record<string, (s: string) => string> = {
  iban: maskIban,
  phoneno: maskPhone,
  mobileno: maskPhone,
  phone: maskPhone,
  mobile: maskPhone,
  msisdn: maskPhone,
  email: maskEmail,
  cnic: maskCnic,
};
