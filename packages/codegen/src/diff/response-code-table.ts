// The 1LINK response-code table (x-onelink-response-codes): clients classify upstream errors by its kind,
// retryable and httpStatus, so removing or changing an entry breaks them.
import { isObject, type Json } from '../local-ref.js';
import { type ChangeLog, show } from './changes.js';

export function compareResponseCodeTable(log: ChangeLog, base: Json, head: Json): void {
  const key = 'x-onelink-response-codes';
  const before = isObject(base[key]) ? base[key] : {};
  const after = isObject(head[key]) ? head[key] : {};
  // Sorted: codes like "91" would otherwise iterate before "00" (integer-like keys come first in JS).
  for (const [code, entry] of Object.entries(before).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const loc = `${key} ${code}`;
    if (!(code in after)) {
      log.add('response-code-table-entry-removed', loc, `response code ${code} removed`);
      continue;
    }
    const next = after[code];
    for (const field of ['kind', 'retryable', 'httpStatus']) {
      const b = isObject(entry) ? entry[field] : undefined;
      const a = isObject(next) ? next[field] : undefined;
      if (show(a) !== show(b)) {
        log.add(
          'response-code-table-entry-changed',
          loc,
          `${field} changed ${show(b)} → ${show(a)} (clients classify errors by it)`,
        );
      }
    }
  }
  for (const code of Object.keys(after).sort()) {
    if (!(code in before))
      log.add('response-code-table-entry-added', `${key} ${code}`, `response code ${code} added`);
  }
}
