import { mkdir, readdir, readFile, rm, rmdir, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { INDEX_HEADER, parseHeader, renderHeader } from './header.js';
import { type LoadedSpec, listSpecFiles, loadSpec } from './load-spec.js';
import { collectOperations } from './operations.js';
import { renderClient } from './render-client.js';
import { renderDocument } from './render-document.js';
import { renderTypes } from './render-types.js';
import { toIdentifier, tsString } from './ts-literal.js';

export interface GenerateOptions {
  /** Folder holding the `*.yaml` specs (normally `spec/`). */
  specDir: string;
  /** Folder the output goes to (normally `generated/src/`). */
  outDir: string;
  /** How spec files are named in headers and messages; default `spec`. */
  specPrefix?: string;
}

export interface GeneratedFile {
  /** Path relative to outDir, always with `/`. */
  path: string;
  content: string;
  /** The spec it came from; undefined for the root index. */
  spec?: LoadedSpec;
}

export interface CheckProblem {
  kind: 'stale' | 'missing' | 'extra' | 'error';
  /** Display path of the output file, e.g. `generated/src/1link-p2m-qr/types.ts` (the spec for kind error). */
  file: string;
  /** The spec the file belongs to, e.g. `spec/1link-p2m-qr.yaml`. */
  spec: string;
  message: string;
}

// generated/package.json exports ./runtime (generated/runtime/operation-client.ts) ahead of ./*, so a spec of that
// name could never be imported as @onelink-kit/generated/<name>.
const RESERVED_NAME = 'runtime';

const PER_SPEC_FILES = ['types.ts', 'client.ts', 'document.ts', 'index.ts'] as const;

const INDEX_BODY = `export * from './client.js';
export * from './document.js';
export type * from './types.js';
`;

function renderRootIndex(specs: LoadedSpec[]): string {
  const ids = new Map<string, string>();
  for (const spec of specs) {
    const id = toIdentifier(spec.name);
    const clash = ids.get(id);
    if (clash || id === 'specNames') {
      throw new Error(
        `${spec.spec.file}: its namespace name ${id} clashes with ${clash ?? 'specNames'}; rename the file`,
      );
    }
    ids.set(id, spec.spec.file);
  }
  return `${INDEX_HEADER}
/** Every spec the package was generated from; import one as \`@onelink-kit/generated/<name>\`. */
export const specNames = [${specs.map((s) => tsString(s.name)).join(', ')}] as const;
export type SpecName = (typeof specNames)[number];

${specs.map((s) => `export * as ${toIdentifier(s.name)} from './${s.name}/index.js';`).join('\n')}
`;
}

export interface SpecError {
  /** e.g. `spec/gateway.yaml`. */
  spec: string;
  /** Output folder name of the spec, e.g. `gateway`. */
  name: string;
  message: string;
}

export interface Generation {
  files: GeneratedFile[];
  /** Specs that could not be generated; their committed output is left alone and the root index is not produced. */
  errors: SpecError[];
}

async function renderSpec(spec: LoadedSpec): Promise<GeneratedFile[]> {
  const header = `${renderHeader({ spec: spec.spec, refs: spec.refs })}\n`;
  const operations = collectOperations(spec.document, spec.spec.file);
  const bodies: Record<(typeof PER_SPEC_FILES)[number], string> = {
    'types.ts': await renderTypes(spec.document),
    'client.ts': renderClient(operations),
    'document.ts': renderDocument(spec),
    'index.ts': INDEX_BODY,
  };
  return PER_SPEC_FILES.map((file) => ({
    path: `${spec.name}/${file}`,
    content: header + bodies[file],
    spec,
  }));
}

/** Generates every spec it can; one broken spec (say, mid-edit) does not stop the others. */
export async function generateAll(options: GenerateOptions): Promise<Generation> {
  const specDir = resolve(options.specDir);
  const prefix = options.specPrefix ?? 'spec';
  const specs: LoadedSpec[] = [];
  const files: GeneratedFile[] = [];
  const errors: SpecError[] = [];
  for (const fileName of await listSpecFiles(specDir)) {
    const label = `${prefix}/${fileName}`;
    try {
      if (fileName === `${RESERVED_NAME}.yaml`) {
        throw new Error(
          `${label}: @onelink-kit/generated/${RESERVED_NAME} is the shared client runtime, not a spec; rename the file`,
        );
      }
      const spec = await loadSpec(specDir, fileName, prefix);
      files.push(...(await renderSpec(spec)));
      specs.push(spec);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      errors.push({
        spec: label,
        name: fileName.replace(/\.yaml$/, ''),
        message: message.startsWith(`${label}:`) ? message : `${label}: ${message}`,
      });
    }
  }
  if (errors.length === 0) files.push({ path: 'index.ts', content: renderRootIndex(specs) });
  return { files, errors };
}

/** Everything `pnpm gen` would write for specDir, in memory and in a stable order; throws if a spec is broken. */
export async function generate(options: GenerateOptions): Promise<GeneratedFile[]> {
  const { files, errors } = await generateAll(options);
  if (errors.length > 0) throw new Error(errors.map((e) => e.message).join('\n'));
  return files;
}

async function listFiles(dir: string, base = dir): Promise<string[]> {
  let entries: import('node:fs').Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const files: string[] = [];
  for (const entry of entries) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await listFiles(full, base)));
    else files.push(relative(base, full).split(sep).join('/'));
  }
  return files.sort();
}

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function displayPath(outDir: string, file: string): string {
  const full = join(resolve(outDir), file);
  const rel = relative(process.cwd(), full);
  return rel.startsWith('..') || isAbsolute(rel) ? full : rel.split(sep).join('/');
}

