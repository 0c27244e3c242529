import { describe, expect, it } from 'vitest';
import { AnswerHeaders, REDACTED, redactHeaders, scrubDeep, scrubSecrets } from '../../src/index.js';

describe('redactHeaders', () => {
  it.each([
    { given: { Authorization: 'Bearer abc' }, want: { authorization: REDACTED } },
    { given: { 'X-IBM-Client-Id': 'cid' }, want: { 'x-ibm-client-id': REDACTED } },
    { given: { 'Content-Type': 'application/json' }, want: { 'content-type': 'application/json' } },
    {
      given: new Headers({ authorization: 'Bearer x', 'set-cookie': 'a=b', accept: '*/*' }),
      want: { authorization: REDACTED, 'set-cookie': REDACTED, accept: '*/*' },
    },
    {
      given: new AnswerHeaders(['Authorization', 'Bearer x', 'Set-Cookie', 'a=b', 'Accept', '*/*']),
      want: { authorization: REDACTED, 'set-cookie': REDACTED, accept: '*/*' },
    },
    { given: undefined, want: {} },
  ] as Array<{ given: Headers | Record<string, string> | undefined; want: Record<string, string> }>)(
    '$given → $want',
    ({ given, want }) => {
      expect(redactHeaders(given)).toEqual(want);
    },
  );
});

describe('scrubSecrets', () => {
  it.each([
    {
      given: { text: 'bad secret s3cr3t-value here', secrets: ['s3cr3t-value'] },
      want: `bad secret ${REDACTED} here`,
    },
    {
      given: { text: 'x tok123456 y tok123456', secrets: ['tok123456', undefined] },
      want: `x ${REDACTED} y ${REDACTED}`,
    },
    { given: { text: 'short ab stays', secrets: ['ab'] }, want: 'short ab stays' },
  ])('$given.text → $want', ({ given, want }) => {
    expect(scrubSecrets(given.text, given.secrets)).toBe(want);
  });
});

describe('scrubDeep', () => {
  it.each([
    { given: { a: 'Bearer tok-123456', n: 1 }, want: { a: `Bearer ${REDACTED}`, n: 1 } },
    {
      given: { nested: [{ access_token: 'x', ok: 'tok-123456!' }] },
      want: { nested: [{ access_token: REDACTED, ok: `${REDACTED}!` }] },
    },
    { given: { client_secret: 'whatever' }, want: { client_secret: REDACTED } },
    { given: 'tok-123456', want: REDACTED },
    { given: null, want: null },
  ])('$given → $want', ({ given, want }) => {
    expect(scrubDeep(given, ['tok-123456'])).toEqual(want);
  });
});
