// Everything the generator writes for a folder of specs, in memory and in a stable order; write.ts and
// check.ts compare it with what is on disk.
import { resolve } from 'node:path';
import { type LoadedSpec, listSpecFiles, loadSpec, specNameOf } from '../spec-catalog.js';
import { INDEX_HEADER, renderHeader } from './header.js';
import { collectOperations } from './operations.js';
import { RUNTIME_MODULE, renderClient } from './render-client.js';
import { renderDocument } from './render-document.js';
import { renderTypes } from './render-types.js';
import { toIdentifier, tsString } from './ts-literal.js';

export interface GenerateOptions {
  /** Folder holding the `*.yaml` / `*.yml` specs (normally `spec/`). */
  specDir: string;
  /** Spec file names in specDir to generate; default every spec the catalogue lists there. */
  files?: string[];
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

// generated/package.json exports ./runtime (the hand-written client runtime every client.ts imports) ahead
// of ./*, so a spec named like the runtime's subpath could never be imported as @onelink-kit/generated/<name>.
const RESERVED_NAME = RUNTIME_MODULE.slice(RUNTIME_MODULE.lastIndexOf('/') + 1);

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
  for (const fileName of options.files ?? listSpecFiles(specDir)) {
    const label = `${prefix}/${fileName}`;
    try {
      if (specNameOf(fileName) === RESERVED_NAME) {
        throw new Error(
          `${label}: ${RUNTIME_MODULE} is the shared client runtime, not a spec; rename the file`,
        );
      }
      const spec = await loadSpec(specDir, fileName, prefix);
      files.push(...(await renderSpec(spec)));
      specs.push(spec);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      errors.push({
        spec: label,
        name: specNameOf(fileName),
        message: message.startsWith(`${label}:`) ? message : `${label}: ${message}`,
      });
    }
  }
  if (errors.length === 0) files.push({ path: 'index.ts', content: renderRootIndex(specs) });
  return { files, errors };
}

/** Everything `gen` would write for specDir, in memory and in a stable order; throws if a spec is broken. */
export async function generate(options: GenerateOptions): Promise<GeneratedFile[]> {
  const { files, errors } = await generateAll(options);
  if (errors.length > 0) throw new Error(errors.map((e) => e.message).join('\n'));
  return files;
}
