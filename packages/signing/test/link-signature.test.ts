import { describe, expect, it } from 'vitest';
import {
  LinkSignatureInputError,
  linkStringToSign,
  PASSWORD_MASK,
  signLink,
  verifyLink,
} from '../src/link-signature.js';
import { mismatchTests } from './support/mismatch-tests.js';

// Test-only values; not secrets of any environment.
const KEY = 'test-link-hash-key-not-real';
const PASSWORD = 'test-password-not-real';

/*
 * Vectors computed independently of this code with OpenSSL 3.0 (bash):
 *
 *   printf '%s' 'MID123test-password-not-real1500.00TXN-20261122-0001' \
 *     | openssl dgst -sha512 -hmac 'test-link-hash-key-not-real'
 *   printf '%s' 'MID123test-password-not-realINV-0000042' \
 *     | openssl dgst -sha512 -hmac 'test-link-hash-key-not-real'
 */
describe('signLink', () => {
  const cases = [
    {
      name: 'create: MID + Password + amount + merchantTxnId',
      given: { mid: 'MID123', password: PASSWORD, amount: '1500.00', merchantTxnId: 'TXN-20261122-0001' },
      want: {
        stringToSign: 'MID123test-password-not-real1500.00TXN-20261122-0001',
        masked: `MID123${PASSWORD_MASK}1500.00TXN-20261122-0001`,
        signature:
          'bf34d4ef8fd4b9a71f324eab8784b842b6f2a1577b14ea6a519d2318bd9d694ad7b6335eb8ab56d3291e249ccef3fef12da00c855c2eb1e818b2ce884306a59a',
      },
    },
    {
      name: 'resend/cancel: MID + Password + InvoiceNo',
      given: { mid: 'MID123', password: PASSWORD, invoiceNo: 'INV-0000042' },
      want: {
        stringToSign: 'MID123test-password-not-realINV-0000042',
        masked: `MID123${PASSWORD_MASK}INV-0000042`,
        signature:
          '96338db5214708e695a2cb0ff4e9421d93a3c46a1c6792bc4ffe119996329b3df5959292408232006b94975bb67d729a6d480af7929daea49425fd0cfaf29bd3',
      },
    },
  ];
  for (const { name, given, want } of cases) {
    it(name, () => {
      const got = signLink(KEY, given);
      expect(got.stringToSign).toBe(want.stringToSign);
      expect(got.maskedStringToSign).toBe(want.masked);
      expect(got.maskedStringToSign).not.toContain(PASSWORD);
      expect(got.signature).toBe(want.signature);
      expect(verifyLink(KEY, given, want.signature)).toBe(true);
      expect(verifyLink(KEY, given, want.signature.toUpperCase())).toBe(true);
    });
  }

  it('keeps the password-bearing string to sign out of JSON, spreads and logs', () => {
    const given = { mid: 'MID123', password: PASSWORD, invoiceNo: 'INV-0000042' };
    for (const got of [signLink(KEY, given), linkStringToSign(given)]) {
      expect(got.stringToSign).toContain(PASSWORD);
      expect(JSON.stringify(got)).not.toContain(PASSWORD);
      expect(JSON.stringify({ ...got })).not.toContain(PASSWORD);
      expect(JSON.stringify(got)).toContain(`MID123${PASSWORD_MASK}INV-0000042`);
    }
  });
});

describe('verifyLink detects any change', () => {
  const base = { mid: 'MID123', password: PASSWORD, amount: '1500.00', merchantTxnId: 'TXN-1' };
  const good = signLink(KEY, base).signature;
  const cases = [
    {
      name: 'password used as the key instead of the hash key',
      given: { key: PASSWORD, input: base, sig: good },
    },
    {
      name: 'amount formatted differently',
      given: { key: KEY, input: { ...base, amount: '1500' }, sig: good },
    },
    { name: 'other txn id', given: { key: KEY, input: { ...base, merchantTxnId: 'TXN-2' }, sig: good } },
    { name: 'other password', given: { key: KEY, input: { ...base, password: 'x' }, sig: good } },
    {
      name: 'base64 of the same MAC',
      given: { key: KEY, input: base, sig: Buffer.from(good, 'hex').toString('base64') },
    },
    { name: 'empty signature', given: { key: KEY, input: base, sig: '' } },
    {
      name: 'empty field is a mismatch, not a throw',
      given: { key: KEY, input: { ...base, mid: '' }, sig: good },
    },
  ];
  // A server passes body.signature, which may be absent or not a string.
  mismatchTests(verifyLink, { key: KEY, input: base }, cases);
});

describe('linkStringToSign input rules', () => {
  const cases = [
    { given: { mid: '', password: PASSWORD, invoiceNo: 'INV-1' }, want: /^mid: / },
    { given: { mid: 'M', password: '', invoiceNo: 'INV-1' }, want: /^password: / },
    { given: { mid: 'M', password: PASSWORD, amount: '', merchantTxnId: 'T' }, want: /^amount: / },
  ];
  for (const { given, want } of cases) {
    it(`rejects ${JSON.stringify({ ...given, password: given.password ? 'set' : '' })}`, () => {
      expect(() => linkStringToSign(given)).toThrow(LinkSignatureInputError);
      expect(() => linkStringToSign(given)).toThrow(want);
    });
  }
  it('never puts the password in the error message', () => {
    try {
      signLink('', { mid: 'M', password: PASSWORD, invoiceNo: 'I' });
    } catch (e) {
      expect(String(e)).not.toContain(PASSWORD);
      expect(JSON.stringify(e)).not.toContain(PASSWORD);
    }
    expect(() => signLink('', { mid: 'M', password: PASSWORD, invoiceNo: 'I' })).toThrow(/^hashKey: /);
  });
});
