// `gen --check`: regenerates in memory and names every output file that is stale, missing or extra, and why.
import { join, resolve } from 'node:path';
import type { LoadedSpec } from '../spec-catalog.js';
import { type GenerateOptions, generateAll } from './generate.js';
import { parseHeader, REGENERATE_COMMAND } from './header.js';
import { displayPath, heldBack, listFiles, readIfExists } from './output-dir.js';

export interface CheckProblem {
  kind: 'stale' | 'missing' | 'extra' | 'error';
  /** Display path of the output file, e.g. `generated/src/1link-p2m-qr/types.ts` (the spec for kind error). */
  file: string;
  /** The spec the file belongs to, e.g. `spec/1link-p2m-qr.yaml`. */
  spec: string;
  message: string;
}

function staleReason(committed: string, spec: LoadedSpec | undefined): string {
  if (!spec) return 'the set of spec files changed';
  const header = parseHeader(committed);
  if (!header) return 'its do-not-edit header is missing or was edited';
  if (header.spec.sha256 !== spec.spec.sha256) return `${spec.spec.file} changed`;
  const committedRefs = new Map(header.refs.map((r) => [r.file, r.sha256]));
  const changedRef = spec.refs.find((r) => committedRefs.get(r.file) !== r.sha256);
  if (changedRef) return `${changedRef.file} (referenced by ${spec.spec.file}) changed`;
  if (header.refs.length !== spec.refs.length) return `the specs ${spec.spec.file} references changed`;
  return 'it differs from what the codegen generates (edited by hand, or the generator changed)';
}

/** `gen --check`: regenerates in memory and lists every stale, missing or extra output file. */
export async function checkGenerated(options: GenerateOptions): Promise<CheckProblem[]> {
  const outDir = resolve(options.outDir);
  const prefix = options.specPrefix ?? 'spec';
  const { files, errors } = await generateAll(options);
  const problems: CheckProblem[] = errors.map((e) => ({
    kind: 'error' as const,
    file: e.spec,
    spec: e.spec,
    message: `${e.message} (cannot generate; fix the spec, then run ${REGENERATE_COMMAND})`,
  }));
  const wanted = new Set(files.map((f) => f.path));
  for (const file of files) {
    const shown = displayPath(outDir, file.path);
    const specFile = file.spec?.spec.file ?? `${prefix}/*.yaml`;
    const committed = await readIfExists(join(outDir, file.path));
    if (committed === undefined) {
      problems.push({
        kind: 'missing',
        file: shown,
        spec: specFile,
        message: `${shown} is missing: generated from ${specFile} but not there; run ${REGENERATE_COMMAND}`,
      });
    } else if (committed !== file.content) {
      problems.push({
        kind: 'stale',
        file: shown,
        spec: specFile,
        message: `${shown} is stale: ${staleReason(committed, file.spec)}; run ${REGENERATE_COMMAND}`,
      });
    }
  }
  for (const existing of await listFiles(outDir)) {
    if (wanted.has(existing) || heldBack(existing, errors)) continue;
    const shown = displayPath(outDir, existing);
    const specName = existing.includes('/') ? existing.slice(0, existing.indexOf('/')) : undefined;
    const specFile = specName ? `${prefix}/${specName}.yaml` : `${prefix}/*.yaml`;
    problems.push({
      kind: 'extra',
      file: shown,
      spec: specFile,
      message: specName
        ? `${shown} is extra: ${specFile} no longer exists (or no longer produces it); run ${REGENERATE_COMMAND}`
        : `${shown} is extra: not produced by the codegen; run ${REGENERATE_COMMAND}`,
    });
  }
  return problems;
}
