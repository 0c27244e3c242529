import { describe, expect, it } from 'vitest';
import {
  minifyJsonBody,
  SnapSignatureInputError,
  signSnap,
  snapStringToSign,
  verifySnap,
} from '../src/snap-signature.js';
import { mismatchTests } from './support/mismatch-tests.js';

// Test-only values; not secrets of any environment.
const SECRET = 'test-client-secret-not-real';
const TOKEN = 'synthetic-access-token-0001';
const GET_PATH =
  '/v1.0/get-auth-code?scopes=CARD_REGISTRATION&state=0123456789abcdef0123456789abcdef&merchantId=216620&lang=EN&seamlessData=%7B%22mobileNumber%22%3A%22628123456789%22%7D';

/*
 * Vectors computed independently of this code with OpenSSL 3.0 (bash):
 *
 *   printf '%s' '' | openssl dgst -sha256
 *     -> e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
 *   printf '%s' '{"a":1,"b":[1,2]}' | openssl dgst -sha256
 *     -> 8baa73198470c7bb4c3ce142a8fd651affc0310d878bb9bd159e37a573fb4874
 *   STS1="GET:$GET_PATH:synthetic-access-token-0001:e3b0c442...b855:2026-11-22T05:30:00+07:00"
 *   printf '%s' "$STS1" | openssl dgst -sha512 -hmac 'test-client-secret-not-real' -binary | base64 -w0
 *   STS2="POST:/v1.0/example:synthetic-access-token-0001:8baa7319...4874:2026-11-22T05:30:00.123Z"
 *   printf '%s' "$STS2" | openssl dgst -sha512 -hmac 'test-client-secret-not-real' -binary | base64 -w0
 */
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const BODY_SHA256 = '8baa73198470c7bb4c3ce142a8fd651affc0310d878bb9bd159e37a573fb4874';

describe('signSnap', () => {
  const cases = [
    {
      name: 'GET with a query string and no body',
      given: { method: 'GET', urlPath: GET_PATH, accessToken: TOKEN, timestamp: '2026-11-22T05:30:00+07:00' },
      want: {
        stringToSign: `GET:${GET_PATH}:${TOKEN}:${EMPTY_SHA256}:2026-11-22T05:30:00+07:00`,
        signature: 'vFd8oVJrCBX2Zdmymy9X2s+IhfFAM46j3rjDkznhIaP3VmOJXcFss9jKju1pOqtaqoFx91oEhNWmaWpmY2BCtw==',
      },
    },
    {
      name: 'GET with an explicitly empty body hashes zero bytes',
      given: {
        method: 'get',
        urlPath: GET_PATH,
        accessToken: TOKEN,
        body: '',
        timestamp: '2026-11-22T05:30:00+07:00',
      },
      want: {
        stringToSign: `GET:${GET_PATH}:${TOKEN}:${EMPTY_SHA256}:2026-11-22T05:30:00+07:00`,
        signature: 'vFd8oVJrCBX2Zdmymy9X2s+IhfFAM46j3rjDkznhIaP3VmOJXcFss9jKju1pOqtaqoFx91oEhNWmaWpmY2BCtw==',
      },
    },
    {
      name: 'POST with a pretty-printed JSON body is minified first',
      given: {
        method: 'POST',
        urlPath: '/v1.0/example',
        accessToken: TOKEN,
        body: '{\n  "a": 1,\n  "b": [ 1, 2 ]\n}\n',
        timestamp: '2026-11-22T05:30:00.123Z',
      },
      want: {
        stringToSign: `POST:/v1.0/example:${TOKEN}:${BODY_SHA256}:2026-11-22T05:30:00.123Z`,
        signature: '+yVkjImeyY8dcoMYnGIlyBge9wkYM17xj1AjyNnZqRWOS1QloaiuobDh/N9ihRgu0jZFrToG89EITVPukJlUDQ==',
      },
    },
  ];
  for (const { name, given, want } of cases) {
    it(name, () => {
      const got = signSnap(SECRET, given);
      expect(got.stringToSign).toBe(want.stringToSign);
      expect(got.signature).toBe(want.signature);
      expect(verifySnap(SECRET, given, want.signature)).toBe(true);
      // The string to sign holds the access token: readable, never serialised.
      expect(JSON.stringify(got)).not.toContain(TOKEN);
      expect(JSON.stringify(got)).toContain(want.signature);
    });
  }
});

describe('verifySnap detects any change', () => {
  const base = {
    method: 'GET',
    urlPath: GET_PATH,
    accessToken: TOKEN,
    timestamp: '2026-11-22T05:30:00+07:00',
  };
  const good = signSnap(SECRET, base).signature;
  const cases = [
    { name: 'other secret', given: { key: 'other-secret', input: base, sig: good } },
    {
      name: 'query reordered',
      given: { key: SECRET, input: { ...base, urlPath: reorderQuery(GET_PATH) }, sig: good },
    },
    {
      name: 'path only',
      given: { key: SECRET, input: { ...base, urlPath: '/v1.0/get-auth-code' }, sig: good },
    },
    {
      name: 'other timestamp',
      given: { key: SECRET, input: { ...base, timestamp: '2026-11-22T05:30:01+07:00' }, sig: good },
    },
    { name: 'other token', given: { key: SECRET, input: { ...base, accessToken: 'x' }, sig: good } },
    { name: 'truncated signature', given: { key: SECRET, input: base, sig: good.slice(0, -2) } },
    { name: 'empty signature', given: { key: SECRET, input: base, sig: '' } },
    {
      name: 'bad input is a mismatch, not a throw',
      given: { key: SECRET, input: { ...base, urlPath: 'no-slash' }, sig: good },
    },
  ];
  // A server passes headers.get('x-signature'), which is null when the header is missing.
  mismatchTests(verifySnap, { key: SECRET, input: base }, cases);
});

describe('minifyJsonBody', () => {
  const cases = [
    { given: undefined, want: '' },
    { given: '', want: '' },
    { given: '  \n', want: '' },
    { given: '{ "b" : 2, "a" : "x y" }', want: '{"b":2,"a":"x y"}' },
  ];
  for (const { given, want } of cases) {
    it(`${JSON.stringify(given)} -> ${JSON.stringify(want)}`, () => {
      expect(minifyJsonBody(given)).toBe(want);
    });
  }
  it('rejects a body that is not JSON, naming the field', () => {
    expect(() => minifyJsonBody('a=b')).toThrow(SnapSignatureInputError);
    expect(() => minifyJsonBody('a=b')).toThrow(/^body: /);
  });
});

describe('snapStringToSign input rules', () => {
  const base = { method: 'GET', urlPath: '/p', accessToken: TOKEN, timestamp: 'ts' };
  const cases = [
    { given: { ...base, urlPath: 'https://host/p' }, want: /^urlPath: / },
    { given: { ...base, urlPath: 'p' }, want: /^urlPath: / },
    { given: { ...base, accessToken: `Bearer ${TOKEN}` }, want: /^accessToken: / },
    { given: { ...base, method: 'GE T' }, want: /^method: / },
    { given: { ...base, timestamp: '' }, want: /^timestamp: / },
  ];
  for (const { given, want } of cases) {
    it(`rejects ${JSON.stringify(given)}`, () => {
      expect(() => snapStringToSign(given)).toThrow(want);
    });
  }
});

function reorderQuery(path: string): string {
  const [p, q = ''] = path.split('?');
  return `${p}?${q.split('&').reverse().join('&')}`;
}
