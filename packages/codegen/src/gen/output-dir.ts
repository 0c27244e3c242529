// The output folder as the generator sees it: what is there, how a file is shown, what a failed spec keeps.
import { readdir, readFile } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { SpecError } from './generate.js';

export async function listFiles(dir: string, base = dir): Promise<string[]> {
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

export async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

export function displayPath(outDir: string, file: string): string {
  const full = join(resolve(outDir), file);
  const rel = relative(process.cwd(), full);
  return rel.startsWith('..') || isAbsolute(rel) ? full : rel.split(sep).join('/');
}

/** Output owned by a spec that failed to generate (or the root index then): kept, not reported as extra. */
export function heldBack(path: string, errors: SpecError[]): boolean {
  return errors.length > 0 && (path === 'index.ts' || errors.some((e) => path.startsWith(`${e.name}/`)));
}
