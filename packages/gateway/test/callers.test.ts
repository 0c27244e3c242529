import { createHash } from 'node:crypto';
import { thrownBy } from '@onelink-kit/testkit';
import { describe, expect, it } from 'vitest';
import { canRead, combineCallerKeys, listScope, parseCallerKeys } from '../src/callers.js';
import { ConfigError } from '../src/config-error.js';

const RAW = 'shop-a-key-0123456789';
const RAW_B = 'shop-b-key-0123456789';
const hex = (text: string) => createHash('sha256').update(text).digest('hex');
const user = { admin: false };

describe('parseCallerKeys', () => {
  const cases: Array<{ given: string; present: string; want: { id: string; admin: boolean } | undefined }> = [
    { given: `shop-a=${RAW}`, present: RAW, want: { id: 'shop-a', admin: false } },
    { given: `shop-a=sha256:${hex(RAW)}`, present: RAW, want: { id: 'shop-a', admin: false } },
    // Today's format: an unnamed key is named by its fingerprint, as every key was before.
    { given: RAW, present: RAW, want: { id: `key_${hex(RAW).slice(0, 8)}`, admin: false } },
    { given: `sha256:${hex(RAW)}`, present: RAW, want: { id: `key_${hex(RAW).slice(0, 8)}`, admin: false } },
    // Rotation: two keys of one caller.
    { given: `shop-a=${RAW}\nshop-a=${RAW_B}`, present: RAW_B, want: { id: 'shop-a', admin: false } },
    { given: `shop-a=${RAW}, shop-b=${RAW_B}`, present: RAW_B, want: { id: 'shop-b', admin: false } },
    { given: `shop-a=${RAW}`, present: 'shop-a', want: undefined },
    { given: `shop-a=${RAW}`, present: `shop-a=${RAW}`, want: undefined },
    { given: `shop-a=${RAW}`, present: '', want: undefined },
    // Text before '=' that is not a caller name (here a '/', or longer than 32) keeps the whole entry as the key.
    { given: `${'n'.repeat(33)}=${RAW}`, present: RAW, want: undefined },
    {
      given: 'a/b=0123456789abcdef',
      present: 'a/b=0123456789abcdef',
      want: { id: `key_${hex('a/b=0123456789abcdef').slice(0, 8)}`, admin: false },
    },
  ];
  for (const { given, present, want } of cases) {
    it(`given ${JSON.stringify(given.slice(0, 40))}, presenting ${JSON.stringify(present.slice(0, 12))} → ${want?.id ?? 'refused'}`, () => {
      expect(parseCallerKeys(given, 'GATEWAY_API_KEYS', user).verify(present)).toEqual(want);
    });
  }

  it('marks admin keys as admin', () => {
    expect(parseCallerKeys(`recon=${RAW}`, 'GATEWAY_ADMIN_KEYS', { admin: true }).verify(RAW)).toEqual({
      id: 'recon',
      admin: true,
    });
  });

  const errors: Array<{ given: string; rule: RegExp }> = [
    { given: 'shop-a=short', rule: /entry 1: a raw key must be at least 16/ },
    { given: `shop-a=${RAW}, shop-b=sha256:abc`, rule: /entry 2: sha256: must be followed by 64 hex/ },
    {
      given: `key_1234abcd=${RAW}`,
      rule: /entry 1: caller names starting with key_, and warmup \(start-up requests\), are reserved/,
    },
  ];
  for (const { given, rule } of errors) {
    it(`refuses ${JSON.stringify(given.slice(0, 30))} naming the variable and the entry, not its text`, () => {
      const error = thrownBy(() => parseCallerKeys(given, 'GATEWAY_ADMIN_KEYS', user), ConfigError);
      expect(error.variable).toBe('GATEWAY_ADMIN_KEYS');
      expect(error.message).toMatch(rule);
      expect(error.message).not.toContain(RAW);
    });
  }
});

describe('combineCallerKeys', () => {
  const both = combineCallerKeys(
    parseCallerKeys(`shop-a=${RAW}`, 'GATEWAY_API_KEYS', user),
    parseCallerKeys(`recon=${RAW_B}`, 'GATEWAY_ADMIN_KEYS', { admin: true }),
  );
  it('finds a key in either list, with its role', () => {
    expect(both.size).toBe(2);
    expect(both.verify(RAW)).toEqual({ id: 'shop-a', admin: false });
    expect(both.verify(RAW_B)).toEqual({ id: 'recon', admin: true });
    expect(both.verify('unknown-key-0123456789')).toBeUndefined();
  });
});

describe('read scope', () => {
  const cases = [
    { caller: { id: 'shop-a', admin: false }, row: 'shop-a', read: true, scope: 'shop-a' },
    { caller: { id: 'shop-a', admin: false }, row: 'shop-b', read: false, scope: 'shop-a' },
    { caller: { id: 'recon', admin: true }, row: 'shop-b', read: true, scope: undefined },
  ];
  for (const { caller, row, read, scope } of cases) {
    it(`${caller.id}${caller.admin ? ' (admin)' : ''} reading ${row}'s row → ${read}`, () => {
      expect(canRead(caller, row)).toBe(read);
      expect(listScope(caller)).toBe(scope);
    });
  }
  it('nobody without a caller', () => {
    expect(canRead(undefined, 'shop-a')).toBe(false);
  });
});
