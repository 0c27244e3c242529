import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateApiKey, parseApiKeys, presentedKey } from '../src/api-keys.js';

const rawKey = 'raw-key-0123456789abcdef';
const hashedKey = 'hashed-key-0123456789abcdef';
const hashedEntry = `sha256:${createHash('sha256').update(hashedKey).digest('hex')}`;

describe('parseApiKeys + verify', () => {
  const keys = parseApiKeys(` ${rawKey} , ${hashedEntry.toUpperCase().replace('SHA256:', 'sha256:')} ,`);
  const cases = [
    { given: rawKey, want: true },
    { given: hashedKey, want: true },
    { given: hashedEntry, want: false },
    { given: `${rawKey}x`, want: false },
    { given: rawKey.slice(0, -1), want: false },
    { given: '', want: false },
    { given: undefined, want: false },
  ];
  it.each(cases)('$given → $want', ({ given, want }) => {
    expect(keys.verify(given) !== undefined).toBe(want);
  });

  it('names each caller by a fingerprint that does not reveal the key', () => {
    const a = keys.verify(rawKey);
    const b = keys.verify(hashedKey);
    expect(a?.id).toMatch(/^key_[0-9a-f]{8}$/);
    expect(b?.id).toMatch(/^key_[0-9a-f]{8}$/);
    expect(a?.id).not.toBe(b?.id);
    expect(a?.id).not.toContain(rawKey.slice(0, 8));
  });

  it('the same key twice is fine; both entries name one caller', () => {
    const twice = parseApiKeys(`${rawKey},${rawKey}`);
    expect(twice.verify(rawKey)).toEqual(parseApiKeys(rawKey).verify(rawKey));
  });

  it('an empty list accepts nothing', () => {
    expect(parseApiKeys('').verify(rawKey)).toBeUndefined();
  });
});

describe('presentedKey', () => {
  const cases = [
    { given: { authorization: `Bearer ${rawKey}` }, want: rawKey },
    { given: { authorization: `bearer   ${rawKey}` }, want: rawKey },
    { given: { 'x-api-key': rawKey }, want: rawKey },
    { given: { 'x-api-key': [rawKey, 'other'] }, want: rawKey },
    { given: { authorization: `Basic ${rawKey}` }, want: undefined },
    { given: { authorization: 'Bearer' }, want: undefined },
    { given: {}, want: undefined },
  ];
  it.each(cases)('$given', ({ given, want }) => {
    expect(presentedKey(given)).toBe(want);
  });
});

describe('parseApiKeys separators', () => {
  const [a, b] = ['first-key-0123456789abcdef', 'second-key-0123456789abcdef'];
  // The forms a GATEWAY_API_KEYS_FILE is written in: every listed key must work, nothing else.
  const cases = [
    { given: `${a},${b}`, want: 2 },
    { given: `${a}, ${b}`, want: 2 },
    { given: `${a}\n${b}\n`, want: 2 },
    { given: `${a}\r\n${b}`, want: 2 },
    { given: `# comment-free file\n${a}`, want: 'error' },
  ] as const;
  it.each(cases)('$given → $want', ({ given, want }) => {
    if (want === 'error') {
      expect(() => parseApiKeys(given)).toThrow(/GATEWAY_API_KEYS: entry 1: a raw key must be at least 16/);
      return;
    }
    const keys = parseApiKeys(given);
    expect(keys.size).toBe(want);
    expect(keys.verify(a)).toBeDefined();
    expect(keys.verify(b)).toBeDefined();
    expect(keys.verify(`${a}\n${b}`)).toBeUndefined();
  });
});

describe('generateApiKey', () => {
  it('returns a key that its own sha256 form accepts', () => {
    const { key, hashed } = generateApiKey();
    expect(key).toMatch(/^olk_[A-Za-z0-9_-]{32}$/);
    expect(parseApiKeys(hashed).verify(key)).toBeDefined();
    expect(generateApiKey().key).not.toBe(key);
  });
});
