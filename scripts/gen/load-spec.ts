import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { basename, relative, resolve } from 'node:path';
import { bundle, createConfig } from '@redocly/openapi-core';
import type { SpecHash } from './header.js';

/** A spec with its external $refs pulled in: types and document are self-contained. */
export interface LoadedSpec {
  /** File name without `.yaml`, also the output folder name. */
  name: string;
  /** The spec file itself, labelled `spec/<name>.yaml`. */
  spec: SpecHash;
  /** Other spec files pulled in through external $refs, sorted by label. */
  refs: SpecHash[];
  /** The bundled OpenAPI document (internal $refs kept, external ones moved into components). */
  document: Record<string, unknown>;
}

export function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** `spec/*.yaml` file names, sorted so output order never depends on the file system. */
export async function listSpecFiles(specDir: string): Promise<string[]> {
  const entries = await readdir(specDir, { withFileTypes: true });
  return (
    entries
      // Dotfiles (.spectral.yaml, .redocly.yaml) are tool config, not specs.
      .filter((e) => e.isFile() && e.name.endsWith('.yaml') && !e.name.startsWith('.'))
      .map((e) => e.name)
      .sort()
  );
}

/** How a spec file is named in headers and messages, whatever directory it was read from. */
export function specLabel(specDir: string, file: string, prefix = 'spec'): string {
  return `${prefix}/${relative(specDir, resolve(specDir, file)).split('\\').join('/')}`;
}

export async function loadSpec(specDir: string, fileName: string, prefix = 'spec'): Promise<LoadedSpec> {
  const path = resolve(specDir, fileName);
  const label = specLabel(specDir, fileName, prefix);
  const raw = await readFile(path);
  // An empty config: bundling must not depend on whatever redocly.yaml the lint setup uses.
  const config = await createConfig({});
  const result = await bundle({ ref: path, config, dereference: false, removeUnusedComponents: false });
  const errors = result.problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) {
    // The bundler reports one broken referenced file once per $ref into it: say each problem once.
    const detail = [...new Set(errors.map((p) => `${p.ruleId}: ${p.message}`))].join('; ');
    throw new Error(`${label}: cannot resolve the spec (${detail})`);
  }
  const parsed = result.bundle.parsed as unknown;
  if (typeof parsed !== 'object' || parsed === null || !('openapi' in parsed)) {
    throw new Error(`${label}: not an OpenAPI 3 document (no "openapi" field)`);
  }
  const refs: SpecHash[] = [];
  for (const dep of [...result.fileDependencies].sort()) {
    if (resolve(dep) === path) continue;
    refs.push({ file: specLabel(specDir, dep, prefix), sha256: sha256(await readFile(dep)) });
  }
  refs.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return {
    name: basename(fileName, '.yaml'),
    spec: { file: label, sha256: sha256(raw) },
    refs,
    document: parsed as Record<string, unknown>,
  };
}
