import { describe, expect, it } from 'vitest';
import { createInProcessAllocator } from '../src/index.js';

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
