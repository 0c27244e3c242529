import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { closeDatabase, createDatabase, type Database } from '../../src/storage/database.js';
import { RRN_COUNTERS } from '../../src/storage/migrations.js';
import {
  createRrnAllocator,
  pktDay,
  SequenceExhaustedError,
  stanFor,
} from '../../src/storage/rrn-allocator.js';
import { storageBackends } from './backends.js';

const backends = await storageBackends();
const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const child = fileURLToPath(new URL('./allocate-child.ts', import.meta.url));

describe('pktDay', () => {
  const cases = [
    { given: '2026-01-01T18:59:59.999Z', want: '26001' },
    { given: '2026-01-01T19:00:00.000Z', want: '26002' },
    { given: '2026-12-31T19:00:00.000Z', want: '27001' },
    { given: '2030-06-15T00:00:00.000Z', want: '30166' },
    { given: '2028-12-31T12:00:00.000Z', want: '28366' },
  ];
  it.each(cases)('$given → $want (yyDDD, UTC+05:00)', ({ given, want }) => {
    expect(pktDay(new Date(given))).toBe(want);
  });
});

describe('stanFor', () => {
  const cases = [
    { given: 1, want: '000001' },
    { given: 999_999, want: '999999' },
    { given: 1_000_000, want: '000001' },
    { given: 1_999_998, want: '999999' },
    { given: 1_999_999, want: '000001' },
    { given: 9_999_999, want: '000009' },
  ];
  it.each(cases)('sequence $given → STAN $want (wraps within 6 digits)', ({ given, want }) => {
    expect(stanFor(given)).toBe(want);
  });
});

