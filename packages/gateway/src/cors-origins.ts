import { ConfigError } from './config-error.js';

/**
 * GATEWAY_CORS_ORIGINS: the browser origins allowed to call the gateway (`https://shop.example`,
 * separated by commas or whitespace). Unset means CORS stays off: browsers on other origins cannot read
 * answers. `*` is refused: answers carry QR and payer data, so every origin must be named.
 */
export function parseCorsOrigins(value: string | undefined, variable = 'GATEWAY_CORS_ORIGINS'): string[] {
  const entries = (value ?? '')
    .split(/[,\s]+/)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  return entries.map((entry, index) => {
    let url: URL;
    try {
      url = new URL(entry);
    } catch {
      throw new ConfigError(
        variable,
        `entry ${index + 1}: must be an origin such as https://shop.example (* is not accepted)`,
      );
    }
    if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.origin !== entry.replace(/\/$/, '')) {
      throw new ConfigError(
        variable,
        `entry ${index + 1}: must be scheme://host[:port] only, without path, query or credentials`,
      );
    }
    return url.origin;
  });
}
