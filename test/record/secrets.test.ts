import { assertNoSecrets, findSecretLeaks, SecretLeakError } from '@onelink-kit/mock';
import { thrownBy } from '@onelink-kit/testkit';
import { describe, expect, it } from 'vitest';

const secrets = [
  { name: 'ONELINK_CLIENT_SECRET', value: 'canary/secret+42', placeholder: '<S>' },
  { name: 'ONELINK_CLIENT_ID', value: 'canary-id-0001', placeholder: '<I>' },
];

describe('findSecretLeaks', () => {
  it.each([
    { name: 'clean text', given: '{"client_secret":"<S>"}', want: [] },
    { name: 'the raw value', given: 'x canary/secret+42 y', want: ['ONELINK_CLIENT_SECRET'] },
    {
      name: 'URL-encoded (form body)',
      given: 'client_secret=canary%2Fsecret%2B42',
      want: ['ONELINK_CLIENT_SECRET'],
    },
    {
      name: 'base64 (Basic auth)',
      given: `Basic ${Buffer.from('canary-id-0001').toString('base64')}`,
      want: ['ONELINK_CLIENT_ID'],
    },
    {
      name: 'both',
      given: 'canary-id-0001 canary/secret+42',
      want: ['ONELINK_CLIENT_SECRET', 'ONELINK_CLIENT_ID'],
    },
  ])('$name', ({ given, want }) => {
    expect(findSecretLeaks(given, secrets)).toEqual(want);
  });
});

describe('assertNoSecrets', () => {
  it('refuses, naming the file and the secret but never the value', () => {
    const error = thrownBy(
      () => assertNoSecrets('mock/fixtures/x/y.json', '{"leak":"canary/secret+42"}', secrets),
      SecretLeakError,
    );
    expect(error.message).toBe(
      'refusing to write mock/fixtures/x/y.json: it still contains ONELINK_CLIENT_SECRET (value not shown)',
    );
    expect(JSON.stringify(error)).not.toContain('canary/secret+42');
  });

  it('lets a scrubbed file through', () => {
    expect(() => assertNoSecrets('f', '{"client_secret":"<S>"}', secrets)).not.toThrow();
  });
});
