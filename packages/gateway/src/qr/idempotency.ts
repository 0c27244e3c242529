import { hash } from 'node:crypto';
import { ProblemError } from '../problems.js';
import type { ReplayRecord, TransactionsStore } from '../storage/transactions-store.js';
import { idsOf } from './outcomes.js';

/**
 * sha256 of the request in canonical JSON (object keys sorted, no whitespace), so the same request
 * with keys in another order or different spacing counts as the same body.
 */
export function requestHash(value: unknown): string {
  // The one-shot digest: no Hash object per create (1.8 against 3.3 µs for a 900-byte body in a loop).
  return hash('sha256', canonicalJson(value), 'hex');
}

/**
 * JSON with object keys sorted and undefined members left out (the same text, so the same hashes, as
 * before). Iterative (an explicit stack, not recursion), so a body of any depth cannot overflow the
 * stack; bodies reaching here have passed the spec's closed schemas, which refuse nested junk anyway.
 * The stack holds values and the text between them side by side (`isText`), with no object per step:
 * the earlier version's work items and key/value pairs were 1.7% of a replay's CPU in a
 * `pnpm bench:gateway` profile, and every create hashes its body too.
 */
export function canonicalJson(value: unknown): string {
  let out = '';
  const items: unknown[] = [value];
  const isText: boolean[] = [false];
  while (items.length > 0) {
    const item = items.pop();
    if (isText.pop() === true) {
      out += item as string;
      continue;
    }
    if (item === null || typeof item !== 'object') {
      out += JSON.stringify(item) ?? 'null';
      continue;
    }
    // The opening bracket is written now; the rest is pushed last-first, so it pops in order.
    if (Array.isArray(item)) {
      out += '[';
      items.push(']');
      isText.push(true);
      for (let i = item.length - 1; i >= 0; i--) {
        items.push(item[i]);
        isText.push(false);
        if (i > 0) {
          items.push(',');
          isText.push(true);
        }
      }
      continue;
    }
    const object = item as Record<string, unknown>;
    // Code-unit order, as the earlier version's comparator sorted.
    const keys = Object.keys(object).sort();
    // Members left out (undefined) are skipped; a comma goes before every member after the first kept.
    let first = 0;
    while (first < keys.length && object[keys[first]!] === undefined) first++;
    out += '{';
    items.push('}');
    isText.push(true);
    for (let i = keys.length - 1; i >= first; i--) {
      const key = keys[i]!;
      const member = object[key];
      if (member === undefined) continue;
      items.push(member);
      isText.push(false);
      items.push(`${i > first ? ',' : ''}${JSON.stringify(key)}:`);
      isText.push(true);
    }
  }
  return out;
}

/** How long a repeated key waits for the first request, and the clock it waits by. */
export interface IdempotencyWait {
  store: Pick<TransactionsStore, 'findById'>;
  waitMs: number;
  now: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * A row already holds this caller + key. Refuses a different body; otherwise waits (backing off
 * from 10 to 200 ms) until the first request has stored its answer, and returns that row to be
 * replayed. A first request that outlives the wait gets 409 with Retry-After; a row recovered after
 * a crash (no stored answer) gets the timeout problem its first caller would have had.
 */
export async function settledRow(
  existing: ReplayRecord,
  hash: string,
  wait: IdempotencyWait,
): Promise<ReplayRecord & { responseStatus: number; responseBody: unknown }> {
  if (existing.requestHash !== hash) {
    throw new ProblemError('idempotency-key-reused', 'Use a new Idempotency-Key for a different request.', {
      transactionId: existing.id,
      errors: [
        {
          field: 'header.Idempotency-Key',
          rule: 'same-body',
          message: 'was first used with a different body',
        },
      ],
    });
  }
  const sleep = wait.sleep ?? defaultSleep;
  // Re-read by id while pending: a full record, which has every member of a replay's.
  let row: ReplayRecord | undefined = existing;
  const deadline = wait.now() + wait.waitMs;
  let delay = 10;
  while (
    row !== undefined &&
    row.responseStatus === null &&
    row.status === 'pending' &&
    wait.now() < deadline
  ) {
    await sleep(delay);
    delay = Math.min(delay * 2, 200);
    row = await wait.store.findById(existing.id);
  }
  if (row === undefined) throw new Error(`transaction ${existing.id} vanished`);
  if (row.responseStatus === null || row.responseBody === null) {
    if (row.status === 'pending') {
      throw new ProblemError(
        'idempotency-in-progress',
        'Retry after a moment to get its result.',
        { retryable: true, transactionId: row.id },
        { 'Retry-After': '1' },
      );
    }
    // Recovered after a crash: the first caller never got an answer either.
    throw new ProblemError(
      'upstream-timeout',
      'The first request with this key was interrupted; the QR may exist upstream. Reconcile by RRN.',
      idsOf(row, row.status, { retryable: false }),
    );
  }
  return row as ReplayRecord & { responseStatus: number; responseBody: unknown };
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
