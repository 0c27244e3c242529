// The one place that decides which files in a spec folder are specs and how a spec is read: the generator,
// spec:diff, lint:spec and the mock all list and load specs through here, so a spec/x.yml is generated,
// diffed, linted and mocked alike.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, relative, resolve } from 'node:path';
import { bundle, createConfig } from '@redocly/openapi-core';
import { parse } from 'yaml';

const SPEC_EXTENSION = /\.ya?ml$/;

/** A spec's file hash as the generated headers record it. */
export interface SpecHash {
  /** Label of the file, e.g. `spec/1link-p2m-qr.yaml`. */
  file: string;
  sha256: string;
}

/** A spec as written: the parsed YAML, no $ref resolved. */
export interface ParsedSpec {
  /** File name without `.yaml` / `.yml`, also the generated output folder name. */
  name: string;
  /** e.g. `1link-p2m-qr.yaml`. */
  fileName: string;
  /** Absolute path of the file. */
  path: string;
  /** sha256 (hex) of the file bytes: the hash generated headers record. */
  sha256: string;
  document: Record<string, unknown>;
}

/** A spec with its external $refs pulled in: types and document are self-contained. */
export interface LoadedSpec {
  /** File name without `.yaml` / `.yml`, also the output folder name. */
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

/** `*.yaml` or `*.yml`; dotfiles (.spectral.yaml, .redocly.yaml) are tool config, not specs. */
export function isSpecFileName(fileName: string): boolean {
  return SPEC_EXTENSION.test(fileName) && !fileName.startsWith('.');
}

/** `1link-p2m-qr.yaml` → `1link-p2m-qr`. */
export function specNameOf(fileName: string): string {
  return basename(fileName).replace(SPEC_EXTENSION, '');
}

/**
 * Spec file names directly in specDir (sub-folders may hold fragments that are not whole documents), sorted
 * so output order never depends on the file system. Two files with one name (x.yaml and x.yml) are refused:
 * they would generate into the same folder.
 */
export function listSpecFiles(specDir: string): string[] {
  let entries: import('node:fs').Dirent[];
  try {
    entries = readdirSync(specDir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(`${specDir}: no such spec folder`);
    }
    throw error;
  }
  const files = entries
    .filter((e) => e.isFile() && isSpecFileName(e.name))
    .map((e) => e.name)
    .sort();
  const byName = new Map<string, string>();
  for (const file of files) {
    const clash = byName.get(specNameOf(file));
    if (clash) {
      throw new Error(`${specDir}: ${clash} and ${file} are both spec ${specNameOf(file)}; keep one of them`);
    }
    byName.set(specNameOf(file), file);
  }
  return files;
}

/** What a `--spec` argument names: a folder of specs, or one spec file. */
export interface SpecSelection {
  specDir: string;
  /** File names inside specDir. */
  files: string[];
}

/** A folder means every spec in it; a file means that spec alone (it must be `.yaml` or `.yml`). */
export function selectSpecs(fileOrDir: string): SpecSelection {
  const path = resolve(fileOrDir);
  let isDirectory: boolean;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch {
    throw new Error(`${fileOrDir}: no such spec file or folder`);
  }
  if (isDirectory) return { specDir: path, files: listSpecFiles(path) };
  if (!isSpecFileName(basename(path))) {
    throw new Error(`${fileOrDir}: a spec file must end in .yaml or .yml`);
  }
  return { specDir: dirname(path), files: [basename(path)] };
}

/** Reads and parses one spec file as written (no bundling); names the file when it is not an OpenAPI object. */
export function parseSpec(path: string): ParsedSpec {
  const bytes = readFileSync(path);
  let document: unknown;
  try {
    document = parse(bytes.toString('utf8'));
  } catch (error) {
    throw new Error(`${path}: not valid YAML (${error instanceof Error ? error.message : String(error)})`);
  }
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    throw new Error(`${path}: not an OpenAPI document (the YAML is not a mapping)`);
  }
  return {
    name: specNameOf(path),
    fileName: basename(path),
    path: resolve(path),
    sha256: sha256(bytes),
    document: document as Record<string, unknown>,
  };
}

/** Every spec in specDir, parsed, in listSpecFiles order. */
export function parseSpecs(specDir: string): ParsedSpec[] {
  return listSpecFiles(specDir).map((file) => parseSpec(resolve(specDir, file)));
}

/** How a spec file is named in headers and messages, whatever directory it was read from. */
export function specLabel(specDir: string, file: string, prefix = 'spec'): string {
  return `${prefix}/${relative(specDir, resolve(specDir, file)).split('\\').join('/')}`;
}

/** Loads a spec with its external $refs bundled in, recording the hash of every file it read. */
export async function loadSpec(specDir: string, fileName: string, prefix = 'spec'): Promise<LoadedSpec> {
  const path = resolve(specDir, fileName);
  const label = specLabel(specDir, fileName, prefix);
  const raw = await readFile(path);
  // An empty config: bundling must not depend on whatever redocly.yaml the lint setup uses.
  const config = await createConfig({});
  // The bundler throws bare messages ("Unsupported specification") that do not say which file.
  const result = await bundle({ ref: path, config, dereference: false, removeUnusedComponents: false }).catch(
    (error: unknown) => {
      throw new Error(
        `${label}: cannot resolve the spec (${error instanceof Error ? error.message : String(error)})`,
      );
    },
  );
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
    name: specNameOf(fileName),
    spec: { file: label, sha256: sha256(raw) },
    refs,
    document: parsed as Record<string, unknown>,
  };
}
