// `gen`: writes what changed and removes output no spec produces any more.
import { mkdir, readdir, rm, rmdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { type GenerateOptions, generateAll, type SpecError } from './generate.js';
import { displayPath, heldBack, listFiles, readIfExists } from './output-dir.js';

export interface WriteResult {
  written: string[];
  removed: string[];
  unchanged: string[];
  errors: SpecError[];
}

/** `gen`: writes changed files only and removes output of specs that no longer exist. */
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
