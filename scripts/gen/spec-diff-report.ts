import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { diffSpecs, type SpecChange } from './diff-specs.js';
import { listSpecFiles, loadSpec } from './load-spec.js';

export interface SpecDiff {
  /** e.g. `spec/1link-p2m-qr.yaml`. */
  spec: string;
  changes: SpecChange[];
}

/**
 * Diffs every spec named in `files` (file names like `1link-p2m-qr.yaml`; default: all in either folder),
 * bundling each side in its own folder so external $refs resolve within the same version.
 */
export async function diffSpecDirs(baseDir: string, headDir: string, files?: string[]): Promise<SpecDiff[]> {
  const names =
    files ?? [...new Set([...(await listSpecFiles(baseDir)), ...(await listSpecFiles(headDir))])].sort();
  const result: SpecDiff[] = [];
  for (const file of names) {
    const name = basename(file);
    const load = async (dir: string) =>
      existsSync(join(dir, name)) ? (await loadSpec(dir, name)).document : undefined;
    const [base, head] = [await load(baseDir), await load(headDir)];
    if (base === undefined && head === undefined)
      throw new Error(`spec/${name}: not found at the base or now`);
    result.push({ spec: `spec/${name}`, changes: diffSpecs(base, head) });
  }
  return result;
}

export function formatReport(diffs: SpecDiff[], baseLabel: string): string {
  const lines: string[] = [];
  let breaking = 0;
  let other = 0;
  for (const diff of diffs) {
    const b = diff.changes.filter((c) => c.severity === 'breaking');
    const n = diff.changes.filter((c) => c.severity === 'non-breaking');
    breaking += b.length;
    other += n.length;
    if (diff.changes.length === 0) {
      lines.push(`${diff.spec}: no changes since ${baseLabel}`);
      continue;
    }
    lines.push(`${diff.spec}: ${b.length} breaking, ${n.length} non-breaking since ${baseLabel}`);
    for (const c of b) lines.push(`  BREAKING      ${c.location}: ${c.message} [${c.rule}]`);
    for (const c of n) lines.push(`  non-breaking  ${c.location}: ${c.message} [${c.rule}]`);
  }
  lines.push(`spec:diff: ${breaking} breaking, ${other} non-breaking change(s) since ${baseLabel}`);
  return lines.join('\n');
}
