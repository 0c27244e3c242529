/** A value that must never reach a fixture, and what replaces it. */
export interface SecretValue {
  /** Name used in messages (never the value), e.g. `ONELINK_CLIENT_SECRET`. */
  name: string;
  value: string;
  placeholder: string;
}

export const PLACEHOLDERS = {
  clientId: '<ONELINK_CLIENT_ID>',
  clientSecret: '<ONELINK_CLIENT_SECRET>',
  accessToken: '<ACCESS_TOKEN>',
  refreshToken: '<REFRESH_TOKEN>',
  cookie: '<REDACTED>',
} as const;

/** The forms a secret can take on the wire: as is, URL-encoded (forms), base64 (Basic auth). */
function encodings(value: string): string[] {
  return [...new Set([value, encodeURIComponent(value), Buffer.from(value).toString('base64')])];
}

/** Names of the secrets whose value (in any of its wire forms) still occurs in `text`. */
export function findSecretLeaks(text: string, secrets: readonly SecretValue[]): string[] {
  const leaks = new Set<string>();
  for (const s of secrets) {
    if (!s.value) continue;
    if (encodings(s.value).some((e) => text.includes(e))) leaks.add(s.name);
  }
  return [...leaks];
}

export class SecretLeakError extends Error {
  constructor(
    readonly file: string,
    readonly secretNames: string[],
  ) {
    super(`refusing to write ${file}: it still contains ${secretNames.join(', ')} (value not shown)`);
    this.name = 'SecretLeakError';
  }
}

/** The last gate before a file is written: throws, naming the secret but never showing it. */
export function assertNoSecrets(file: string, text: string, secrets: readonly SecretValue[]): void {
  const leaks = findSecretLeaks(text, secrets);
  if (leaks.length > 0) throw new SecretLeakError(file, leaks);
}

/** Replaces every configured secret value (in each wire form) with its placeholder. */
export function replaceSecrets(text: string, secrets: readonly SecretValue[]): string {
  let out = text;
  // Longest first, so a token containing the client id is replaced as a whole.
  for (const s of [...secrets].sort((a, b) => b.value.length - a.value.length)) {
    if (!s.value) continue;
    for (const e of encodings(s.value)) out = out.split(e).join(s.placeholder);
  }
  return out;
}
