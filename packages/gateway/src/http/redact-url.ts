import { REDACTED } from '@onelink-kit/core';

/**
 * Query parameters whose values are credentials when someone sends them in a URL (`?api_key=…`,
 * `?access_token=…`). The gateway never reads a key from the query string, but a caller may still
 * send one, and the request log records the URL.
 */
const CREDENTIAL_PARAM =
  /^(?:key|api[-_]?key|apikey|x[-_]api[-_]key|token|access[-_]?token|refresh[-_]?token|id[-_]?token|auth|authorization|bearer|secret|client[-_]?secret|password|passwd|pwd|sig|signature|code|session|sessionid|jwt)$|token|secret|password|api[-_]?key/i;

/** The URL with every credential-like query value replaced, for logs; path and other parameters kept. */
export function redactUrl(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  const q = url.indexOf('?');
  if (q === -1) return url;
  const hash = url.indexOf('#', q);
  const query = url.slice(q + 1, hash === -1 ? undefined : hash);
  const redacted = query
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const rawName = eq === -1 ? pair : pair.slice(0, eq);
      let name: string;
      try {
        name = decodeURIComponent(rawName.replace(/\+/g, ' '));
      } catch {
        name = rawName;
      }
      return CREDENTIAL_PARAM.test(name.trim()) && eq !== -1 ? `${rawName}=${REDACTED}` : pair;
    })
    .join('&');
  return `${url.slice(0, q)}?${redacted}`;
}
