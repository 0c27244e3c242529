import { describe, expect, it } from 'vitest';
import { ConfigError } from '../src/config-error.js';
import { parseCorsOrigins } from '../src/cors-origins.js';

describe('parseCorsOrigins', () => {
  const good: Array<[string | undefined, string[]]> = [
    [undefined, []],
    ['', []],
    ['https://shop.example', ['https://shop.example']],
    ['https://shop.example/, http://127.0.0.1:3000', ['https://shop.example', 'http://127.0.0.1:3000']],
  ];
  for (const [given, want] of good) {
    it(`given ${JSON.stringify(given)} → ${JSON.stringify(want)}`, () => {
      expect(parseCorsOrigins(given)).toEqual(want);
    });
  }
  const bad: Array<[string, RegExp]> = [
    ['*', /entry 1: must be an origin/],
    ['https://a.example, shop.example', /entry 2: must be an origin/],
    ['https://a.example/path', /entry 1: must be scheme:\/\/host\[:port\] only/],
    ['ftp://a.example', /entry 1: must be scheme/],
    ['https://user:pw@a.example', /entry 1: must be scheme/],
  ];
  for (const [given, rule] of bad) {
    it(`refuses ${JSON.stringify(given)} naming the variable`, () => {
      expect(() => parseCorsOrigins(given)).toThrow(ConfigError);
      expect(() => parseCorsOrigins(given)).toThrow(rule);
      expect(() => parseCorsOrigins(given)).toThrow(/^GATEWAY_CORS_ORIGINS: /);
    });
  }
});
