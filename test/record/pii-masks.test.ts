import { maskCnic, maskEmail, maskIban, maskPhone } from '@onelink-kit/mock';
import { describe, expect, it } from 'vitest';

describe('PII masks keep the format and are idempotent', () => {
  it.each([
    { mask: maskIban, given: 'PK36SCBL0000001123456702', want: 'PK35XXXX0000000000006702' },
    { mask: maskPhone, given: '+923001234567', want: '+923000000067' },
    { mask: maskPhone, given: '0300-1234567', want: '0300-0000067' },
    { mask: maskEmail, given: 'payments@chaicorner.example', want: 'pxxxxxxx@cxxxxxxxxx.example' },
    { mask: maskEmail, given: 'a.b@mail.co.pk', want: 'a.x@mxxx.cx.pk' },
    { mask: maskCnic, given: '35202-1234567-1', want: '00000-0000000-1' },
  ])('$given → $want', ({ mask, given, want }) => {
    expect(mask(given)).toBe(want);
    expect(mask(given)).toHaveLength(given.length);
    expect(mask(want)).toBe(want);
  });
});
