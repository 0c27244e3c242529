/**
 * Adds `key` to `target` as a readable but non-enumerable property. Strings to sign carry a secret
 * (the Link password, the SNAP access token): callers can read them, but JSON.stringify, loggers
 * and object spreads of a signing result never carry them along.
 */
export function withNonEnumerable<T extends object, K extends string>(
  target: T,
  key: K,
  value: string,
): T & Record<K, string> {
  return Object.defineProperty(target, key, { value, enumerable: false }) as T & Record<K, string>;
}
