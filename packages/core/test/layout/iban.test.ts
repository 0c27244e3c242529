import { describe, expect, it } from 'vitest';
import { ibanChecksumValid, PK_IBAN_PATTERN } from '../../src/index.js';

describe('ibanChecksumValid (ISO 13616 mod-97)', () => {
  it.each([
    { given: 'PK36SCBL0000001123456702', want: true },
    { given: 'PK13MEZN0001020304050607', want: true },
    { given: 'GB82WEST12345698765432', want: true },
    { given: 'PK00SCBL0000001123456702', want: false },
    { given: 'PK37SCBL0000001123456702', want: false },
    { given: 'PK36SCBL0000001123456720', want: false },
    { given: 'PK36-not-an-iban', want: false },
    { given: 'pk36scbl0000001123456702', want: false },
    { given: '', want: false },
  ])('$given → $want', ({ given, want }) => {
    expect(ibanChecksumValid(given)).toBe(want);
  });
});

describe('PK_IBAN_PATTERN: PK, 2 check digits, 4-letter bank code, 16 letters or digits', () => {
  it.each([
    { given: 'PK36SCBL0000001123456702', want: true },
    { given: 'PK36SCBL000000112345670A', want: true },
    { given: 'PK36SCB10000001123456702', want: false },
    { given: 'PK36SCBL00000011234567', want: false },
    { given: 'PK36SCBL000000112345670202', want: false },
    { given: 'GB82WEST12345698765432', want: false },
    { given: 'PK36SCBL00000011234567\u0000', want: false },
  ])('$given → $want', ({ given, want }) => {
    expect(PK_IBAN_PATTERN.test(given)).toBe(want);
  });
});
