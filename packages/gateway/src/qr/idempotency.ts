import { createHash } from 'node:crypto';
import { ProblemError } from '../problems.js';
import type { TransactionRecord, TransactionsStore } from '../storage/transactions-store.js';
import { idsOf } from './outcomes.js';

/**
 * sha256 of the request in canonical JSON (object keys sorted, no whitespace), so the same request
 * with keys in another order or different spacing counts as the same body.
 */
export function requestHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

// Work for canonicalJson: a value still to write, or text (brackets, commas, keys) already decided.
type Work = { text: string } | { value: unknown };

/**
 * JSON with object keys sorted and undefined members left out (the same text, so the same hashes, as
 * before). Iterative (an explicit stack, not recursion), so a body of any depth cannot overflow the
 * stack; bodies reaching here have passed the spec's closed schemas, which refuse nested junk anyway.
 */
export function canonicalJson(value: unknown): string {
  const out: string[] = [];
  const stack: Work[] = [{ value }];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if ('text' in item) {
      out.push(item.text);
      continue;
    }
    const v = item.value;
    if (v === null || typeof v !== 'object') {
      out.push(JSON.stringify(v) ?? 'null');
      continue;
    }
    const parts: Work[] = [];
    if (Array.isArray(v)) {
      parts.push({ text: '[' });
      v.forEach((element, i) => {
        if (i > 0) parts.push({ text: ',' });
        parts.push({ value: element });
      });
      parts.push({ text: ']' });
    } else {
      const entries = Object.entries(v as Record<string, unknown>)
        .filter(([, member]) => member !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      parts.push({ text: '{' });
      entries.forEach(([key, member], i) => {
        parts.push({ text: `${i > 0 ? ',' : ''}${JSON.stringify(key)}:` });
        parts.push({ value: member });
      });
      parts.push({ text: '}' });
    }
    for (let i = parts.length - 1; i >= 0; i--) stack.push(parts[i]!);
  }
  return out.join('');
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
  existing: TransactionRecord,
  hash: string,
  wait: IdempotencyWait,
): Promise<TransactionRecord & { responseStatus: number; responseBody: unknown }> {
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
  let row: TransactionRecord | undefined = existing;
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
  return row as TransactionRecord & { responseStatus: number; responseBody: unknown };
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
