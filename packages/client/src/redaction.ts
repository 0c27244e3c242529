/** Header names whose values are credentials. Compared lower-case. */
export const SENSITIVE_HEADERS: readonly string[] = [
  'authorization',
  'x-ibm-client-id',
  'x-ibm-client-secret',
  'cookie',
  'set-cookie',
];

/** Body/object keys whose values are credentials (OAuth form fields and token responses). */
export const SENSITIVE_KEYS: readonly string[] = [
  'client_secret',
  'clientSecret',
  'access_token',
  'refresh_token',
  'password',
];

export const REDACTED = '[REDACTED]';

/** A plain-object copy of headers with credential values replaced; safe for logs and hook events. */
export function redactHeaders(headers: Headers | Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!headers) return out;
  const entries = headers instanceof Headers ? [...headers.entries()] : Object.entries(headers);
  for (const [name, value] of entries) {
    const lower = name.toLowerCase();
    out[lower] = SENSITIVE_HEADERS.includes(lower) ? REDACTED : value;
  }
  return out;
}

/**
 * Removes known secret values from free text (upstream error descriptions are echoed into messages,
 * and a misbehaving server could echo the credentials back).
 */
export function scrubSecrets(text: string, secrets: Iterable<string | undefined>): string {
  let out = text;
  for (const secret of secrets) {
    // Very short values would blank out ordinary words; real secrets and tokens are long.
    if (secret && secret.length >= 6) out = out.split(secret).join(REDACTED);
  }
  return out;
}
