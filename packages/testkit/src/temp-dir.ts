import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh directory under the OS temp dir; `remove()` deletes it with everything in it. */
export interface TempDir {
  readonly path: string;
  /** `path` joined with these segments. */
  join(...segments: string[]): string;
  remove(): void;
}

export function makeTempDir(prefix = 'onelink-test-'): TempDir {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return {
    path,
    join: (...segments) => join(path, ...segments),
    remove: () => rmSync(path, { recursive: true, force: true }),
  };
}
