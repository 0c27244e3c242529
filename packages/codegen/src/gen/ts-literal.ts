// Small helpers for emitting TypeScript source text deterministically.

/** A single-quoted TypeScript string literal. */
export function tsString(value: string): string {
  return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'").replaceAll('\n', '\\n').replaceAll('\r', '\\r')}'`;
}

const IDENTIFIER_RE = /^[A-Za-z_$][\w$]*$/;

/** An object key: bare when it is a valid identifier, quoted otherwise. */
export function tsKey(name: string): string {
  return IDENTIFIER_RE.test(name) ? name : tsString(name);
}

/** Text safe inside a JSDoc block (a stray `*\/` would end the comment). */
export function jsDocText(text: string): string {
  return text.replaceAll('*/', '*\\/').replace(/\s+/g, ' ').trim();
}

/** `1link-p2m-qr` → `spec1linkP2mQr`; `gateway` → `gateway`. */
export function toIdentifier(name: string): string {
  const camel = name.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''));
  return /^[A-Za-z_$]/.test(camel) ? camel : `spec${camel}`;
}

/** Property access for a key: `.name` when it is a valid identifier, `['na-me']` otherwise. */
export function tsMember(name: string): string {
  return IDENTIFIER_RE.test(name) ? `.${name}` : `[${tsString(name)}]`;
}
