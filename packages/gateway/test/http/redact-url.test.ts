import { describe, expect, it } from 'vitest';
import { redactUrl } from '../../src/http/redact-url.js';

describe('redactUrl', () => {
  const cases: Array<[string | undefined, string | undefined]> = [
    ['/v1/qr/merchant', '/v1/qr/merchant'],
    ['/v1/transactions?api_key=olk_secret123', '/v1/transactions?api_key=[REDACTED]'],
    [
      '/v1/transactions?status=unknown&access_token=abc&format=csv',
      '/v1/transactions?status=unknown&access_token=[REDACTED]&format=csv',
    ],
    [
      '/x?token=a&key=b&apiKey=c&X-API-Key=d&client_secret=e&password=f',
      '/x?token=[REDACTED]&key=[REDACTED]&apiKey=[REDACTED]&X-API-Key=[REDACTED]&client_secret=[REDACTED]&password=[REDACTED]',
    ],
    // Names are matched decoded and case-insensitively; values of other parameters stay.
    ['/x?API%5FKEY=s3cret&from=2026-11-22T00:00:00Z', '/x?API%5FKEY=[REDACTED]&from=2026-11-22T00:00:00Z'],
    [
      '/x?refresh_token=r&id_token=i&my_token=m&sig=z',
      '/x?refresh_token=[REDACTED]&id_token=[REDACTED]&my_token=[REDACTED]&sig=[REDACTED]',
    ],
    ['/x?token', '/x?token'],
    ['/x?bad=%E0%A4%A&token=t', '/x?bad=%E0%A4%A&token=[REDACTED]'],
    ['/x?scale=8#token=frag', '/x?scale=8'],
    [undefined, undefined],
  ];
  for (const [given, want] of cases) {
    it(`${given} → ${want}`, () => {
      expect(redactUrl(given)).toBe(want);
    });
  }
});
