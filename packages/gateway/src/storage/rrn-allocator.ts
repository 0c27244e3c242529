import { PKT_OFFSET_MS, type StanRrnAllocator } from '@onelink-kit/core';
import type { Database } from './database.js';
import { RRN_COUNTERS } from './migrations.js';

export class SequenceExhaustedError extends Error {
  override readonly name = 'SequenceExhaustedError';
}

const MAX_PER_DAY = 9_999_999;
const STAN_MODULUS = 999_999;

/** yyDDD (year and day of year) of the Pakistan (UTC+05:00, no DST) calendar day of `now`. */
export function pktDay(now: Date): string {
  const pkt = new Date(now.getTime() + PKT_OFFSET_MS);
  const year = pkt.getUTCFullYear();
  const dayOfYear =
    Math.floor((Date.UTC(year, pkt.getUTCMonth(), pkt.getUTCDate()) - Date.UTC(year, 0, 1)) / 86_400_000) + 1;
  return `${String(year % 100).padStart(2, '0')}${String(dayOfYear).padStart(3, '0')}`;
}

/** STAN for the n-th allocation of a day: 000001–999999, then wraps to 000001. */
export function stanFor(sequence: number): string {
  return String(((sequence - 1) % STAN_MODULUS) + 1).padStart(6, '0');
}

export interface RrnAllocatorOptions {
  /**
   * Sequence numbers reserved per database round trip. 1 writes the counter on every allocation; a
   * block of n hands out n numbers from memory, so a create costs one statement fewer, and several
   * instances no longer queue on one hot counter row. Numbers of a block an instance did not use (it
   * stopped, or the PKT day changed) are skipped, never reissued: RRNs stay unique, not gap-free.
   */
  blockSize?: number;
}

/**
 * STAN/RRN from a per-day counter row in the database:
 *   rrn  = yyDDD (PKT year + day of year) + 7-digit sequence of that day   (12 digits)
 *   stan = the sequence within 6 digits: 000001–999999, wrapping to 000001 (and restarting daily)
 * The counter is advanced by one atomic upsert per block, so every process sharing the database gets
 * distinct values, and restarts continue after the last block reserved. A fresh database on a later
 * day cannot repeat an RRN issued earlier, because the day is part of the RRN. The RRN is the unique
 * reference; more than 9,999,999 allocations in one PKT day is refused rather than wrapped into a
 * duplicate RRN.
 */
export function createRrnAllocator(
  db: Database,
  now: () => Date = () => new Date(),
  options: RrnAllocatorOptions = {},
): StanRrnAllocator {
  const blockSize = options.blockSize ?? 1;
  if (!Number.isInteger(blockSize) || blockSize < 1 || blockSize > MAX_PER_DAY) {
    throw new RangeError(`RRN block size must be a whole number from 1 to ${MAX_PER_DAY}, got ${blockSize}`);
  }
  const sql = `insert into ${RRN_COUNTERS} (day, value) values (?, ?)
    on conflict (day) do update set value = ${RRN_COUNTERS}.value + excluded.value
    returning value`;
  let block: { day: string; next: number; last: number } | undefined;
  // One reservation at a time: concurrent allocations wait for it instead of each reserving a block.
  let reserving: Promise<void> | undefined;

  async function reserve(day: string): Promise<void> {
    const result = (await db.raw(sql, [day, blockSize])) as
      | { rows?: Array<{ value: number }> }
      | Array<{ value: number }>;
    const rows = Array.isArray(result) ? result : (result.rows ?? []);
    const end = Number(rows[0]?.value);
    if (!Number.isInteger(end) || end < blockSize) throw new Error('rrn counter upsert returned no value');
    block = { day, next: end - blockSize + 1, last: Math.min(end, MAX_PER_DAY) };
  }

  return {
    async allocate() {
      for (;;) {
        const day = pktDay(now());
        if (block !== undefined && block.day === day) {
          if (block.next > MAX_PER_DAY) {
            throw new SequenceExhaustedError(
              `STAN/RRN sequence for PKT day ${day} exhausted (${MAX_PER_DAY} per day)`,
            );
          }
          if (block.next <= block.last) {
            const value = block.next++;
            return { stan: stanFor(value), rrn: `${day}${String(value).padStart(7, '0')}` };
          }
        }
        reserving ??= reserve(day).finally(() => {
          reserving = undefined;
        });
        await reserving;
      }
    },
  };
}
