import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { listSpecFiles, loadSpec } from '../spec-catalog.js';
import { diffSpecs, type SpecChange } from './diff-specs.js';

export interface SpecDiff {
  /** e.g. `spec/1link-p2m-qr.yaml`. */
  spec: string;
  changes: SpecChange[];
}

/** One side of a comparison: a spec file inside the folder its external $refs resolve against. */
export interface SpecSide {
  dir: string;
  file: string;
}

/** Diffs one spec; a missing side is an added or removed spec. Bundles each side within its own folder. */
export async function diffSpecFiles(
  base: SpecSide | undefined,
  head: SpecSide | undefined,
  label: string,
): Promise<SpecDiff> {
  const load = async (side: SpecSide | undefined) =>
    side && existsSync(join(side.dir, side.file))
      ? (await loadSpec(side.dir, side.file)).document
      : undefined;
  const [before, after] = [await load(base), await load(head)];
  if (before === undefined && after === undefined) throw new Error(`${label}: not found at the base or now`);
  return { spec: label, changes: diffSpecs(before, after) };
}

/**
 * Diffs every spec named in `files` (file names like `1link-p2m-qr.yaml`; default: all in either folder),
 * bundling each side in its own folder so external $refs resolve within the same version.
 */
export async function diffSpecDirs(baseDir: string, headDir: string, files?: string[]): Promise<SpecDiff[]> {
  const names = files ?? [...new Set([...listSpecFiles(baseDir), ...listSpecFiles(headDir)])].sort();
  const result: SpecDiff[] = [];
  for (const file of names) {
    const name = basename(file);
    result.push(
      await diffSpecFiles({ dir: baseDir, file: name }, { dir: headDir, file: name }, `spec/${name}`),
    );
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
