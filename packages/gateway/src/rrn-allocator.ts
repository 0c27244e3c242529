import type { Database } from './database.js';
import { RRN_COUNTERS } from './migrations.js';

export interface StanRrn {
  stan: string;
  rrn: string;
}

export interface StanRrnAllocator {
  allocate(): Promise<StanRrn>;
}

export class SequenceExhaustedError extends Error {
  override readonly name = 'SequenceExhaustedError';
}

const PKT_OFFSET_MS = 5 * 60 * 60 * 1000;
const MAX_PER_DAY = 999_999;

/** yyMMdd of the Pakistan (UTC+05:00, no DST) calendar day of `now`. */
export function pktDay(now: Date): string {
  const pkt = new Date(now.getTime() + PKT_OFFSET_MS);
  const yy = String(pkt.getUTCFullYear() % 100).padStart(2, '0');
  const mm = String(pkt.getUTCMonth() + 1).padStart(2, '0');
  const dd = String(pkt.getUTCDate()).padStart(2, '0');
  return `${yy}${mm}${dd}`;
}

/**
 * STAN/RRN from a per-day counter row in the database:
 *   rrn  = yyMMdd (PKT day) + 6-digit sequence of that day   (12 digits)
 *   stan = the same 6-digit sequence                         (wraps daily, 000001–999999)
 * The counter is advanced by one atomic upsert, so every process sharing the database gets a
 * distinct value, and restarts continue where the last one stopped. A fresh database on a later
 * day cannot collide with RRNs issued earlier, because the day is part of the RRN. More than
 * 999,999 allocations in one PKT day is refused rather than wrapped into a duplicate.
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
      const seq = String(value).padStart(6, '0');
      return { stan: seq, rrn: `${day}${seq}` };
    },
  };
}