export interface WriteResult {
  written: string[];
  removed: string[];
  unchanged: string[];
  errors: SpecError[];
}

/** Output owned by a spec that failed to generate (or the root index then): kept, not reported as extra. */
function heldBack(path: string, errors: SpecError[]): boolean {
  return errors.length > 0 && (path === 'index.ts' || errors.some((e) => path.startsWith(`${e.name}/`)));
}

/** `pnpm gen`: writes changed files only and removes output of specs that no longer exist. */
export async function writeGenerated(options: GenerateOptions): Promise<WriteResult> {
  const outDir = resolve(options.outDir);
  const { files, errors } = await generateAll(options);
  const result: WriteResult = { written: [], removed: [], unchanged: [], errors };
  const wanted = new Set(files.map((f) => f.path));
  for (const file of files) {
    const target = join(outDir, file.path);
    if ((await readIfExists(target)) === file.content) {
      result.unchanged.push(displayPath(outDir, file.path));
      continue;
    }
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, file.content);
    result.written.push(displayPath(outDir, file.path));
  }
  for (const existing of await listFiles(outDir)) {
    if (wanted.has(existing) || heldBack(existing, errors)) continue;
    await rm(join(outDir, existing));
    result.removed.push(displayPath(outDir, existing));
  }
  await removeEmptyDirs(outDir, outDir);
  return result;
}

async function removeEmptyDirs(dir: string, root: string): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    if (entry.isDirectory()) await removeEmptyDirs(join(dir, entry.name), root);
  }
  if (dir !== root && (await readdir(dir)).length === 0) await rmdir(dir);
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
  return 'it differs from what scripts/gen.ts generates (edited by hand, or the generator changed)';
}

/** `pnpm gen:check`: regenerates in memory and lists every stale, missing or extra output file. */
export async function checkGenerated(options: GenerateOptions): Promise<CheckProblem[]> {
  const outDir = resolve(options.outDir);
  const prefix = options.specPrefix ?? 'spec';
  const { files, errors } = await generateAll(options);
  const problems: CheckProblem[] = errors.map((e) => ({
    kind: 'error' as const,
    file: e.spec,
    spec: e.spec,
    message: `${e.message} (cannot generate; fix the spec, then run pnpm gen)`,
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
        message: `${shown} is missing: generated from ${specFile} but not there; run pnpm gen`,
      });
    } else if (committed !== file.content) {
      problems.push({
        kind: 'stale',
        file: shown,
        spec: specFile,
        message: `${shown} is stale: ${staleReason(committed, file.spec)}; run pnpm gen`,
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
        ? `${shown} is extra: ${specFile} no longer exists (or no longer produces it); run pnpm gen`
        : `${shown} is extra: not produced by scripts/gen.ts; run pnpm gen`,
    });
  }
  return problems;
}
