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

/**
 * STAN/RRN from a per-day counter row in the database:
 *   rrn  = yyDDD (PKT year + day of year) + 7-digit sequence of that day   (12 digits)
 *   stan = the sequence within 6 digits: 000001–999999, wrapping to 000001 (and restarting daily)
 * The counter is advanced by one atomic upsert, so every process sharing the database gets a
 * distinct value, and restarts continue where the last one stopped. A fresh database on a later
 * day cannot repeat an RRN issued earlier, because the day is part of the RRN. The RRN is the
 * unique reference; more than 9,999,999 allocations in one PKT day is refused rather than wrapped
 * into a duplicate RRN.
 */
export function createRrnAllocator(db: Database, now: () => Date = () => new Date()): StanRrnAllocator {
  const sql = `insert into ${RRN_COUNTERS} (day, value) values (?, 1)
    on conflict (day) do update set value = ${RRN_COUNTERS}.value + 1
    returning value`;
  return {
    async allocate() {
      const day = pktDay(now());
      const result = (await db.raw(sql, [day])) as
        | { rows?: Array<{ value: number }> }
        | Array<{ value: number }>;
      const rows = Array.isArray(result) ? result : (result.rows ?? []);
      const value = Number(rows[0]?.value);
      if (!Number.isInteger(value) || value < 1) throw new Error('rrn counter upsert returned no value');
      if (value > MAX_PER_DAY) {
        throw new SequenceExhaustedError(
          `STAN/RRN sequence for PKT day ${day} exhausted (${MAX_PER_DAY} per day)`,
        );
      }
      return { stan: stanFor(value), rrn: `${day}${String(value).padStart(7, '0')}` };
    },
  };
}