for (const { backend, skip } of backends) {
  describe.skipIf(skip !== undefined)(`rrn allocator on ${backend.name}`, () => {
    const cleanups: Array<() => Promise<void>> = [];
    afterEach(async () => {
      while (cleanups.length > 0) await cleanups.pop()!();
    });
    async function open() {
      const opened = await backend.open();
      cleanups.push(opened.close);
      return opened;
    }

    it('hands out yyDDD(PKT) + 7-digit sequence, STAN = the sequence in 6 digits', async () => {
      const { db } = await open();
      const allocator = createRrnAllocator(db, () => new Date('2026-03-04T20:00:00Z'));
      const got = [await allocator.allocate(), await allocator.allocate()];
      expect(got).toEqual([
        { stan: '000001', rrn: '260640000001' },
        { stan: '000002', rrn: '260640000002' },
      ]);
    });

    it('starts a new sequence on a new PKT day without reusing an RRN', async () => {
      const { db } = await open();
      let now = new Date('2026-03-04T18:00:00Z');
      const allocator = createRrnAllocator(db, () => now);
      const first = await allocator.allocate();
      now = new Date('2026-03-04T19:30:00Z');
      const second = await allocator.allocate();
      expect(first).toEqual({ stan: '000001', rrn: '260630000001' });
      expect(second).toEqual({ stan: '000001', rrn: '260640000001' });
    });

    it.each([
      { blockSize: 1, before: 2, want: { stan: '000003', rrn: '261210000003' } },
      // A block of 10 reserved 1–10; the restart skips the 9 unused numbers instead of reissuing them.
      { blockSize: 10, before: 1, want: { stan: '000011', rrn: '261210000011' } },
    ])(
      'continues after a restart (a new connection pool on the same database), block of $blockSize',
      async ({ blockSize, before, want }) => {
        const { db, target } = await open();
        const fixed = () => new Date('2026-05-01T10:00:00Z');
        const first = createRrnAllocator(db, fixed, { blockSize });
        for (let i = 0; i < before; i++) await first.allocate();
        const restarted: Database = createDatabase(target);
        try {
          expect(await createRrnAllocator(restarted, fixed, { blockSize }).allocate()).toEqual(want);
        } finally {
          await closeDatabase(restarted);
        }
      },
    );

    it('refuses the 10,000,000th allocation of a day instead of wrapping into a duplicate RRN', async () => {
      const { db } = await open();
      const fixed = () => new Date('2026-05-01T10:00:00Z');
      await db(RRN_COUNTERS).insert({ day: '26121', value: 9_999_998 });
      const allocator = createRrnAllocator(db, fixed);
      expect(await allocator.allocate()).toEqual({ stan: '000009', rrn: '261219999999' });
      await expect(allocator.allocate()).rejects.toBeInstanceOf(SequenceExhaustedError);
    });

    it('STAN wraps within 6 digits while the RRN keeps counting', async () => {
      const { db } = await open();
      const fixed = () => new Date('2026-05-01T10:00:00Z');
      await db(RRN_COUNTERS).insert({ day: '26121', value: 999_998 });
      const allocator = createRrnAllocator(db, fixed);
      expect([await allocator.allocate(), await allocator.allocate()]).toEqual([
        { stan: '999999', rrn: '261210999999' },
        { stan: '000001', rrn: '261211000000' },
      ]);
    });

    it('500 concurrent allocations in one process are distinct', async () => {
      const { db } = await open();
      const allocator = createRrnAllocator(db);
      const got = await Promise.all(Array.from({ length: 500 }, () => allocator.allocate()));
      expect(new Set(got.map((g) => g.rrn)).size).toBe(500);
      expect(new Set(got.map((g) => g.stan)).size).toBe(500);
    });

    it.each([
      { blockSize: 1, perChild: 150 },
      { blockSize: 16, perChild: 150 },
    ])(
      '3 processes allocating at once get distinct RRNs (block of $blockSize)',
      async ({ blockSize, perChild }) => {
        const { target } = await open();
        const outputs = await Promise.all(
          [1, 2, 3].map(() =>
            run(
              process.execPath,
              ['--import', 'tsx/esm', child, JSON.stringify(target), String(perChild), String(blockSize)],
              { cwd: repoRoot },
            ),
          ),
        );
        const all = outputs.flatMap((o) => JSON.parse(o.stdout) as string[]);
        expect(all).toHaveLength(3 * perChild);
        expect(new Set(all).size).toBe(3 * perChild);
        for (const rrn of all) expect(rrn).toMatch(/^\d{12}$/);
      },
    );

    describe('in blocks', () => {
      const fixed = () => new Date('2026-05-01T10:00:00Z');
      const sequence = (ids: { rrn: string }) => Number(ids.rrn.slice(5));
      async function counter(db: Database): Promise<number> {
        const row = await db(RRN_COUNTERS).where({ day: '26121' }).first();
        return Number(row?.value);
      }

      it('hands out a block from memory: one counter write per block', async () => {
        const { db } = await open();
        const allocator = createRrnAllocator(db, fixed, { blockSize: 10 });
        const got = [];
        for (let i = 0; i < 12; i++) got.push(sequence(await allocator.allocate()));
        expect(got).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
        expect(await counter(db)).toBe(20);
      });

      it('two instances take turns by block and never share a number', async () => {
        const { db } = await open();
        const a = createRrnAllocator(db, fixed, { blockSize: 3 });
        const b = createRrnAllocator(db, fixed, { blockSize: 3 });
        const got = [];
        for (const allocator of [a, b, a, a, a, b]) got.push(sequence(await allocator.allocate()));
        expect(got).toEqual([1, 4, 2, 3, 7, 5]);
      });

      it('500 concurrent allocations reserve blocks one at a time and use every number', async () => {
        const { db } = await open();
        const allocator = createRrnAllocator(db, fixed, { blockSize: 7 });
        const got = await Promise.all(Array.from({ length: 500 }, () => allocator.allocate()));
        expect(got.map(sequence).sort((x, y) => x - y)).toEqual(Array.from({ length: 500 }, (_, i) => i + 1));
        expect(await counter(db)).toBe(504);
      });

      it('a new PKT day starts from its own counter', async () => {
        const { db } = await open();
        let now = new Date('2026-03-04T18:00:00Z');
        const allocator = createRrnAllocator(db, () => now, { blockSize: 50 });
        const first = await allocator.allocate();
        now = new Date('2026-03-04T19:30:00Z');
        expect([first, await allocator.allocate()]).toEqual([
          { stan: '000001', rrn: '260630000001' },
          { stan: '000001', rrn: '260640000001' },
        ]);
      });

      it('a block reaching past 9,999,999 is cut there, then allocation is refused', async () => {
        const { db } = await open();
        await db(RRN_COUNTERS).insert({ day: '26121', value: 9_999_998 });
        const allocator = createRrnAllocator(db, fixed, { blockSize: 100 });
        expect(await allocator.allocate()).toEqual({ stan: '000009', rrn: '261219999999' });
        await expect(allocator.allocate()).rejects.toBeInstanceOf(SequenceExhaustedError);
        await expect(allocator.allocate()).rejects.toBeInstanceOf(SequenceExhaustedError);
      });
    });
  });
}

describe('block size', () => {
  it.each([0, -1, 1.5, 10_000_000])('%s is refused with the rule', (blockSize) => {
    expect(() => createRrnAllocator({} as Database, undefined, { blockSize })).toThrow(
      /whole number from 1 to 9999999/,
    );
  });
});
