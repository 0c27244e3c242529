// Breaking-change detection between two bundled OpenAPI documents (base → head), for teams regenerating
// clients. Each change carries a rule from the catalogue in rules.ts, which decides its severity.
import type { Json } from '../local-ref.js';
import { ChangeLog, type SpecChange } from './changes.js';
import { OperationDiffer, type OperationEntry, operationsOf } from './operation.js';
import { compareResponseCodeTable } from './response-code-table.js';

export type { SpecChange } from './changes.js';
export type { Severity } from './rules.js';

/**
 * Changes from `base` to `head` (bundled documents; either may be undefined for an added or removed spec),
 * in a stable order: spec-level, then operations in base order, then added operations.
 */
export function diffSpecs(base: Json | undefined, head: Json | undefined): SpecChange[] {
  const log = new ChangeLog();
  const operations = new OperationDiffer(log, base ?? {}, head ?? {});
  if (base === undefined && head !== undefined) {
    log.add('spec-added', 'spec', 'new spec');
  }
  if (base !== undefined && head === undefined) {
    log.add('spec-removed', 'spec', 'spec removed (every operation in it is gone)');
  }
  const before = operationsOf(base ?? {});
  const after = operationsOf(head ?? {});
  const afterById = new Map<string, [string, OperationEntry]>();
  for (const [key, entry] of after) {
    if (typeof entry.op.operationId === 'string') afterById.set(entry.op.operationId, [key, entry]);
  }
  const matched = new Set<string>();
  for (const [key, entry] of before) {
    const same = after.get(key);
    if (same) {
      matched.add(key);
      operations.compareOperation(entry.where, [entry.pathItem, entry.op], [same.pathItem, same.op]);
      continue;
    }
    const moved = typeof entry.op.operationId === 'string' ? afterById.get(entry.op.operationId) : undefined;
    if (moved && !before.has(moved[0])) {
      matched.add(moved[0]);
      log.add(
        'operation-moved',
        entry.where,
        `operation ${String(entry.op.operationId)} moved to ${moved[1].where}`,
      );
      operations.compareOperation(
        moved[1].where,
        [entry.pathItem, entry.op],
        [moved[1].pathItem, moved[1].op],
      );
      continue;
    }
    if (head !== undefined) {
      log.add(
        'operation-removed',
        entry.where,
        `operation ${String(entry.op.operationId ?? '')} removed`.replace('  ', ' '),
      );
    }
  }
  for (const [key, entry] of after) {
    if (matched.has(key) || before.has(key)) continue;
    log.add('operation-added', entry.where, `operation ${String(entry.op.operationId ?? '')} added`);
  }
  // A new spec's table is all new; listing every entry would bury the operations.
  if (base !== undefined && head !== undefined) compareResponseCodeTable(log, base, head);
  return log.changes;
}
