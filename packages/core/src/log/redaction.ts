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
  // Any Headers by its members, not `instanceof`: a transport's answer may carry its own (AnswerHeaders).
  // A record's values are strings, so a record never has an `entries` function.
  const entries =
    typeof headers.entries === 'function' ? [...(headers as Headers).entries()] : Object.entries(headers);
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

/**
 * A copy of a JSON value with credential keys replaced and known secret values scrubbed from every
 * string, for response bodies handed to hooks (an upstream may echo the bearer token back).
 */
export function scrubDeep(value: unknown, secrets: Iterable<string | undefined>): unknown {
  const list = [...secrets];
  const walk = (v: unknown, depth: number): unknown => {
    if (typeof v === 'string') return scrubSecrets(v, list);
    if (!v || typeof v !== 'object' || depth > 20) return v;
    if (Array.isArray(v)) return v.map((item) => walk(item, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(v)) {
      out[key] = SENSITIVE_KEYS.includes(key) ? REDACTED : walk(item, depth + 1);
    }
    return out;
  };
  return walk(value, 0);
}
