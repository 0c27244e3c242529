import { describe, expect, it } from 'vitest';
import {
  assertStanRrn,
  createInProcessAllocator,
  OneLinkValidationError,
  stanRrnIssues,
} from '../src/index.js';

describe('in-process allocator', () => {
  it('hands out 6-digit STANs that wrap from 999999 to 000001', () => {
    const allocator = createInProcessAllocator({ firstStan: 999_998, now: () => Date.UTC(2026, 0, 1) });
    const stans = Array.from({ length: 4 }, () => (allocator.allocate() as { stan: string }).stan);
    expect(stans).toEqual(['999998', '999999', '000001', '000002']);
  });

  it('hands out unique 12-digit RRNs even within one millisecond', () => {
    const allocator = createInProcessAllocator({ now: () => Date.UTC(2026, 10, 22) });
    const rrns = Array.from({ length: 100_000 }, () => (allocator.allocate() as { rrn: string }).rrn);
    expect(new Set(rrns).size).toBe(rrns.length);
    for (const rrn of [rrns[0], rrns.at(-1)]) expect(rrn).toMatch(/^[0-9]{12}$/);
  });

  it('starts above earlier RRNs after a restart (clock moved on)', () => {
    let t = Date.UTC(2026, 10, 22);
    const before = createInProcessAllocator({ now: () => t });
    const last = Array.from({ length: 500 }, () => (before.allocate() as { rrn: string }).rrn).at(-1)!;
    t += 1000;
    const after = createInProcessAllocator({ now: () => t });
    expect(Number((after.allocate() as { rrn: string }).rrn)).toBeGreaterThan(Number(last));
  });

  it.each([{ given: 0 }, { given: 1_000_000 }, { given: 1.5 }])('rejects firstStan $given', ({ given }) => {
    expect(() => createInProcessAllocator({ firstStan: given })).toThrow(
      /firstStan must be an integer from 1 to 999999/,
    );
  });
});

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
