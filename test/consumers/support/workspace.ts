import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The workspace root (where `pnpm build` and `pnpm pack` run). */
export const WORKSPACE_ROOT = fileURLToPath(new URL('../../..', import.meta.url));

export interface PublishedPackage {
  name: string;
  /** Folder from the workspace root, e.g. `packages/client`. */
  dir: string;
  /** Subpaths attw cannot discover itself (it skips `./*` patterns), e.g. `./runtime`. */
  subpaths: string[];
}

interface Manifest {
  name: string;
  private?: boolean;
  exports?: Record<string, unknown>;
}

/**
 * Every workspace package a team can install: not `private`. Read from the package.json files, so a
 * new library is packed, installed and linted without an edit here.
 */
export function publishedPackages(): PublishedPackage[] {
  const dirs = [
    'generated',
    ...readdirSync(path.join(WORKSPACE_ROOT, 'packages'), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => `packages/${d.name}`),
  ];
  const out: PublishedPackage[] = [];
  for (const dir of dirs) {
    let manifest: Manifest;
    try {
      manifest = JSON.parse(readFileSync(path.join(WORKSPACE_ROOT, dir, 'package.json'), 'utf8'));
    } catch {
      continue; // a folder being created, without a package.json yet
    }
    if (manifest.private) continue;
    out.push({ name: manifest.name, dir, subpaths: concreteSubpaths(dir, manifest) });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

/** Named subpaths plus, for a `./*` pattern over `src/*`, each folder it matches. */
function concreteSubpaths(dir: string, manifest: Manifest): string[] {
  const keys = Object.keys(manifest.exports ?? {}).filter((k) => k !== '.' && k !== './package.json');
  const named = keys.filter((k) => !k.includes('*'));
  if (!keys.includes('./*')) return named;
  const folders = readdirSync(path.join(WORKSPACE_ROOT, dir, 'src'), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => `./${d.name}`);
  return [...named, ...folders];
}

/** Versions of the tools the scratch projects install, kept in line with the workspace's own. */
export function workspaceDevVersion(name: string): string {
  const root = JSON.parse(readFileSync(path.join(WORKSPACE_ROOT, 'package.json'), 'utf8'));
  const range: string | undefined = root.devDependencies?.[name];
  if (!range) throw new Error(`package.json: no devDependency ${name}`);
  return range;
}

/** A tarball's file name as `pnpm pack` writes it: @onelink-kit/client@0.1.0 → onelink-kit-client-0.1.0.tgz. */
export function tarballName(name: string, version: string): string {
  return `${name.replace(/^@/, '').replace('/', '-')}-${version}.tgz`;
}
