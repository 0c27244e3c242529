import { describe, expect, it } from 'vitest';
import { assertStanRrn, OneLinkValidationError, stanRrnIssues } from '../../src/index.js';

describe('stan/rrn rules', () => {
  it.each([
    { given: { stan: '1', rrn: '000000000001' }, want: [] },
    { given: { stan: '123456', rrn: '633010123456' }, want: [] },
    { given: { stan: '1234567', rrn: '633010123456' }, want: ['info.stan'] },
    { given: { stan: '', rrn: '633010123456' }, want: ['info.stan'] },
    { given: { stan: '12', rrn: '6330101234567' }, want: ['info.rrn'] },
    { given: { stan: '12', rrn: '63301012345a' }, want: ['info.rrn'] },
    { given: {}, want: ['info.stan', 'info.rrn'] },
  ])('$given → $want', ({ given, want }) => {
    expect(stanRrnIssues(given).map((i) => i.field)).toEqual(want);
  });

  it('assertStanRrn throws a validation error naming the field and rule', () => {
    expect(() => assertStanRrn({ stan: 'x', rrn: '633010123456' }, 'payerDetails.info')).toThrow(
      OneLinkValidationError,
    );
    expect(() => assertStanRrn({ stan: 'x', rrn: '633010123456' }, 'payerDetails.info')).toThrow(
      /payerDetails\.info\.stan: stan must be 1–6 digits \[pattern\]/,
    );
  });
});
